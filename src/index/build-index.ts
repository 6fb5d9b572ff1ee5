import { createWriteStream, type WriteStream } from "node:fs";
import { once } from "node:events";
import { mkdir, open, readdir, rename, rm, stat, writeFile, type FileHandle } from "node:fs/promises";
import { basename, dirname, join } from "node:path";
import { HNSWLib } from "@langchain/community/vectorstores/hnswlib";
import type { Embeddings } from "@langchain/core/embeddings";
import { chunkArticle, type ChunkOptions } from "../chunk/chunk-article.js";
import type { ArticleMeta, Chunk } from "../chunk/types.js";
import { LocalEmbeddings } from "../embed/local-embeddings.js";
import { AppError } from "../errors.js";
import type { LoadedCorpus } from "../ingest/load-corpus.js";
import { isMasthead } from "../ingest/masthead.js";
import type { Article } from "../ingest/types.js";
import type { Tokenizer } from "../text/tokenize.js";
import { dateKey } from "./dates.js";
import { createEmbedPipeline, type EmbeddedBatch } from "./embed-pipeline.js";
import { isAlive } from "./alive.js";
import { FILES } from "./files.js";
import { Bm25Builder, lexicalTerms } from "./lexical.js";
import type { Manifest } from "./manifest.js";
import { manifestOf, type PageRecord, type PagesFile } from "./segments.js";

export interface BuildInput {
  corpus: LoadedCorpus;
  embeddings: Embeddings;
  embeddingsKind: { kind: "local" | "openai"; model: string | null };
  tokenizer: Tokenizer;
  chunking: ChunkOptions;
  fingerprint: string;
  /** Empty `corpus.articles` and let each article go once chunked, to free memory (the caller no longer needs them). */
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
  for (const { meta, chunks: own } of chunkedArticles(corpus.articles, chunking, false)) {
    articles.push(meta);
    chunks.push(...own);
  }
  return { articles, chunks };
}

/**
 * Each article newest first (undated last) with its chunks, one at a time. With `release`, the
 * list is emptied first and each article let go once chunked: a large archive's bodies are its
 * biggest strings.
 */
function* chunkedArticles(list: Article[], chunking: ChunkOptions, release: boolean): Generator<{ meta: ArticleMeta; chunks: Chunk[] }> {
  const perSource = new Map<string, number>();
  const ordered: Array<{ a: Article; id: string } | null> = list.map((a) => {
    const k = perSource.get(a.source) ?? 0;
    perSource.set(a.source, k + 1);
    return { a, id: `${a.source}#${k}` };
  });
  ordered.sort((x, y) => dateKey(y!.a.date) - dateKey(x!.a.date));
  if (release) list.length = 0;
  for (let i = 0; i < ordered.length; i++) {
    const { a, id } = ordered[i]!;
    if (release) ordered[i] = null;
    const { body: _body, ...meta } = a;
    yield { meta: { ...meta, id }, chunks: chunkArticle(a, id, chunking) };
  }
}

/** The text a chunk is embedded and matched by: its header, then its passage. */
export const retrievalText = (c: Chunk) => `${c.header}\n${c.text}`;

/**
 * Builds a complete index in a fresh folder beside `dir`, then swaps it in: a build that fails or
 * is killed leaves the previous index untouched. Chunks go to the folder's chunks.jsonl as they
 * are cut (in memory only where each starts) and are read back a batch at a time to be embedded.
 * Each chunk is tokenised once; its terms feed BM25 and (local kind) its vector. Returns the
 * manifest written.
 * @throws AppError `embed:failed` when the embeddings cannot be computed.
 */
export async function buildIndex(dir: string, input: BuildInput, onProgress: BuildProgress = () => {}): Promise<Manifest> {
  const started = Date.now();
  const { corpus } = input;
  return inFreshFolder(dir, async (tmp) => {
    const chunks = await ChunkFile.create(join(tmp, FILES.chunks));
    const articles: ArticleMeta[] = [];
    const counts = new Map<string, PageCounts>();
    try {
      for (const { meta, chunks: own } of chunkedArticles(corpus.articles, input.chunking, input.releaseArticles === true)) {
        articles.push(meta);
        countArticle(counts, meta, own.length);
        for (const chunk of own) await chunks.add(chunk);
      }
      await chunks.close();
      const pages = pageRecords(corpus, counts, input.files);
      return await finishIndex(tmp, dir, { articles, chunks, pages }, { ...input, userWords: corpus.userWords }, onProgress, started);
    } finally {
      await chunks.dispose();
    }
  });
}

/** The articles and chunks of one page. */
export interface PageCounts {
  articles: number;
  chunks: number;
}

/** Articles (stories, as `corpus` lists them) and chunks per page (`source`). */
export function pageCounts(articles: readonly ArticleMeta[], chunks: readonly Chunk[]): Map<string, PageCounts> {
  const counts = new Map<string, PageCounts>();
  const sourceOf = new Map<string, string>();
  for (const a of articles) {
    sourceOf.set(a.id, a.source);
    countArticle(counts, a, 0);
  }
  for (const c of chunks) counts.get(sourceOf.get(c.articleId)!)!.chunks++;
  return counts;
}

/** Counts one article and its chunks to its page: a masthead's chunks, but not the masthead, for it is no story. */
function countArticle(counts: Map<string, PageCounts>, article: ArticleMeta, chunks: number): void {
  const c = counts.get(article.source) ?? { articles: 0, chunks: 0 };
  if (!isMasthead(article)) c.articles++;
  c.chunks += chunks;
  counts.set(article.source, c);
}

/**
 * The record of each page of `corpus` (indexed ones in order, then skipped ones), with the
 * articles and chunks of each (`pageCounts`).
 */
export function pageRecords(
  corpus: Pick<LoadedCorpus, "pages" | "skipped">,
  counts: ReadonlyMap<string, PageCounts>,
  files?: ReadonlyArray<{ source: string; name: string; sha256: string }>,
): PageRecord[] {
  const scanned = new Map((files ?? []).map((f) => [f.source, f]));
  const seen = new Set<string>();
  const records: PageRecord[] = corpus.pages.map((p) => {
    // A repeated source (synthetic archives) is counted once.
    const c = seen.has(p.source) ? undefined : counts.get(p.source);
    seen.add(p.source);
    return {
      name: scanned.get(p.source)?.name ?? p.source,
      source: p.source,
      sha256: p.sha256,
      paper: p.meta.paper,
      date: p.meta.date,
      articles: c?.articles ?? 0,
      chunks: c?.chunks ?? 0,
    };
  });
  for (const s of corpus.skipped) {
    const f = scanned.get(s.source);
    records.push({ name: f?.name ?? s.source, source: s.source, sha256: f?.sha256 ?? "", paper: null, date: null, articles: 0, chunks: 0, skipped: s.reason });
  }
  return records;
}

/**
 * Embeds and writes articles and chunks (already chunked, newest first) as a complete index in a
 * fresh folder beside `dir`, then swaps it in. Used by updates for a segment of pages or a merge
 * of segments.
 * @throws AppError `embed:failed` when the embeddings cannot be computed.
 */
export async function writeIndex(
  dir: string,
  content: IndexContent,
  input: WriteInput,
  onProgress: BuildProgress = () => {},
  started = Date.now(),
): Promise<Manifest> {
  return inFreshFolder(dir, async (tmp) => {
    const chunks = await ChunkFile.create(join(tmp, FILES.chunks));
    try {
      for (const chunk of content.chunks) await chunks.add(chunk);
      await chunks.close();
      return await finishIndex(tmp, dir, { ...content, chunks }, input, onProgress, started);
    } finally {
      await chunks.dispose();
    }
  });
}

type WriteInput = Omit<BuildInput, "corpus" | "releaseArticles" | "files"> & { userWords: readonly string[] };

/**
 * Runs `write` on a fresh temp folder beside `dir` (after clearing dead builds' leftovers); the
 * folder is removed when it fails.
 */
async function inFreshFolder<T>(dir: string, write: (tmp: string) => Promise<T>): Promise<T> {
  const tmp = `${dir}.tmp-${process.pid}-${Date.now()}`;
  await removeStaleBuilds(dir);
  await mkdir(tmp, { recursive: true });
  try {
    return await write(tmp);
  } catch (error) {
    await rm(tmp, { recursive: true, force: true });
    throw error;
  }
}

/**
 * chunks.jsonl written a chunk at a time; in memory only where each line starts, so that a large
 * archive's chunk texts (~1 GB of strings at a million chunks) are not all held while they are
 * embedded. Read back by ranges once closed.
 */
class ChunkFile {
  private readonly starts: number[] = [0];
  private reader: FileHandle | null = null;

  private constructor(
    private readonly path: string,
    private readonly out: WriteStream,
  ) {}

  static async create(path: string): Promise<ChunkFile> {
    const out = createWriteStream(path);
    await once(out, "open");
    return new ChunkFile(path, out);
  }

  get length(): number {
    return this.starts.length - 1;
  }

  async add(chunk: Chunk): Promise<void> {
    const line = `${JSON.stringify(chunk)}\n`;
    this.starts.push(this.starts[this.starts.length - 1]! + Buffer.byteLength(line));
    if (!this.out.write(line)) await once(this.out, "drain");
  }

  /** Finishes the file and opens it for reading. */
  async close(): Promise<void> {
    this.out.end();
    await once(this.out, "finish");
    this.reader = await open(this.path, "r");
  }

  /** The retrieval texts of chunks `from` ≤ i < `to`. */
  async texts(from: number, to: number): Promise<string[]> {
    const start = this.starts[from]!;
    const bytes = Buffer.allocUnsafe(this.starts[to]! - start);
    for (let done = 0; done < bytes.length; ) {
      const { bytesRead } = await this.reader!.read(bytes, done, bytes.length - done, start + done);
      if (bytesRead === 0) throw new Error(`${this.path} is shorter than written`);
      done += bytesRead;
    }
    const lines = bytes.toString("utf8").split("\n");
    lines.pop();
    return lines.map((line) => retrievalText(JSON.parse(line) as Chunk));
  }

  async dispose(): Promise<void> {
    if (!this.out.closed) this.out.destroy();
    await this.reader?.close();
    this.reader = null;
  }
}

/** Appends each batch's 8-bit vectors to vectors.i8 as it is embedded. */
class CodesFile {
  private constructor(private readonly file: FileHandle) {}
  private at = 0;

  static async create(path: string): Promise<CodesFile> {
    return new CodesFile(await open(path, "w"));
  }

  async append(codes: Int8Array): Promise<void> {
    for (let done = 0; done < codes.length; ) {
      const { bytesWritten } = await this.file.write(codes, done, codes.length - done, this.at);
      done += bytesWritten;
      this.at += bytesWritten;
    }
  }

  close(): Promise<void> {
    return this.file.close();
  }
}

/**
 * Embeds the chunks written in `tmp` and writes the rest of the index there, then swaps it in
 * for `dir`.
 */
async function finishIndex(
  tmp: string,
  dir: string,
  content: { articles: ArticleMeta[]; chunks: ChunkFile; pages: PageRecord[] },
  input: WriteInput,
  onProgress: BuildProgress,
  started: number,
): Promise<Manifest> {
  const { embeddings, tokenizer } = input;
  const { articles, chunks } = content;
  const n = chunks.length;
  onProgress("chunk", n, n);

  const local = embeddings instanceof LocalEmbeddings ? embeddings : null;
  if (local && !input.frozenStats) {
    const step = Math.max(1, Math.ceil(n / STATS_SAMPLE));
    for (let i = 0; i < n; i += step) local.fit(await chunks.texts(i, i + 1));
  }
  const lexical = new Bm25Builder();
  const { HierarchicalNSW } = await HNSWLib.imports();
  let graph: InstanceType<typeof HierarchicalNSW> | null = null;
  let dimensions = local?.dimensions ?? 0;
  let codes: CodesFile | null = null;

  /** Adds one embedded batch starting at chunk `at` to BM25 and the graph, and its codes to vectors.i8. */
  const insert = async (at: number, terms: string[][], vectors: ArrayLike<number>[]) => {
    for (const t of terms) lexical.add(t);
    dimensions = vectors[0]?.length ?? dimensions;
    if (!graph) {
      graph = new HierarchicalNSW("cosine", dimensions);
      graph.initIndex(n, HNSW_M, HNSW_EF_CONSTRUCTION, 100);
      codes = await CodesFile.create(join(tmp, FILES.codes));
    }
    const batch = new Int8Array(vectors.length * dimensions);
    vectors.forEach((v, j) => {
      if (v.length !== dimensions) throw new Error(`vector ${at + j} has ${v.length} dimensions, expected ${dimensions}`);
      graph!.addPoint(Array.isArray(v) ? v : Array.from(v), at + j);
      quantize(v, batch, j * dimensions);
    });
    await codes!.append(batch);
    onProgress("embed", Math.min(at + vectors.length, n), n);
  };
  const textsAt = (i: number) => chunks.texts(i, Math.min(n, i + BATCH));

  const pipeline = local ? createEmbedPipeline(local, tokenizer, input.userWords, n < WORKER_MIN_CHUNKS) : null;
  try {
    try {
      if (pipeline && local) {
        // Two batches in flight: the worker embeds one while this thread inserts the other.
        const rows = (b: EmbeddedBatch) =>
          Array.from({ length: b.terms.length }, (_, j) => b.vectors.subarray(j * local.dimensions, (j + 1) * local.dimensions));
        // A batch's failure is reported where it is awaited, on the next turn, not as unhandled meanwhile.
        const start = (texts: string[]) => {
          const batch = pipeline.run(texts);
          batch.catch(() => {});
          return batch;
        };
        let ahead = n > 0 ? start(await textsAt(0)) : null;
        for (let i = 0; ahead; i += BATCH) {
          const following = i + BATCH < n ? await textsAt(i + BATCH) : null;
          const current = await ahead;
          ahead = following ? start(following) : null;
          await insert(i, current.terms, rows(current));
        }
      } else {
        for (let i = 0; i < n; i += BATCH) {
          const batch = await textsAt(i);
          await insert(
            i,
            batch.map((t) => lexicalTerms(t, tokenizer)),
            await embeddings.embedDocuments(batch),
          );
        }
      }
    } catch (cause) {
      // A file error (reading chunks back, writing vectors.i8: a full disk) is not the embedder's.
      if ((cause as NodeJS.ErrnoException).syscall) throw cause;
      throw new AppError("embed:failed", (cause as Error).message, { cause });
    } finally {
      await pipeline?.close();
    }
  } finally {
    await (codes as CodesFile | null)?.close();
  }
  await chunks.dispose(); // read through: closed before its folder is renamed
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

  onProgress("write", 0, 1);
  if (store) await store.save(join(tmp, FILES.vectors));
  await writeJsonArray(join(tmp, FILES.articles), articles);
  await lexical.writeTo(join(tmp, FILES.lexical));
  if (local && !input.frozenStats) await writeFile(join(tmp, FILES.embeddings), JSON.stringify(local.stats()));
  await writeFile(join(tmp, FILES.pages), JSON.stringify(pagesFile));
  await writeFile(join(tmp, FILES.manifest), JSON.stringify(manifest, null, 2));
  await swapIn(tmp, dir);
  onProgress("write", 1, 1);
  return manifest;
}

/** A unit vector as 8-bit integers (component × 127 / length), written at `offset`. */
export function quantize(vector: ArrayLike<number>, into: Int8Array, offset: number): void {
  let norm = 0;
  for (let d = 0; d < vector.length; d++) norm += vector[d]! * vector[d]!;
  const scale = 127 / (Math.sqrt(norm) || 1);
  for (let d = 0; d < vector.length; d++) into[offset + d] = Math.round(vector[d]! * scale);
}

/** A JSON array written an element at a time (the same text as `JSON.stringify(items)`): a large one does not fit in one string. */
async function writeJsonArray(path: string, items: readonly unknown[]): Promise<void> {
  const out = createWriteStream(path);
  for (let i = 0; i < items.length; i++) {
    if (!out.write(`${i === 0 ? "[" : ","}${JSON.stringify(items[i])}`)) await once(out, "drain");
  }
  out.end(items.length === 0 ? "[]" : "]");
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
