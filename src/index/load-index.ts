import { createReadStream } from "node:fs";
import { readdir, readFile, rename, stat } from "node:fs/promises";
import { createInterface } from "node:readline";
import { basename, dirname, join } from "node:path";
import { HNSWLib } from "@langchain/community/vectorstores/hnswlib";
import type { Embeddings } from "@langchain/core/embeddings";
import type { ArticleMeta, Chunk } from "../chunk/types.js";
import type { LocalEmbeddingStats } from "../embed/local-embeddings.js";
import { AppError } from "../errors.js";
import { dateKey } from "./dates.js";
import { FILES } from "./files.js";
import { loadLexicalIndex, type LexicalIndex } from "./lexical.js";
import { manifestSchema, type Manifest } from "./manifest.js";
import type { Tokenizer } from "../text/tokenize.js";

/** A loaded index: everything retrieval needs, in memory. */
export interface LoadedIndex {
  dir: string;
  manifest: Manifest;
  chunks: Chunk[];
  articles: Map<string, ArticleMeta>;
  lexical: LexicalIndex;
  /** null when the corpus had no text at all. */
  vectors: HNSWLib | null;
  embeddings: Embeddings;
  /** The tokenizer the index was built with (same user words). */
  tokenizer: Tokenizer;
  /** Each chunk's date as `dateKey` (chunks are stored newest first, undated last). */
  dates: Int32Array;
  /** The chunk vectors at 8 bits a component (`dimensions` each), null without vectors. */
  codes: Int8Array | null;
}

/**
 * Reads only the manifest. Returns null when there is no index (or only an incomplete one).
 * @throws AppError `index:corrupt` when the manifest is unreadable or of another format.
 */
export async function readManifest(dir: string): Promise<Manifest | null> {
  await recoverInterruptedSwap(dir);
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
 * Loads a complete index. `embeddings` must be of the kind the manifest names.
 * @throws AppError `index:missing` when there is none, `index:corrupt` when a file is damaged.
 */
export async function loadIndex(dir: string, embeddings: Embeddings, tokenizer: Tokenizer): Promise<LoadedIndex> {
  const manifest = await readManifest(dir);
  if (!manifest) throw new AppError("index:missing", dir);
  const file = (name: string) => join(dir, name);
  try {
    const chunks = await readLines<Chunk>(file(FILES.chunks));
    const articleList = JSON.parse(await readFile(file(FILES.articles), "utf8")) as ArticleMeta[];
    const lexical = loadLexicalIndex(await readFile(file(FILES.lexical)));
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
    return { dir, manifest, chunks, articles, lexical, vectors, embeddings, tokenizer, dates, codes };
  } catch (cause) {
    throw new AppError("index:corrupt", `${dir}：${(cause as Error).message}`, { cause });
  }
}

/** Reads a JSON Lines file line by line (it may be larger than one string can hold). */
async function readLines<T>(path: string): Promise<T[]> {
  const out: T[] = [];
  for await (const line of createInterface({ input: createReadStream(path), crlfDelay: Infinity })) {
    if (line) out.push(JSON.parse(line) as T);
  }
  return out;
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
  const old = entries
    .filter((e) => e.startsWith(`${basename(dir)}.old-`))
    .sort((a, b) => stamp(a) - stamp(b))
    .pop();
  if (old) await rename(join(dirname(dir), old), dir).catch(() => {});
}
