import { readdir } from "node:fs/promises";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEFAULT_CHUNK_OPTIONS } from "../../src/chunk/chunk-article.js";
import { LocalEmbeddings } from "../../src/embed/local-embeddings.js";
import { AppError } from "../../src/errors.js";
import { buildIndex, chunkCorpus, retrievalText, type BuildProgress } from "../../src/index/build-index.js";
import { FILES } from "../../src/index/files.js";
import { loadIndex, readEmbeddingStats, readManifest, type LoadedIndex } from "../../src/index/load-index.js";
import { fingerprint, INDEX_FORMAT, type Manifest } from "../../src/index/manifest.js";
import { loadCorpus, scanCorpus, type LoadedCorpus } from "../../src/ingest/load-corpus.js";
import { defaultTokenizer } from "../../src/text/tokenize.js";
import { leftovers, tempArchive, type TempArchive } from "./helpers.js";

const LOCAL = { kind: "local", model: null } as const;

let archive: TempArchive;
let corpus: LoadedCorpus;
let fitted: LocalEmbeddings;
let manifest: Manifest;
let loaded: LoadedIndex;
const progress: Array<Parameters<BuildProgress>> = [];

beforeAll(async () => {
  archive = await tempArchive();
  corpus = await loadCorpus(archive.corpusDir);
  const tokenizer = defaultTokenizer(corpus.userWords);
  const files = await scanCorpus(archive.corpusDir);
  fitted = new LocalEmbeddings(tokenizer);
  const print = fingerprint({ pages: files, embeddings: LOCAL, chunking: DEFAULT_CHUNK_OPTIONS, userWords: corpus.userWords, modelSha256: "" });
  manifest = await buildIndex(
    archive.indexDir,
    { corpus, embeddings: fitted, embeddingsKind: LOCAL, tokenizer, chunking: DEFAULT_CHUNK_OPTIONS, fingerprint: print },
    (...p) => progress.push(p),
  );
  const stats = await readEmbeddingStats(archive.indexDir);
  loaded = await loadIndex(archive.indexDir, new LocalEmbeddings(tokenizer, stats), tokenizer);
});

afterAll(async () => {
  await archive?.remove();
});

describe("buildIndex on the seed corpus", () => {
  it("writes a manifest with the counts, coverage and embedding of the corpus", async () => {
    const { chunks } = chunkCorpus(corpus, DEFAULT_CHUNK_OPTIONS);
    expect(chunks.length).toBeGreaterThan(100);
    expect(manifest).toMatchObject({
      format: INDEX_FORMAT,
      embeddings: { kind: "local", model: null, dimensions: 384 },
      chunking: { size: 220, overlap: 40 },
      userWords: [],
      // The stories, as \`corpus\` lists them: the masthead of 003 is indexed but is no story.
      counts: { pages: 5, articles: 28, chunks: chunks.length },
      coverage: { papers: ["昌吉日报"], from: "2021-12", to: "2025-12-23" },
      skipped: [],
      undated: [],
    });
    expect(await readManifest(archive.indexDir)).toEqual(manifest);
  });

  it("records the fingerprint of the pages, the embedding and the chunking", async () => {
    const pages = await scanCorpus(archive.corpusDir);
    expect(pages).toHaveLength(5);
    expect(manifest.fingerprint).toBe(fingerprint({ pages, embeddings: LOCAL, chunking: { size: 220, overlap: 40 }, userWords: [], modelSha256: "" }));
    expect(manifest.fingerprint).toMatch(/^[0-9a-f]{64}$/);
  });

  it("writes every file of the index and leaves no temp folder beside it", async () => {
    const names = await readdir(archive.indexDir);
    expect(names.sort()).toEqual(Object.values(FILES).sort());
    expect(await leftovers(archive.indexDir)).toEqual([]);
  });

  it("reports chunking, embedding and writing, ending complete", () => {
    const n = manifest.counts.chunks;
    expect(progress[0]).toEqual(["chunk", n, n]);
    expect(progress).toContainEqual(["embed", n, n]);
    expect(progress[progress.length - 1]).toEqual(["write", 1, 1]);
  });
});

describe("loadIndex: the saved index round trip", () => {
  it("loads as many chunks as the manifest counts, and as many HNSW points and lexical documents", () => {
    const n = manifest.counts.chunks;
    expect(loaded.chunks).toHaveLength(n);
    expect(loaded.vectors?.index.getCurrentCount()).toBe(n);
    expect(loaded.vectors?.index.getNumDimensions()).toBe(384);
    expect(loaded.lexical.documentCount).toBe(n);
    expect(loaded.articles.size).toBe(29);
    expect(loaded.manifest).toEqual(manifest);
  });

  it("gives back the chunks and article metadata as built", () => {
    const { articles, chunks } = chunkCorpus(corpus, DEFAULT_CHUNK_OPTIONS);
    expect(loaded.chunks).toEqual(chunks);
    expect([...loaded.articles.values()]).toEqual(articles);
  });

  it("saves the embedding's corpus statistics, so the loaded embedding equals the fitted one", async () => {
    expect(await readEmbeddingStats(archive.indexDir)).toEqual(fitted.stats());
    const question = "今年上半年准东开发区有多少家企业注册登记？";
    expect(await loaded.embeddings.embedQuery(question)).toEqual(await fitted.embedQuery(question));
  });

  it.each([0, 17, 80])("finds chunk %i as its own nearest neighbour (the stored vector is the chunk's)", async (i) => {
    const chunk = loaded.chunks[i]!;
    const found = loaded.vectors!.index.searchKnn(await loaded.embeddings.embedQuery(retrievalText(chunk)), 1);
    expect(found.neighbors).toEqual([i]);
    expect(found.distances[0]).toBeLessThan(1e-4);
  });

  it("finds a chunk by its words in the lexical index", () => {
    const top = loaded.lexical.search(loaded.tokenizer.terms("245家 准东 注册登记"), 1)[0];
    expect(loaded.chunks[top!.doc]!.text).toContain("245家");
  });

  it("rejects a folder without an index with index:missing naming it", async () => {
    const error = await loadIndex(`${archive.indexDir}-none`, fitted, loaded.tokenizer).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AppError);
    expect(error).toMatchObject({ code: "index:missing", detail: `${archive.indexDir}-none` });
    expect(await readManifest(`${archive.indexDir}-none`)).toBeNull();
  });
});
