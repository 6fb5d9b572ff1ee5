import { mkdir, readdir, rename, rm, stat, writeFile } from "node:fs/promises";
import { basename, dirname, join } from "node:path";
import { HNSWLib } from "@langchain/community/vectorstores/hnswlib";
import type { Embeddings } from "@langchain/core/embeddings";
import { Document } from "@langchain/core/documents";
import { chunkArticle, type ChunkOptions } from "../chunk/chunk-article.js";
import type { ArticleMeta, Chunk } from "../chunk/types.js";
import { LocalEmbeddings } from "../embed/local-embeddings.js";
import { AppError } from "../errors.js";
import type { LoadedCorpus } from "../ingest/load-corpus.js";
import { HashedDf } from "../text/hashed-df.js";
import type { Tokenizer } from "../text/tokenize.js";
import { FILES } from "./files.js";
import { buildLexicalIndex, serializeLexicalIndex } from "./lexical.js";
import { INDEX_FORMAT, type Manifest } from "./manifest.js";

export interface BuildInput {
  corpus: LoadedCorpus;
  embeddings: Embeddings;
  embeddingsKind: { kind: "local" | "openai"; model: string | null };
  tokenizer: Tokenizer;
  chunking: ChunkOptions;
  fingerprint: string;
}

export type BuildProgress = (stage: "chunk" | "embed" | "write", done: number, total: number) => void;

const BATCH = 256;

/** Articles and chunks of a corpus, in order; chunk ids refer to article ids. */
export function chunkCorpus(corpus: LoadedCorpus, chunking: ChunkOptions): { articles: ArticleMeta[]; chunks: Chunk[] } {
  const articles: ArticleMeta[] = [];
  const chunks: Chunk[] = [];
  const perSource = new Map<string, number>();
  for (const a of corpus.articles) {
    const k = perSource.get(a.source) ?? 0;
    perSource.set(a.source, k + 1);
    const id = `${a.source}#${k}`;
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
 * is killed leaves the previous index untouched. Returns the manifest written.
 * @throws AppError `embed:failed` when the embeddings cannot be computed.
 */
export async function buildIndex(dir: string, input: BuildInput, onProgress: BuildProgress = () => {}): Promise<Manifest> {
  const started = Date.now();
  const { corpus, embeddings, tokenizer } = input;
  const { articles, chunks } = chunkCorpus(corpus, input.chunking);
  onProgress("chunk", chunks.length, chunks.length);
  const texts = chunks.map(retrievalText);

  if (embeddings instanceof LocalEmbeddings) embeddings.fit(texts);
  const store = new HNSWLib(embeddings, { space: "cosine" });
  let dimensions = embeddings instanceof LocalEmbeddings ? embeddings.dimensions : 0;
  try {
    for (let i = 0; i < chunks.length; i += BATCH) {
      const batch = texts.slice(i, i + BATCH);
      const vectors = await embeddings.embedDocuments(batch);
      dimensions = vectors[0]?.length ?? dimensions;
      await store.addVectors(
        vectors,
        batch.map((_, j) => new Document({ pageContent: "", metadata: { i: i + j } })),
      );
      onProgress("embed", Math.min(i + BATCH, chunks.length), chunks.length);
    }
  } catch (cause) {
    throw new AppError("embed:failed", (cause as Error).message, { cause });
  }
  const lexical = buildLexicalIndex(chunks, tokenizer);
  const terms = new HashedDf();
  for (const text of texts) terms.add(tokenizer.terms(text));

  const dates = corpus.pages.map((p) => p.meta.date).filter((d): d is string => d !== null).sort();
  const manifest: Manifest = {
    format: INDEX_FORMAT,
    fingerprint: input.fingerprint,
    embeddings: { ...input.embeddingsKind, dimensions: Math.max(dimensions, 1) },
    chunking: input.chunking,
    userWords: corpus.userWords,
    counts: { pages: corpus.pages.length, articles: articles.length, chunks: chunks.length },
    coverage: {
      papers: [...new Set(corpus.pages.map((p) => p.meta.paper).filter((p): p is string => p !== null))],
      from: dates[0] ?? null,
      to: dates[dates.length - 1] ?? null,
    },
    skipped: corpus.skipped,
    undated: corpus.pages.filter((p) => !p.meta.date).map((p) => p.source),
    builtAt: new Date().toISOString(),
    buildSeconds: (Date.now() - started) / 1000,
  };

  const tmp = `${dir}.tmp-${process.pid}-${Date.now()}`;
  await removeStaleBuilds(dir);
  await mkdir(tmp, { recursive: true });
  try {
    onProgress("write", 0, 1);
    if (chunks.length > 0) await store.save(join(tmp, FILES.vectors));
    await writeFile(join(tmp, FILES.chunks), JSON.stringify(chunks));
    await writeFile(join(tmp, FILES.articles), JSON.stringify(articles));
    await writeFile(join(tmp, FILES.lexical), serializeLexicalIndex(lexical));
    await writeFile(join(tmp, FILES.terms), JSON.stringify(terms.toJSON()));
    if (embeddings instanceof LocalEmbeddings) await writeFile(join(tmp, FILES.embeddings), JSON.stringify(embeddings.stats()));
    await writeFile(join(tmp, FILES.manifest), JSON.stringify(manifest, null, 2));
    await swapIn(tmp, dir);
    onProgress("write", 1, 1);
  } catch (error) {
    await rm(tmp, { recursive: true, force: true });
    throw error;
  }
  return manifest;
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
async function removeStaleBuilds(dir: string): Promise<void> {
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

function isAlive(pid: number): boolean {
  if (pid === process.pid) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}
