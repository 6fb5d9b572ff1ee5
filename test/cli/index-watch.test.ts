/**
 * `npm run index -- --watch` as a child process: a burst of 16 pages is one update, a removal
 * another, each logged; SIGTERM and SIGINT stop it cleanly (exit 0). Polling, the fallback where
 * fs.watch cannot recurse, is tested the same way.
 */
import { rm, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { readManifest } from "../../src/index/load-index.js";
import { type IndexRun, runIndexScript, smallPage, tempArchive, type TempArchive } from "../index/helpers.js";

let archive: TempArchive;
const paper = () => join(archive.corpusDir, "昌吉日报");

type Watch = IndexRun;

const startWatch = (env: Record<string, string> = {}): Watch => runIndexScript(archive, { args: ["--watch"], env });

/** Waits (bounded) until stderr holds `count` lines matching `pattern`. */
async function lines(watch: Watch, pattern: RegExp, count = 1, timeoutMs = 120_000): Promise<string[]> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const found = watch
      .stderr()
      .split("\n")
      .filter((l) => pattern.test(l));
    if (found.length >= count) return found;
    if (watch.child.exitCode !== null || Date.now() > deadline) throw new Error(`no ${count}× ${pattern} in:\n${watch.stderr()}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

beforeAll(async () => {
  archive = await tempArchive("baoku-watch-");
});

afterAll(async () => {
  await archive?.remove();
});

describe("npm run index -- --watch", () => {
  let watch: Watch;
  afterAll(() => {
    if (watch?.child.exitCode === null) watch.child.kill("SIGKILL");
  });

  it("builds first, then says it is watching", async () => {
    watch = startWatch();
    await lines(watch, /^正在监视 /);
    expect(watch.stderr()).toContain("索引完成：5 个版面");
  }, 180_000);

  it("a burst of 16 pages is one update, logged with its counts", async () => {
    for (let n = 1; n <= 16; n++) {
      await writeFile(join(paper(), `2026-01-05_${String(n).padStart(2, "0")}版.txt`), smallPage(n));
      await new Promise((r) => setTimeout(r, 30));
    }
    const [line] = await lines(watch, /^更新索引：/);
    expect(line).toMatch(/^更新索引：新增 16 页，替换 0 页，删除 0 页，写入 \d+ 个段落，用时 [\d.]+ 秒$/);
    await new Promise((r) => setTimeout(r, 3_000));
    expect(
      watch
        .stderr()
        .split("\n")
        .filter((l) => l.startsWith("更新索引：")),
    ).toHaveLength(1);
    expect((await readManifest(archive.indexDir))?.counts.pages).toBe(21);
  }, 180_000);

  it("a removed page is the next update", async () => {
    await rm(join(paper(), "2026-01-05_16版.txt"));
    const found = await lines(watch, /^更新索引：/, 2);
    expect(found[1]).toMatch(/^更新索引：新增 0 页，替换 0 页，删除 1 页/);
    expect((await readManifest(archive.indexDir))?.counts.pages).toBe(20);
  }, 180_000);

  it("SIGTERM stops it cleanly", async () => {
    watch.child.kill("SIGTERM");
    expect(await watch.exited).toEqual({ code: 0, signal: null });
    expect(watch.stderr()).toContain("已停止监视");
  }, 60_000);
});

describe("npm run index -- --watch, polling the folder", () => {
  it("updates after a page arrives, and SIGINT stops it cleanly", async () => {
    const watch = startWatch({ BAOKU_WATCH_POLL: "1" });
    try {
      await lines(watch, /^正在监视 /);
      expect(watch.stderr()).toContain("索引已是最新");
      await writeFile(join(paper(), "2026-01-06_03版.txt"), smallPage(30, "玛纳斯县", 6));
      const [line] = await lines(watch, /^更新索引：/);
      expect(line).toMatch(/^更新索引：新增 1 页/);
      watch.child.kill("SIGINT");
      expect(await watch.exited).toEqual({ code: 0, signal: null });
      expect(watch.stderr()).toContain("收到 SIGINT");
    } finally {
      if (watch.child.exitCode === null) watch.child.kill("SIGKILL");
    }
  }, 180_000);
});
