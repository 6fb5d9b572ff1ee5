import { appendFile, readFile, rm, stat, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Config } from "../../src/config.js";
import { LocalEmbeddings } from "../../src/embed/local-embeddings.js";
import { AppError } from "../../src/errors.js";
import { retrievalText } from "../../src/index/build-index.js";
import { FILES } from "../../src/index/files.js";
import { loadIndex, readEmbeddingStats, readManifest, type LoadedIndex } from "../../src/index/load-index.js";
import { fingerprint } from "../../src/index/manifest.js";
import { modelDigest } from "../../src/index/model-digest.js";
import { openIndex } from "../../src/index/open-index.js";
import { scanCorpus } from "../../src/ingest/load-corpus.js";
import { createRetriever } from "../../src/retrieve/retriever.js";
import { defaultTokenizer } from "../../src/text/tokenize.js";
import { PAGE_FILES } from "../ingest/helpers.js";
import { fakeVector, startOpenAIServer, type OpenAIServer } from "../embed/openai-server.js";
import { configFor, recordEvents, tempArchive, type TempArchive } from "./helpers.js";

// The tests of this file run in order on one index folder, as a user's successive runs would.

let archive: TempArchive;
let server: OpenAIServer;
let local: Config;
let first: LoadedIndex;
const firstRun = recordEvents();

const open = async (config: Config) => {
  const run = recordEvents();
  const index = await openIndex(config, { onEvent: run.onEvent });
  return { index, rebuilds: run.rebuilds(), built: run.events.some((e) => e.type === "built") };
};
const loadLocal = async () => {
  const tokenizer = defaultTokenizer();
  return loadIndex(local.INDEX_DIR, new LocalEmbeddings(tokenizer, await readEmbeddingStats(local.INDEX_DIR)), tokenizer);
};
const codeOf = (promise: Promise<unknown>) =>
  promise.then(
    () => "resolved",
    (e: unknown) => (e instanceof AppError ? e.code : String(e)),
  );

beforeAll(async () => {
  archive = await tempArchive();
  server = await startOpenAIServer({ dimensions: 16 });
  local = configFor(archive);
  first = await openIndex(local, { onEvent: firstRun.onEvent });
});

afterAll(async () => {
  await server?.close();
  await archive?.remove();
});

describe("openIndex: when to build", () => {
  it("builds a missing index, saying why, and loads it", () => {
    expect(firstRun.rebuilds()).toEqual(["索引不存在"]);
    expect(firstRun.events.filter((e) => e.type === "pages")).toHaveLength(5);
    expect(first.manifest).toMatchObject({ counts: { pages: 5, articles: 28 }, embeddings: { kind: "local", dimensions: 384 } });
    expect(first.vectors?.index.getCurrentCount()).toBe(first.manifest.counts.chunks);
  });

  it("opens an unchanged corpus without rebuilding", async () => {
    const again = await open(local);
    expect(again.rebuilds).toEqual([]);
    expect(again.built).toBe(false);
    expect(again.index.manifest.builtAt).toBe(first.manifest.builtAt);
    expect(again.index.chunks).toHaveLength(first.chunks.length);
  });

  it("updates (does not rebuild) when a page file changes", async () => {
    await appendFile(join(archive.corpusDir, "昌吉日报", PAGE_FILES["2025-12-23"]), "\n");
    const run = recordEvents();
    const after = { index: await openIndex(local, { onEvent: run.onEvent }), rebuilds: run.rebuilds() };
    expect(after.rebuilds).toEqual([]);
    expect(run.events).toContainEqual({ type: "update", added: 0, replaced: 1, removed: 0 });
    expect(after.index.manifest.builtAt).not.toBe(first.manifest.builtAt);
    const pages = await scanCorpus(archive.corpusDir);
    expect(after.index.manifest.fingerprint).toBe(
      fingerprint({ pages, embeddings: { kind: "local", model: null }, chunking: { size: 220, overlap: 40 }, userWords: [], modelSha256: await modelDigest() }),
    );
    expect(after.index.manifest.fingerprint).not.toBe(first.manifest.fingerprint);
  });

  it("rebuilds when the chunking changes", async () => {
    const smaller = await open(configFor(archive, { CHUNK_SIZE: "120", CHUNK_OVERLAP: "30" }));
    expect(smaller.rebuilds).toEqual(["语料或设置有变化"]);
    expect(smaller.index.manifest.chunking).toEqual({ size: 120, overlap: 30 });
    expect(smaller.index.chunks.length).toBeGreaterThan(first.chunks.length);
  });
});

describe("openIndex: another embedding means rebuilding, never mixing", () => {
  const openai = (model: string) => configFor(archive, { EMBEDDINGS: "openai", OPENAI_BASE_URL: server.baseURL, EMBEDDINGS_MODEL: model });

  it("switching EMBEDDINGS from local to openai re-embeds every chunk through the server", async () => {
    await open(local); // back to the default chunking
    const switched = await open(openai("bge-m3"));
    expect(switched.rebuilds).toEqual(["向量类型已改变（local → openai）"]);
    const { index } = switched;
    expect(index.manifest.embeddings).toEqual({ kind: "openai", model: "bge-m3", dimensions: 16 });
    expect(index.vectors?.index.getNumDimensions()).toBe(16);
    expect(index.vectors?.index.getCurrentCount()).toBe(index.chunks.length);
    expect(server.requests.every((r) => r.body.model === "bge-m3")).toBe(true);
    // The client sends newlines as spaces: compare the texts the same way.
    const sent = new Set(server.inputs());
    expect(index.chunks.every((c) => sent.has(retrievalText(c).replace(/\n/g, " ")))).toBe(true);
    await expect(stat(join(index.dir, FILES.embeddings))).rejects.toThrow();
  });

  it("searches the openai index with the server's query vector", async () => {
    const { index, rebuilds } = await open(openai("bge-m3"));
    expect(rebuilds).toEqual([]);
    const question = "今年上半年准东开发区有多少家企业注册登记？";
    const results = await createRetriever(index).search(question, { fusion: "vector", k: 3 });
    expect(results).toHaveLength(3);
    expect(server.inputs()).toContain(question.replace(/？$/, ""));
    expect(await index.embeddings.embedQuery("准东")).toEqual(fakeVector("准东"));
  });

  it("rebuilds when only the model changes, and again when going back to local", async () => {
    const other = await open(openai("nomic-embed-text"));
    expect(other.rebuilds).toEqual(["向量类型已改变（openai → openai）"]);
    expect(other.index.manifest.embeddings.model).toBe("nomic-embed-text");
    const back = await open(local);
    expect(back.rebuilds).toEqual(["向量类型已改变（openai → local）"]);
    expect(back.index.manifest.embeddings).toEqual({ kind: "local", model: null, dimensions: 384 });
  });
});

describe("openIndex and loadIndex: a damaged index", () => {
  it.each([
    ["chunks.jsonl cut short", FILES.chunks, (text: string) => text.slice(0, text.length / 2)],
    ["chunks.jsonl missing a chunk", FILES.chunks, (text: string) => text.split("\n").slice(1).join("\n")],
    ["lexical.bin emptied", FILES.lexical, () => ""],
    ["lexical.bin cut short", FILES.lexical, (text: string) => text.slice(0, 200)],
    ["manifest.json cut short", FILES.manifest, (text: string) => text.slice(0, 40)],
  ])("%s: loadIndex throws index:corrupt and openIndex rebuilds", async (_, file, damage) => {
    const path = join(local.INDEX_DIR, file);
    await writeFile(path, damage(await readFile(path, "utf8")));
    expect(await codeOf(loadLocal())).toBe("index:corrupt");

    const reopened = await open(local);
    expect(reopened.rebuilds).toHaveLength(1);
    expect(reopened.built).toBe(true);
    expect(reopened.index.chunks).toHaveLength(reopened.index.manifest.counts.chunks);
    expect(await codeOf(loadLocal())).toBe("resolved");
  });

  it("reports a manifest that is not JSON as index:corrupt from readManifest", async () => {
    await writeFile(join(local.INDEX_DIR, FILES.manifest), "{ not json");
    expect(await codeOf(readManifest(local.INDEX_DIR))).toBe("index:corrupt");
    expect((await open(local)).rebuilds).toHaveLength(1);
  });

  // BUG (reported): open-index.ts loads without embeddings.json (readEmbeddingStats returns undefined),
  // so questions are embedded with unfitted weights that no longer match the stored vectors.
  it("a local index without embeddings.json is rebuilt, not searched with mismatched query vectors", async () => {
    await rm(join(local.INDEX_DIR, FILES.embeddings));
    const { index } = await open(local);
    const chunk = index.chunks[0]!;
    const found = index.vectors!.index.searchKnn(await index.embeddings.embedQuery(retrievalText(chunk)), 1);
    expect(found.distances[0]).toBeLessThan(1e-4);
  });
});
