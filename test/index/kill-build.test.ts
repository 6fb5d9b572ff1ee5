/**
 * kill -9 during re-indexing, from outside: `scripts/index.ts --force` run as a process over a
 * temp archive made large enough that a rebuild takes seconds, SIGKILLed mid-build (while reading
 * and embedding, and once it writes the graph into its temp folder). The previous index must still load and
 * answer; the next normal run must complete and clear what the killed one left.
 */
import { existsSync } from "node:fs";
import { dirname, join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { LocalEmbeddings } from "../../src/embed/local-embeddings.js";
import { FILES } from "../../src/index/files.js";
import { loadIndex, readEmbeddingStats, readManifest } from "../../src/index/load-index.js";
import type { Manifest } from "../../src/index/manifest.js";
import { createRetriever } from "../../src/retrieve/retriever.js";
import { defaultTokenizer } from "../../src/text/tokenize.js";
import { type IndexRun as Run, killGroup, leftovers, runIndexScript, tempArchive, type TempArchive, writePageCopies } from "./helpers.js";

/** `scripts/index.ts …args` on the test archive, killable as a group. */
const runIndex = (...args: string[]): Run => runIndexScript(archive, { args, env: { EMBEDDINGS: "local" }, detached: true });

const QUESTION = "今年上半年准东开发区有多少家企业注册登记？";
/** Extra pages that make a rebuild last seconds: copies of one seed page, each one character different. */
const COPIES = 200;
const PAGE = "2025-08-07_02版.txt";
const CHANGED = "七月的昌吉大地";

let archive: TempArchive;
let previous: Manifest;

/** Resolves with `promise`, or rejects after `ms` (killing the run, so nothing outlives the test). */
async function within<T>(promise: Promise<T>, ms: number, what: string, run?: Run): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      if (run && run.child.exitCode === null && run.child.signalCode === null) killGroup(run);
      reject(new Error(`timed out after ${ms} ms: ${what}\n${run?.stderr() ?? ""}`));
    }, ms);
  });
  try {
    return await Promise.race([promise, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

/** Polls (bounded) until `condition` holds; fails early when the run exits first. */
async function until(condition: () => boolean | Promise<boolean>, run: Run, what: string, intervalMs: number, timeoutMs = 180_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (run.child.exitCode !== null) throw new Error(`the build exited before ${what}:\n${run.stderr()}`);
    if (Date.now() > deadline) {
      killGroup(run);
      throw new Error(`timed out waiting for ${what}:\n${run.stderr()}`);
    }
    await new Promise((r) => setTimeout(r, intervalMs));
  }
}

/** Loads INDEX_DIR as an entry point would and returns the top passages for the 245家 question. */
async function answersFromIndex(): Promise<{ manifest: Manifest; passages: string[] }> {
  const tokenizer = defaultTokenizer();
  const index = await loadIndex(archive.indexDir, new LocalEmbeddings(tokenizer, await readEmbeddingStats(archive.indexDir)), tokenizer);
  return { manifest: index.manifest, passages: (await createRetriever(index).search(QUESTION, { k: 3 })).map((r) => r.chunk.text) };
}

/** Kills a --force rebuild once `ready` holds; returns how it ended and what it printed. */
async function killRebuildWhen(ready: (run: Run) => boolean | Promise<boolean>, what: string, intervalMs: number) {
  const run = runIndex("--force");
  await until(() => ready(run), run, what, intervalMs);
  killGroup(run);
  return { ...(await within(run.exited, 10_000, "the killed build to exit", run)), stderr: run.stderr() };
}

beforeAll(async () => {
  archive = await tempArchive("baoku-kill-");
  const first = runIndex();
  expect(await within(first.exited, 120_000, "the first build", first)).toEqual({ code: 0, signal: null });
  previous = (await readManifest(archive.indexDir))!;
  expect(previous.counts.pages).toBe(5);

  await writePageCopies(archive, PAGE, CHANGED, COPIES);
}, 180_000);

afterAll(async () => {
  await archive?.remove();
});

describe("kill -9 while re-indexing", () => {
  it("killed while reading and embedding: the previous index is untouched and still answers 245家", async () => {
    const killed = await killRebuildWhen(
      async (run) => {
        if (!run.stderr().includes("正在建立索引")) return false;
        await new Promise((r) => setTimeout(r, 500));
        return true;
      },
      "正在建立索引",
      50,
    );
    expect(killed.signal).toBe("SIGKILL");
    expect(killed.stderr).toContain("正在建立索引：按要求重建");
    expect(killed.stderr).not.toContain("索引完成");
    // At most its temp folder (the chunks cut so far) is left beside the index, never a displaced index.
    const left = await leftovers(archive.indexDir);
    expect(left.length).toBeLessThanOrEqual(1);
    expect(left.every((e) => e.includes(".tmp-"))).toBe(true);

    expect(await readManifest(archive.indexDir)).toEqual(previous);
    const { manifest, passages } = await answersFromIndex();
    expect(manifest.builtAt).toBe(previous.builtAt);
    expect(passages[0]).toContain("245家");
  }, 120_000);

  it("killed while writing the new index into its temp folder: the previous index still answers, the temp folder is left", async () => {
    // This run's temp folder (not one a killed run left) once its write stage has begun: the graph is being saved.
    const earlier = new Set(await leftovers(archive.indexDir));
    const writing = async () => {
      const own = (await leftovers(archive.indexDir)).filter((e) => e.includes(".tmp-") && !earlier.has(e));
      return own.some((e) => existsSync(join(dirname(archive.indexDir), e, FILES.vectors)));
    };
    // Polled often: the write stage lasts a few hundred milliseconds.
    const killed = await killRebuildWhen(writing, "the write stage", 5);
    expect(killed.signal).toBe("SIGKILL");
    expect(killed.stderr).not.toContain("索引完成");
    expect(await writing()).toBe(true);

    expect(await readManifest(archive.indexDir)).toEqual(previous);
    const { manifest, passages } = await answersFromIndex();
    expect(manifest.builtAt).toBe(previous.builtAt);
    expect(passages[0]).toContain("245家");
  }, 240_000);

  it("the next normal run rebuilds the larger corpus, removes the killed build's temp folder, and its index answers", async () => {
    const run = runIndex();
    expect(await within(run.exited, 240_000, "the normal run", run)).toEqual({ code: 0, signal: null });
    expect(run.stderr()).toContain(`索引完成：${5 + COPIES} 个版面`);
    expect(await leftovers(archive.indexDir)).toEqual([]);

    const { manifest, passages } = await answersFromIndex();
    expect(manifest.builtAt).not.toBe(previous.builtAt);
    expect(manifest.counts.pages).toBe(5 + COPIES);
    expect(passages[0]).toContain("245家");
  }, 300_000);
});
