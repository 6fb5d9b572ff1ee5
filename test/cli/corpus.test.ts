import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { appEnv, runScript } from "./run.js";

// `npm run corpus` on the repository's five pages: the masthead of 003 is indexed as an article
// (报头), but the JSON contract lists the stories printed, and the listing says which is which.

let root: string;
let env: Record<string, string>;

beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), "baoku-corpus-cli-"));
  env = appEnv({ CORPUS_DIR: resolve("corpus"), INDEX_DIR: join(root, "index") });
});
afterAll(() => rm(root, { recursive: true, force: true }));

describe("npm run corpus", () => {
  it("--json lists the 28 stories of the five pages and no masthead", async () => {
    const run = await runScript("corpus.ts", ["--json"], { env });
    expect(run.code, run.stderr).toBe(0);
    const articles = JSON.parse(run.stdout) as Array<{ title: string | null; body: string; issue: number | null }>;
    expect(articles).toHaveLength(28);
    expect(articles.some((a) => a.title === "报头")).toBe(false);
    for (const a of articles) expect(a.body).not.toContain("邮发代号");
    expect(articles.filter((a) => a.issue === 12403)).toHaveLength(6);
  }, 60_000);

  it("the listing shows the masthead under its page and counts it apart from the stories", async () => {
    const run = await runScript("corpus.ts", [], { env });
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toContain("《报头》");
    expect(run.stdout).toContain("共 5 个版面，28 篇文章（另有报头 1 个，也已索引）。");
  }, 60_000);
});
