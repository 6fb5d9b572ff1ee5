import { spawnSync } from "node:child_process";
import { mkdir, readdir, rename, rm, writeFile } from "node:fs/promises";
import { basename, join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Config } from "../../src/config.js";
import { LocalEmbeddings } from "../../src/embed/local-embeddings.js";
import { AppError } from "../../src/errors.js";
import { buildIndex } from "../../src/index/build-index.js";
import { loadIndex, readEmbeddingStats, readManifest } from "../../src/index/load-index.js";
import type { Manifest } from "../../src/index/manifest.js";
import { openIndex } from "../../src/index/open-index.js";
import { loadCorpus } from "../../src/ingest/load-corpus.js";
import { createRetriever } from "../../src/retrieve/retriever.js";
import { defaultTokenizer } from "../../src/text/tokenize.js";
import { startOpenAIServer } from "../embed/openai-server.js";
import { configFor, leftovers, recordEvents, tempArchive, type TempArchive } from "./helpers.js";

const QUESTION = "今年上半年准东开发区有多少家企业注册登记？";

/** The real local embedding, except that the model "falls over" after its first batch. */
class FailingEmbeddings extends LocalEmbeddings {
  calls = 0;
  override embedWithTerms(texts: readonly string[], terms: ReadonlyArray<readonly string[]>): number[][] {
    if (++this.calls > 1) throw new Error("embedding worker killed");
    return super.embedWithTerms(texts, terms);
  }
}

/** A pid no process has any more: a child that has already exited. */
const deadPid = () => spawnSync(process.execPath, ["-e", ""]).pid;

let archive: TempArchive;
let config: Config;
let built: Manifest;

/** Loads INDEX_DIR as an entry point would and asks the 245家 question. */
async function stillAnswers(): Promise<string[]> {
  const tokenizer = defaultTokenizer();
  const index = await loadIndex(config.INDEX_DIR, new LocalEmbeddings(tokenizer, await readEmbeddingStats(config.INDEX_DIR)), tokenizer);
  expect(index.manifest.builtAt).toBe(built.builtAt);
  return (await createRetriever(index).search(QUESTION, { k: 3 })).map((r) => r.chunk.text);
}

beforeAll(async () => {
  archive = await tempArchive("baoku-interrupted-");
  config = configFor(archive);
  built = (await openIndex(config)).manifest;
});

afterAll(async () => {
  await archive?.remove();
});

describe("a build that fails midway leaves the previous index", () => {
  it("embeddings failing after the first batch: buildIndex rejects with embed:failed", async () => {
    const corpus = await loadCorpus(archive.corpusDir);
    const tokenizer = defaultTokenizer();
    const embeddings = new FailingEmbeddings(tokenizer);
    const error = await buildIndex(config.INDEX_DIR, {
      corpus,
      embeddings,
      embeddingsKind: { kind: "local", model: null },
      tokenizer,
      chunking: { size: 60, overlap: 10 }, // more than one batch of 256 chunks
      fingerprint: "interrupted",
    }).catch((e: unknown) => e);

    expect(embeddings.calls).toBe(2);
    expect(error).toBeInstanceOf(AppError);
    expect(error).toMatchObject({ code: "embed:failed", detail: "embedding worker killed" });
    expect(await readManifest(config.INDEX_DIR)).toEqual(built);
    expect((await stillAnswers())[0]).toContain("245家");
    expect(await leftovers(config.INDEX_DIR)).toEqual([]);
  });

  it("the model server answering HTTP 500 for one batch: openIndex rejects, the local index still opens unchanged", async () => {
    const server = await startOpenAIServer({ failOn: "20372件" }); // a passage of the 2021-12 page
    try {
      const openai = configFor(archive, { EMBEDDINGS: "openai", OPENAI_BASE_URL: server.baseURL, EMBEDDINGS_MODEL: "bge-m3" });
      const error = await openIndex(openai).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(AppError);
      expect(error).toMatchObject({ code: "embed:failed" });
      expect(server.inputs().some((t) => t.includes("20372件"))).toBe(true);
    } finally {
      await server.close();
    }
    expect(await leftovers(config.INDEX_DIR)).toEqual([]);

    const run = recordEvents();
    const reopened = await openIndex(config, { onEvent: run.onEvent });
    expect(run.rebuilds()).toEqual([]);
    expect(reopened.manifest).toEqual(built);
    expect((await stillAnswers())[0]).toContain("245家");
  });
});

describe("leftovers of a killed build", () => {
  it("the next build removes a temp folder whose process is gone, and keeps one whose process runs", async () => {
    const dead = `${config.INDEX_DIR}.tmp-${deadPid()}-1766448000000`;
    const running = `${config.INDEX_DIR}.tmp-${process.ppid}-1766448000000`;
    for (const dir of [dead, running]) {
      await mkdir(dir, { recursive: true });
      await writeFile(join(dir, "chunks.json"), "[");
    }
    try {
      await openIndex(config, { force: true });
      const left = await leftovers(config.INDEX_DIR);
      expect(left).not.toContain(basename(dead));
      expect(left).toEqual([basename(running)]);
    } finally {
      await rm(running, { recursive: true, force: true });
    }
    built = (await readManifest(config.INDEX_DIR))!;
  });

  it("readManifest puts back an index left as index.old-* by a build killed between its two renames", async () => {
    await rename(config.INDEX_DIR, `${config.INDEX_DIR}.old-${deadPid()}-1766448000000`);
    expect(await readManifest(config.INDEX_DIR)).toEqual(built);
    expect(await leftovers(config.INDEX_DIR)).toEqual([]);
  });

  it("loadIndex does the same, and the recovered index answers", async () => {
    await rename(config.INDEX_DIR, `${config.INDEX_DIR}.old-${deadPid()}-1766448000000`);
    expect((await stillAnswers())[0]).toContain("245家");
    expect(await readdir(config.INDEX_DIR)).toContain("manifest.json");
    expect(await leftovers(config.INDEX_DIR)).toEqual([]);
  });

  it("openIndex recovers it without rebuilding", async () => {
    await rename(config.INDEX_DIR, `${config.INDEX_DIR}.old-${deadPid()}-1766448000000`);
    const run = recordEvents();
    const index = await openIndex(config, { onEvent: run.onEvent });
    expect(run.rebuilds()).toEqual([]);
    expect(index.manifest).toEqual(built);
  });
});
