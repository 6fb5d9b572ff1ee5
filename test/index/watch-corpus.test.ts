/**
 * watchCorpus polling (the fallback where fs.watch cannot recurse): once `ready` resolves, a
 * page written is seen — the first listing is taken before, so it cannot hold the new page.
 */
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { type CorpusWatch, watchCorpus } from "../../src/index/watch-corpus.js";

let dir: string;
let watching: CorpusWatch | undefined;
afterEach(async () => {
  await watching?.stop();
  await rm(dir, { recursive: true, force: true });
});

describe("watchCorpus, polling", () => {
  it("sees a page written right after it is ready, with one update", async () => {
    dir = await mkdtemp(join(tmpdir(), "baoku-poll-"));
    await writeFile(join(dir, "2026-01-05_01版.txt"), "旧版面");
    let updates = 0;
    watching = watchCorpus(dir, async () => void updates++, { poll: true, pollMs: 20, debounceMs: 20 });
    await watching.ready;
    expect(updates).toBe(0);
    await writeFile(join(dir, "2026-01-06_01版.txt"), "新版面");
    const deadline = Date.now() + 10_000;
    while (updates === 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
    expect(updates).toBe(1);
  });

  it("is ready at once where file-system events are used", async () => {
    dir = await mkdtemp(join(tmpdir(), "baoku-watch-"));
    watching = watchCorpus(dir, async () => {});
    await expect(watching.ready).resolves.toBeUndefined();
  });
});
