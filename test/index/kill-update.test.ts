/**
 * kill -9 during an update, from outside: `scripts/index.ts` run as a process after many pages
 * were added (so that the update takes seconds), SIGKILLed while embedding, while writing the
 * new segment's folder, and at moments spread over the whole update. Each time the index must be
 * the previous one or the complete new one — never some of the new pages — and the next normal
 * run must complete and remove what the killed one left.
 */
import { readdir, readFile } from "node:fs/promises";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { LocalEmbeddings } from "../../src/embed/local-embeddings.js";
import { SEGMENTS } from "../../src/index/files.js";
import { loadIndex, readEmbeddingStats, readManifest } from "../../src/index/load-index.js";
import type { Manifest } from "../../src/index/manifest.js";
import { createRetriever } from "../../src/retrieve/retriever.js";
import { defaultTokenizer } from "../../src/text/tokenize.js";
import { type IndexRun as Run, killGroup, runIndexScript, tempArchive, type TempArchive, writePageCopies } from "./helpers.js";

/** `scripts/index.ts` on the test archive, killable as a group. */
const runIndex = (): Run => runIndexScript(archive, { detached: true });

const COPIES = 60;
const PAGE = "2025-08-07_02版.txt";
const CHANGED = "七月的昌吉大地";

let archive: TempArchive;
let previous: Manifest;

/** Waits (bounded) until `condition` holds or the run ends; true when it held. */
async function until(condition: () => boolean | Promise<boolean>, run: Run, intervalMs: number, timeoutMs = 180_000): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (run.child.exitCode !== null || Date.now() > deadline) return false;
    await new Promise((r) => setTimeout(r, intervalMs));
  }
  return true;
}

/** The index as an entry point loads it: how many of the added copies it holds, and whether it answers 245家. */
async function state() {
  const tokenizer = defaultTokenizer();
  const index = await loadIndex(archive.indexDir, new LocalEmbeddings(tokenizer, await readEmbeddingStats(archive.indexDir)), tokenizer);
  const copies = new Set<string>();
  for (const seg of index.segments)
    seg.chunks.forEach((c, i) => (!seg.live || seg.live[i]) && /副本\d+/.test(c.articleId) && copies.add(c.articleId.split("#")[0]!));
  const top = await createRetriever(index).search("今年上半年准东开发区有多少家企业注册登记？", { k: 3 });
  return { manifest: index.manifest, copies: copies.size, answers245: top[0]?.chunk.text.includes("245家") ?? false };
}

/** Kills a normal run once `ready` holds; then the index must be the old one or the whole new one. */
async function killWhen(ready: (run: Run) => boolean | Promise<boolean>, intervalMs: number) {
  const run = runIndex();
  const reached = await until(() => ready(run), run, intervalMs);
  killGroup(run);
  const ended = await run.exited;
  const now = await state();
  expect(now.answers245).toBe(true);
  if (now.manifest.fingerprint === previous.fingerprint) {
    expect(now.manifest).toEqual(previous);
    expect(now.copies).toBe(0);
  } else {
    // The update committed before the kill: all of it is there.
    expect(now.copies).toBe(COPIES);
    expect(now.manifest.counts.pages).toBe(5 + COPIES);
  }
  return { reached, ended, committed: now.manifest.fingerprint !== previous.fingerprint, stderr: run.stderr() };
}

beforeAll(async () => {
  archive = await tempArchive("baoku-kill-update-");
  const first = runIndex();
  expect(await first.exited).toEqual({ code: 0, signal: null });
  previous = (await readManifest(archive.indexDir))!;
  await writePageCopies(archive, PAGE, CHANGED, COPIES);
}, 180_000);

afterAll(async () => {
  await archive?.remove();
});

describe("kill -9 while updating", () => {
  it("killed while embedding the new pages: the previous index is untouched, no copy is in", async () => {
    const killed = await killWhen(async (run) => {
      if (!run.stderr().includes("正在更新索引")) return false;
      await new Promise((r) => setTimeout(r, 300));
      return true;
    }, 50);
    expect(killed.reached).toBe(true);
    expect(killed.ended.signal).toBe("SIGKILL");
    expect(killed.stderr).toContain(`正在更新索引：新增 ${COPIES} 页，替换 0 页，删除 0 页`);
    expect(killed.committed).toBe(false);
  }, 240_000);

  it("killed while writing the segment's temp folder: the previous index still answers, no copy is in", async () => {
    const segments = join(archive.indexDir, SEGMENTS.dir);
    const writing = async () => (await readdir(segments).catch(() => [] as string[])).some((e) => e.includes(".tmp-"));
    const killed = await killWhen(writing, 5);
    expect(killed.reached).toBe(true);
    expect(killed.committed).toBe(false);
  }, 240_000);

  it.each([1500, 3000, 4500])(
    "killed %i ms after start: the old index or the whole update, never part of it",
    async (ms) => {
      const started = Date.now();
      const killed = await killWhen(() => Date.now() - started >= ms, 20);
      expect(killed.ended.code === 0 || killed.ended.signal === "SIGKILL").toBe(true);
    },
    240_000,
  );

  it("the next normal run completes the update and leaves no orphan segment or temp file", async () => {
    const run = runIndex();
    expect(await run.exited).toEqual({ code: 0, signal: null });
    const now = await state();
    expect(now.copies).toBe(COPIES);
    expect(now.manifest.counts.pages).toBe(5 + COPIES);
    const list = JSON.parse(await readFile(join(archive.indexDir, SEGMENTS.list), "utf8")) as { segments: string[] };
    expect((await readdir(join(archive.indexDir, SEGMENTS.dir))).sort()).toEqual(list.segments);
    expect((await readdir(archive.indexDir)).filter((e) => e.includes(".tmp-"))).toEqual([]);
  }, 240_000);
});
