import { createReadStream } from "node:fs";
import { readdir, readFile, rename, stat } from "node:fs/promises";
import { createInterface } from "node:readline";
import { basename, dirname, join } from "node:path";
import { HNSWLib } from "@langchain/community/vectorstores/hnswlib";
import type { Embeddings } from "@langchain/core/embeddings";
import type { ArticleMeta, Chunk } from "../chunk/types.js";
import type { LocalEmbeddingStats } from "../embed/local-embeddings.js";
import { AppError } from "../errors.js";
import { isAlive } from "./alive.js";
import { dateKey } from "./dates.js";
import { FILES } from "./files.js";
import { bm25Idf, type Bm25Stats } from "./bm25.js";
import { loadLexicalIndex, type LexicalIndex } from "./lexical.js";
import { manifestSchema, type Manifest } from "./manifest.js";
import { readPagesFile, readSegmentList, segmentDir, type SegmentList } from "./segments.js";
import type { Tokenizer } from "../text/tokenize.js";

/** One index folder in memory: the base, or the segment one update added. */
export interface IndexSegment {
  /** "" for the base folder, else the segment's folder name under `segments/`. */
  name: string;
  chunks: Chunk[];
  articles: Map<string, ArticleMeta>;
  lexical: LexicalIndex;
  /** null when the folder had no text at all. */
  vectors: HNSWLib | null;
  /** Each chunk's date as `dateKey` (chunks are stored newest first, undated last). */
  dates: Int32Array;
  /** The chunk vectors at 8 bits a component (`dimensions` each), null without vectors. */
  codes: Int8Array | null;
  /**
   * Per chunk, 1 while its page is live here and 0 once the page was changed (a newer segment
   * holds it) or removed; null when every chunk is live.
   */
  live: Uint8Array | null;
}

/**
 * A loaded index: everything retrieval needs, in memory. Its own segment fields (`chunks`,
 * `lexical`, …) are the base folder's; `segments` holds the base and every update's segment, and
 * is what retrieval searches.
 */
export interface LoadedIndex extends IndexSegment {
  dir: string;
  /** The whole index's manifest (after the last update). */
  manifest: Manifest;
  segments: IndexSegment[];
  /** BM25 statistics over the live chunks of all segments; undefined for a one-folder index. */
  lexicalStats?: Bm25Stats;
  embeddings: Embeddings;
  /** The tokenizer the index was built with (same user words). */
  tokenizer: Tokenizer;
}

/**
 * Reads only the manifest. Returns null when there is no index (or only an incomplete one).
 * @throws AppError `index:corrupt` when the manifest is unreadable or of another format.
 */
export async function readManifest(dir: string): Promise<Manifest | null> {
  await recoverInterruptedSwap(dir);
  return (await readSegmentList(dir))?.manifest ?? readFolderManifest(dir);
}

/** The manifest of one index folder (the base, or a segment). */
async function readFolderManifest(dir: string): Promise<Manifest | null> {
  let text: string;
  try {
    text = await readFile(join(dir, FILES.manifest), "utf8");
  } catch {
    return null;
  }
  try {
    return manifestSchema.parse(JSON.parse(text));
  } catch (cause) {
    throw new AppError("index:corrupt", `${join(dir, FILES.manifest)} 无法解析`, { cause });
  }
}

/** Reads the local embedding's saved corpus statistics, if the index has them. */
export async function readEmbeddingStats(dir: string): Promise<LocalEmbeddingStats | undefined> {
  try {
    return JSON.parse(await readFile(join(dir, FILES.embeddings), "utf8")) as LocalEmbeddingStats;
  } catch {
    return undefined;
  }
}

/**
 * Loads a complete index: the base folder and the segments its segment list names. A segment
 * that vanishes while being read (merged away by an update) is retried with the new list.
 * `embeddings` must be of the kind the manifest names.
 * @throws AppError `index:missing` when there is none, `index:corrupt` when a file is damaged.
 */
export async function loadIndex(dir: string, embeddings: Embeddings, tokenizer: Tokenizer): Promise<LoadedIndex> {
  await recoverInterruptedSwap(dir);
  for (let attempt = 1; ; attempt++) {
    const list = await readSegmentList(dir);
    const base = await loadFolder(dir, "", embeddings);
    try {
      const segments = [base.segment];
      for (const name of list?.segments ?? []) segments.push((await loadFolder(segmentDir(dir, name), name, embeddings)).segment);
      if (list) await markLive(dir, list, segments);
      const manifest = list?.manifest ?? base.manifest;
      const lexicalStats = segments.length > 1 || base.segment.live ? statsOf(segments) : undefined;
      return { ...base.segment, dir, manifest, segments, lexicalStats, embeddings, tokenizer };
    } catch (error) {
      const changed = JSON.stringify(await readSegmentList(dir).catch(() => null)) !== JSON.stringify(list);
      if (!changed || attempt >= 3) throw error;
    }
  }
}

/** Loads one index folder. @throws AppError `index:missing`, `index:corrupt`. */
async function loadFolder(dir: string, name: string, embeddings: Embeddings): Promise<{ manifest: Manifest; segment: IndexSegment }> {
  const manifest = await readFolderManifest(dir);
  if (!manifest) throw new AppError("index:missing", dir);
  const file = (fileName: string) => join(dir, fileName);
  try {
    const chunks = await readChunks(file(FILES.chunks));
    const articleList = JSON.parse(await readFile(file(FILES.articles), "utf8")) as ArticleMeta[];
    const lexical = await loadLexicalIndex(file(FILES.lexical));
    const vectors = chunks.length > 0 ? await HNSWLib.load(file(FILES.vectors), embeddings) : null;
    const codeBytes = vectors ? await readFile(file(FILES.codes)) : null;
    const codes = codeBytes ? new Int8Array(codeBytes.buffer, codeBytes.byteOffset, codeBytes.byteLength) : null;
    if (codes && codes.length !== chunks.length * manifest.embeddings.dimensions) throw new Error("vectors.i8 与段落数不一致");
    if (chunks.length !== manifest.counts.chunks) throw new Error(`chunks.jsonl 有 ${chunks.length} 段，清单记载 ${manifest.counts.chunks} 段`);
    if (vectors && vectors.index.getCurrentCount() !== chunks.length) throw new Error("向量数与段落数不一致");
    if (lexical.documentCount !== chunks.length) throw new Error("词索引与段落数不一致");
    vectors?.index.setEf(Math.max(64, Math.min(256, chunks.length)));
    const articles = new Map(articleList.map((a) => [a.id, a]));
    const dates = Int32Array.from(chunks, (c) => {
      const a = articles.get(c.articleId);
      if (!a) throw new Error(`段落 ${c.id} 的文章不存在`);
      return dateKey(a.date);
    });
    return { manifest, segment: { name, chunks, articles, lexical, vectors, dates, codes, live: null } };
  } catch (cause) {
    throw new AppError("index:corrupt", `${dir}：${(cause as Error).message}`, { cause });
  }
}

/**
 * Sets each segment's live chunks from the segment list: a chunk is live where the list says its
 * page is held by the chunk's own segment.
 */
async function markLive(dir: string, list: SegmentList, segments: IndexSegment[]): Promise<void> {
  const holder = new Map(list.pages.filter((p) => p.skipped === undefined).map((p) => [p.name, p.segment ?? ""]));
  for (const segment of segments) {
    const pages = await readPagesFile(segment.name ? segmentDir(dir, segment.name) : dir);
    if (!pages) throw new AppError("index:corrupt", `${dir}：${segment.name || "基础索引"}缺少 pages.json`);
    const nameOf = new Map(pages.pages.map((p) => [p.source, p.name]));
    const live = new Uint8Array(segment.chunks.length);
    let dead = 0;
    segment.chunks.forEach((c, i) => {
      const source = segment.articles.get(c.articleId)!.source;
      live[i] = holder.get(nameOf.get(source) ?? source) === segment.name ? 1 : 0;
      dead += 1 - live[i]!;
    });
    segment.live = dead > 0 ? live : null;
  }
}

/**
 * BM25 statistics over the live chunks of all segments, so that each segment's scores are on one
 * scale: the same as one index of those chunks would have.
 */
function statsOf(segments: readonly IndexSegment[]): Bm25Stats {
  let documentCount = 0;
  let length = 0;
  for (const s of segments) {
    for (let i = 0; i < s.chunks.length; i++) {
      if (s.live && !s.live[i]) continue;
      documentCount++;
      length += s.lexical.lengthOf(i);
    }
  }
  const avgLength = documentCount ? length / documentCount : 1;
  const dfs = segments.map((s) => (s.live ? s.lexical.dfAmong(s.live) : (term: string) => s.lexical.df(term)));
  const df = (term: string) => dfs.reduce((n, f) => n + f(term), 0);
  return { documentCount, avgLength, df };
}

/** The inverse document frequency of a term over the whole index (all live segments). */
export function indexIdf(index: Pick<LoadedIndex, "lexical" | "lexicalStats">, term: string): number {
  const stats = index.lexicalStats;
  return stats ? bm25Idf(stats.documentCount, stats.df(term)) : index.lexical.idf(term);
}

/** The chunks and articles of one index folder, without its vectors (an update merging segments). */
export async function readFolderContent(dir: string): Promise<{ chunks: Chunk[]; articles: ArticleMeta[] }> {
  try {
    return {
      chunks: await readChunks(join(dir, FILES.chunks)),
      articles: JSON.parse(await readFile(join(dir, FILES.articles), "utf8")) as ArticleMeta[],
    };
  } catch (cause) {
    throw new AppError("index:corrupt", `${dir}：${(cause as Error).message}`, { cause });
  }
}

/**
 * Reads chunks.jsonl. The chunks of one article (stored one after another) share one copy of its
 * id and header: at a million chunks that is ~0.1 GB less.
 */
async function readChunks(path: string): Promise<Chunk[]> {
  const chunks: Chunk[] = [];
  let before: Chunk | undefined;
  for await (const line of createInterface({ input: createReadStream(path), crlfDelay: Infinity })) {
    if (!line) continue;
    const c = JSON.parse(line) as Chunk;
    if (before && c.articleId === before.articleId) {
      c.articleId = before.articleId;
      if (c.header === before.header) c.header = before.header;
    }
    chunks.push(c);
    before = c;
  }
  return chunks;
}

/**
 * A build killed between its two renames leaves `dir` missing and `dir.old-*` complete: put the
 * old index back.
 */
async function recoverInterruptedSwap(dir: string): Promise<void> {
  try {
    await stat(dir);
    return;
  } catch {
    // missing: look for a displaced previous index
  }
  let entries: string[] = [];
  try {
    entries = await readdir(dirname(dir));
  } catch {
    return;
  }
  // The most recent displaced index (names end in -<pid>-<milliseconds>).
  const stamp = (e: string) => Number(/-(\d+)$/.exec(e)?.[1] ?? 0);
  // A live process displaced it a moment ago and is about to rename its new build in: leave it.
  const gone = (e: string) => {
    const pid = Number(/\.old-(\d+)-/.exec(e)?.[1] ?? 0);
    return pid !== process.pid && !isAlive(pid);
  };
  const old = entries
    .filter((e) => e.startsWith(`${basename(dir)}.old-`) && gone(e))
    .sort((a, b) => stamp(a) - stamp(b))
    .pop();
  if (old) await rename(join(dirname(dir), old), dir).catch(() => {});
}
