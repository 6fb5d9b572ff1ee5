/**
 * A running web server answers from an index updated after it started (issue 11): the app it
 * serves swaps the index in, and the page's API and health check see the new pages.
 */
import { writeFile } from "node:fs/promises";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createApp, type App } from "../../src/app.js";
import { refreshIndex } from "../../src/index/open-index.js";
import { configFor, smallPage, tempArchive, type TempArchive } from "../index/helpers.js";
import { ask, startWeb, type RunningWeb } from "./helpers.js";

let archive: TempArchive;
let app: App;
let web: RunningWeb;
let stop: () => void;

beforeAll(async () => {
  archive = await tempArchive("baoku-web-swap-");
  const config = configFor(archive);
  app = await createApp(config);
  web = await startWeb(app);
  const swapped = new Promise<void>((resolve) => {
    stop = app.watchIndex({ intervalMs: 100, onSwap: () => resolve() });
  });
  const before = await ask(web.url, { question: "玛纳斯县第7座智慧灌溉示范园覆盖农田多少亩？" });
  expect(before.json.answered).toBe(false);
  await writeFile(join(archive.corpusDir, "昌吉日报", "2026-01-05_03版.txt"), smallPage(7));
  expect((await refreshIndex(config)).action).toBe("updated");
  await swapped;
}, 180_000);

afterAll(async () => {
  stop?.();
  await web?.close();
  await archive?.remove();
});

describe("the web server after an index update", () => {
  it("answers from the new page, with its citation", async () => {
    const r = await ask(web.url, { question: "玛纳斯县第7座智慧灌溉示范园覆盖农田多少亩？" });
    expect(r.status).toBe(200);
    expect(r.json.answered).toBe(true);
    expect(r.json.answer).toContain("3107亩");
    expect(r.json.citations[0]).toMatchObject({ date: "2026-01-05" });
  });

  it("its health check counts the new index", async () => {
    const health = (await (await fetch(`${web.url}/api/health`)).json()) as { articles: number };
    expect(health.articles).toBe(app.index.manifest.counts.articles);
    expect(app.index.manifest.coverage.to).toBe("2026-01-05");
  });
});
