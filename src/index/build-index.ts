import { createWriteStream } from "node:fs";
import { once } from "node:events";
import { mkdir, readdir, rename, rm, stat, writeFile } from "node:fs/promises";
import { basename, dirname, join } from "node:path";
import { HNSWLib } from "@langchain/community/vectorstores/hnswlib";
import type { Embeddings } from "@langchain/core/embeddings";
import { chunkArticle, type ChunkOptions } from "../chunk/chunk-article.js";
import type { ArticleMeta, Chunk } from "../chunk/types.js";
import { LocalEmbeddings } from "../embed/local-embeddings.js";
import { AppError } from "../errors.js";
import type { LoadedCorpus } from "../ingest/load-corpus.js";
import type { Tokenizer } from "../text/tokenize.js";
import { dateKey } from "./dates.js";
import { createEmbedPipeline, type EmbeddedBatch } from "./embed-pipeline.js";
import { isAlive } from "./alive.js";
import { FILES } from "./files.js";
import { Bm25Builder, lexicalTerms, serializeLexicalIndex } from "./lexical.js";
import type { Manifest } from "./manifest.js";
import { manifestOf, type PageRecord, type PagesFile } from "./segments.js";

export interface BuildInput {
  corpus: LoadedCorpus;
  embeddings: Embeddings;
  embeddingsKind: { kind: "local" | "openai"; model: string | null };
  tokenizer: Tokenizer;
  chunking: ChunkOptions;
  fingerprint: string;
  /** Empty `corpus.articles` once chunked, to free memory (the caller no longer needs them). */
  releaseArticles?: boolean;
  /**
   * The scanned page files (`scanCorpus`): their names inside the corpus folder are recorded in
   * `pages.json`, for updates (default: each page's `source`).
   */
  files?: ReadonlyArray<{ source: string; name: string; sha256: string }>;
  /** The fingerprint of the settings alone (`settingsFingerprint`), recorded in `pages.json`. */
  settings?: string;
  /**
   * The local embedding already holds the base index's statistics (an update's segment): they
   * are used as they are, not fitted again, so the segment's vectors live in the base's space.
   */
  frozenStats?: boolean;
}

/** What is written into an index folder: articles and chunks (newest first) and the pages they came from. */
export interface IndexContent {
  articles: ArticleMeta[];
  chunks: Chunk[];
  pages: PageRecord[];
}

export type BuildProgress = (stage: "chunk" | "embed" | "write", done: number, total: number) => void;

const BATCH = 256;
/** Chunks sampled for the local embedding's statistics (all of them in a smaller archive). */
const STATS_SAMPLE = 5_000;
/** HNSW graph: links per node and construction breadth (see docs/benchmarks.md). */
const HNSW_M = 8;
const HNSW_EF_CONSTRUCTION = 40;
/** Fewer chunks than this (an update's segment) are embedded on this thread: a worker's start costs more. */
const WORKER_MIN_CHUNKS = 2_000;

/**
 * Articles and chunks of a corpus, newest first (undated last), so that a date range is a
 * contiguous range of chunk numbers; chunk ids refer to article ids.
 */
export function chunkCorpus(corpus: LoadedCorpus, chunking: ChunkOptions): { articles: ArticleMeta[]; chunks: Chunk[] } {
  const articles: ArticleMeta[] = [];
  const chunks: Chunk[] = [];
  const perSource = new Map<string, number>();
  const ordered = corpus.articles.map((a) => {
    const k = perSource.get(a.source) ?? 0;
    perSource.set(a.source, k + 1);
    return { a, id: `${a.source}#${k}` };
  });
  ordered.sort((x, y) => dateKey(y.a.date) - dateKey(x.a.date));
  for (const { a, id } of ordered) {
    const { body: _body, ...meta } = a;
    articles.push({ ...meta, id });
    chunks.push(...chunkArticle(a, id, chunking));
  }
  return { articles, chunks };
}

/** The text a chunk is embedded and matched by: its header, then its passage. */
export const retrievalText = (c: Chunk) => `${c.header}\n${c.text}`;

/**
 * Builds a complete index in a fresh folder beside `dir`, then swaps it in: a build that fails or
 * is killed leaves the previous index untouched. Each chunk is tokenised once; its terms feed
 * BM25 and (local kind) its vector. Returns the manifest written.
 * @throws AppError `embed:failed` when the embeddings cannot be computed.
 */
export async function buildIndex(dir: string, input: BuildInput, onProgress: BuildProgress = () => {}): Promise<Manifest> {
  const started = Date.now();
  const { corpus } = input;
  const { articles, chunks } = chunkCorpus(corpus, input.chunking);
  // The chunks hold the text now: let the article bodies go (a large archive's biggest strings).
  if (input.releaseArticles) corpus.articles = [];
  const pages = pageRecords(corpus, articles, chunks, input.files);
  return writeIndex(dir, { articles, chunks, pages }, { ...input, userWords: corpus.userWords }, onProgress, started);
}

/**
 * The record of each page of `corpus` (indexed ones in order, then skipped ones), with the
 * articles and chunks of each.
 */
export function pageRecords(
  corpus: Pick<LoadedCorpus, "pages" | "skipped">,
  articles: readonly ArticleMeta[],
  chunks: readonly Chunk[],
  files?: ReadonlyArray<{ source: string; name: string; sha256: string }>,
): PageRecord[] {
  const counts = new Map<string, { articles: number; chunks: number }>();
  const sourceOf = new Map<string, string>();
  for (const a of articles) {
    sourceOf.set(a.id, a.source);
    const c = counts.get(a.source) ?? { articles: 0, chunks: 0 };
    c.articles++;
    counts.set(a.source, c);
  }
  for (const c of chunks) counts.get(sourceOf.get(c.articleId)!)!.chunks++;
  const scanned = new Map((files ?? []).map((f) => [f.source, f]));
  const records: PageRecord[] = corpus.pages.map((p) => {
    const c = counts.get(p.source) ?? { articles: 0, chunks: 0 };
    counts.delete(p.source); // a repeated source (synthetic archives) is counted once
    return { name: scanned.get(p.source)?.name ?? p.source, source: p.source, sha256: p.sha256, paper: p.meta.paper, date: p.meta.date, ...c };
  });
  for (const s of corpus.skipped) {
    const f = scanned.get(s.source);
    records.push({ name: f?.name ?? s.source, source: s.source, sha256: f?.sha256 ?? "", paper: null, date: null, articles: 0, chunks: 0, skipped: s.reason });
  }
  return records;
}

/**
 * Embeds and writes articles and chunks (already chunked, newest first) as a complete index in a
 * fresh folder beside `dir`, then swaps it in. Used by `buildIndex`, and by updates for a
 * segment of pages or a merge of segments.
 * @throws AppError `embed:failed` when the embeddings cannot be computed.
 */
export async function writeIndex(
  dir: string,
  content: IndexContent,
  input: Omit<BuildInput, "corpus" | "releaseArticles" | "files"> & { userWords: readonly string[] },
  onProgress: BuildProgress = () => {},
  started = Date.now(),
): Promise<Manifest> {
  const { embeddings, tokenizer } = input;
  const { articles, chunks } = content;
  const n = chunks.length;
  onProgress("chunk", n, n);

  const local = embeddings instanceof LocalEmbeddings ? embeddings : null;
  if (local && !input.frozenStats) {
    const step = Math.max(1, Math.ceil(n / STATS_SAMPLE));
    for (let i = 0; i < n; i += step) local.fit([retrievalText(chunks[i]!)]);
  }
  const lexical = new Bm25Builder();
  const { HierarchicalNSW } = await HNSWLib.imports();
  let graph: InstanceType<typeof HierarchicalNSW> | null = null;
  let dimensions = local?.dimensions ?? 0;
  let codes: Int8Array | null = null;

  /** Adds one embedded batch starting at chunk `at` to BM25 and the graph. */
  const insert = (at: number, terms: string[][], vectors: number[][]) => {
    for (const t of terms) lexical.add(t);
    dimensions = vectors[0]?.length ?? dimensions;
    if (!graph) {
      graph = new HierarchicalNSW("cosine", dimensions);
      graph.initIndex(n, HNSW_M, HNSW_EF_CONSTRUCTION, 100);
      codes = new Int8Array(n * dimensions);
    }
    vectors.forEach((v, j) => {
      if (v.length !== dimensions) throw new Error(`vector ${at + j} has ${v.length} dimensions, expected ${dimensions}`);
      graph!.addPoint(v, at + j);
      quantize(v, codes!, (at + j) * dimensions);
    });
    onProgress("embed", Math.min(at + vectors.length, n), n);
  };
  const textsAt = (i: number) => chunks.slice(i, i + BATCH).map(retrievalText);

  const pipeline = local ? createEmbedPipeline(local, tokenizer, input.userWords, n < WORKER_MIN_CHUNKS) : null;
  try {
    if (pipeline && local) {
      // Two batches in flight: the worker embeds one while this thread inserts the other.
      const rows = (b: EmbeddedBatch) =>
        Array.from({ length: b.terms.length }, (_, j) => Array.from(b.vectors.subarray(j * local.dimensions, (j + 1) * local.dimensions)));
      let ahead = n > 0 ? pipeline.run(textsAt(0)) : null;
      for (let i = 0; ahead; i += BATCH) {
        const current = await ahead;
        ahead = i + BATCH < n ? pipeline.run(textsAt(i + BATCH)) : null;
        insert(i, current.terms, rows(current));
      }
    } else {
      for (let i = 0; i < n; i += BATCH) {
        const batch = textsAt(i);
        insert(
          i,
          batch.map((t) => lexicalTerms(t, tokenizer)),
          await embeddings.embedDocuments(batch),
        );
      }
    }
  } catch (cause) {
    throw new AppError("embed:failed", (cause as Error).message, { cause });
  } finally {
    await pipeline?.close();
  }
  const store = graph ? new HNSWLib(embeddings, { space: "cosine", numDimensions: dimensions, index: graph }) : null;
  // The graph's labels are chunk numbers; chunks.jsonl holds the texts. HNSWLib's docstore would
  // only repeat them (a million Document objects in memory), so it is saved empty.

  const manifest = manifestOf(content.pages, {
    fingerprint: input.fingerprint,
    embeddings: { ...input.embeddingsKind, dimensions: Math.max(dimensions, 1) },
    chunking: input.chunking,
    userWords: [...input.userWords],
    builtAt: new Date().toISOString(),
    buildSeconds: (Date.now() - started) / 1000,
  });
  const pagesFile: PagesFile = { settings: input.settings ?? "", pages: content.pages };

  const tmp = `${dir}.tmp-${process.pid}-${Date.now()}`;
  await removeStaleBuilds(dir);
  await mkdir(tmp, { recursive: true });
  try {
    onProgress("write", 0, 1);
    if (store) await store.save(join(tmp, FILES.vectors));
    if (codes) await writeFile(join(tmp, FILES.codes), codes);
    await writeLines(join(tmp, FILES.chunks), chunks);
    await writeFile(join(tmp, FILES.articles), JSON.stringify(articles));
    await writeFile(join(tmp, FILES.lexical), serializeLexicalIndex(lexical.build()));
    if (local && !input.frozenStats) await writeFile(join(tmp, FILES.embeddings), JSON.stringify(local.stats()));
    await writeFile(join(tmp, FILES.pages), JSON.stringify(pagesFile));
    await writeFile(join(tmp, FILES.manifest), JSON.stringify(manifest, null, 2));
    await swapIn(tmp, dir);
    onProgress("write", 1, 1);
  } catch (error) {
    await rm(tmp, { recursive: true, force: true });
    throw error;
  }
  return manifest;
}

/** A unit vector as 8-bit integers (component × 127 / length), written at `offset`. */
export function quantize(vector: readonly number[], into: Int8Array, offset: number): void {
  let norm = 0;
  for (const x of vector) norm += x * x;
  const scale = 127 / (Math.sqrt(norm) || 1);
  for (let d = 0; d < vector.length; d++) into[offset + d] = Math.round(vector[d]! * scale);
}

/** One JSON object a line, streamed: a million chunks do not fit in one string. */
async function writeLines(path: string, items: readonly unknown[]): Promise<void> {
  const out = createWriteStream(path);
  for (const item of items) {
    if (!out.write(`${JSON.stringify(item)}\n`)) await once(out, "drain");
  }
  out.end();
  await once(out, "finish");
}

/** Replaces `dir` by `tmp`. If the second rename fails the old index is put back. */
async function swapIn(tmp: string, dir: string): Promise<void> {
  await mkdir(dirname(dir), { recursive: true });
  const old = `${dir}.old-${process.pid}-${Date.now()}`;
  let hadOld = false;
  try {
    await rename(dir, old);
    hadOld = true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "ENOENT") throw error;
  }
  try {
    await rename(tmp, dir);
  } catch (error) {
    if (hadOld) await rename(old, dir);
    throw error;
  }
  if (hadOld) await rm(old, { recursive: true, force: true });
}

async function exists(path: string): Promise<boolean> {
  try {
    await stat(path);
    return true;
  } catch {
    return false;
  }
}

/** Leftovers of builds whose process is gone (killed mid-build, or between the two renames). */
export async function removeStaleBuilds(dir: string): Promise<void> {
  const parent = dirname(dir);
  const name = basename(dir);
  let entries: string[] = [];
  try {
    entries = await readdir(parent);
  } catch {
    return;
  }
  for (const entry of entries) {
    const m = new RegExp(`^${name.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}\\.(tmp|old)-(\\d+)-\\d+$`).exec(entry);
    // An .old-* copy is only worth keeping while the index itself is missing (recovery).
    if (m && !isAlive(Number(m[2])) && (m[1] === "tmp" || (await exists(dir)))) await rm(join(parent, entry), { recursive: true, force: true });
  }
}
