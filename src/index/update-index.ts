import type { Embeddings } from "@langchain/core/embeddings";
import type { ChunkOptions } from "../chunk/chunk-article.js";
import type { ArticleMeta, Chunk } from "../chunk/types.js";
import { AppError } from "../errors.js";
import type { LoadedCorpus } from "../ingest/load-corpus.js";
import type { Tokenizer } from "../text/tokenize.js";
import { chunkCorpus, pageCounts, pageRecords, writeIndex, type BuildProgress } from "./build-index.js";
import { dateKey } from "./dates.js";
import { readFolderContent, readManifest } from "./load-index.js";
import type { Manifest } from "./manifest.js";
import {
  manifestOf,
  readPagesFile,
  readSegmentList,
  removeOrphanSegments,
  segmentDir,
  segmentName,
  writeSegmentList,
  type LivePage,
  type PageRecord,
  type SegmentList,
} from "./segments.js";

/** More segments than this and an update merges them into one (searching each costs a little). */
export const MAX_SEGMENTS = 8;
/** A base whose chunks are this share dead (pages changed or removed since) is rebuilt. */
export const MAX_DEAD_SHARE = 0.3;

export interface UpdateInput {
  /** The pages added or changed, read alone (`loadCorpus(dir, onPage, { only })`). */
  corpus: LoadedCorpus;
  /** Their scan (`scanCorpus`), for their names inside the corpus folder. */
  files?: ReadonlyArray<{ source: string; name: string; sha256: string }>;
  /** Names (inside the corpus folder) of the pages no longer in the corpus. */
  removed: readonly string[];
  /** The index's embedding; the local kind must hold the base's statistics (it is not fitted again). */
  embeddings: Embeddings;
  embeddingsKind: { kind: "local" | "openai"; model: string | null };
  tokenizer: Tokenizer;
  chunking: ChunkOptions;
  /** The settings' fingerprint (`settingsFingerprint`), recorded with the segment. */
  settings: string;
  /** The fingerprint of an index holding these pages (the settings being the same). */
  fingerprintOf: (pages: ReadonlyArray<{ name: string; sha256: string }>) => string;
}

/** What an update did. */
export interface UpdateResult {
  added: number;
  replaced: number;
  removed: number;
  /** Chunks embedded and indexed by this update (the merged segments' included). */
  addedChunks: number;
  /** Segments merged into the new one (0: none). */
  merged: number;
  seconds: number;
  manifest: Manifest;
}

/**
 * Updates the index in `dir` with pages added, changed or removed, at a cost that follows those
 * pages: the new and changed pages become one new segment (built like the base, embedded with the
 * base's statistics) in a folder of its own, then the segment list is replaced by a rename — the
 * commit point. A kill -9 before it leaves the previous list, and the orphan folder is removed by
 * the next update. With more than `MAX_SEGMENTS` segments the live pages of all segments are
 * rebuilt into the new one.
 * @throws AppError `index:missing` without a base index recording its pages; `embed:failed`.
 */
export async function updateIndex(dir: string, input: UpdateInput, onProgress: BuildProgress = () => {}): Promise<UpdateResult> {
  const started = Date.now();
  const manifest = await readManifest(dir);
  const base = await readPagesFile(dir);
  if (!manifest || !base) throw new AppError("index:missing", dir);
  const list: SegmentList = (await readSegmentList(dir)) ?? {
    format: 1,
    next: 1,
    segments: [],
    pages: base.pages.map((p) => ({ ...p, segment: null })),
    manifest,
  };
  await removeOrphanSegments(dir, list.segments);

  const fresh = chunkCorpus(input.corpus, input.chunking);
  const records = pageRecords(input.corpus, pageCounts(fresh.articles, fresh.chunks), input.files);
  const current = new Map(list.pages.map((p) => [p.name, p]));
  const incoming = new Map(records.map((r) => [r.name, r]));
  const removed = new Set(input.removed.filter((n) => current.has(n) && !incoming.has(n)));
  const replaced = records.filter((r) => current.has(r.name)).length;

  const name = segmentName(list.next);
  const merging = fresh.chunks.length > 0 && list.segments.length >= MAX_SEGMENTS;
  const content = { articles: fresh.articles, chunks: fresh.chunks, pages: records };
  if (merging) {
    const kept = await liveSegmentContent(dir, list, (p) => !incoming.has(p.name) && !removed.has(p.name));
    content.articles = newestFirst([...kept.articles, ...fresh.articles]);
    content.chunks = inArticleOrder(content.articles, [...kept.chunks, ...fresh.chunks]);
    content.pages = [...kept.pages, ...records];
  }
  const building = content.chunks.length > 0;
  if (building) {
    await writeIndex(
      segmentDir(dir, name),
      content,
      { ...input, fingerprint: `segment ${name}`, userWords: manifest.userWords, frozenStats: true },
      onProgress,
    );
  }

  const holder = (p: LivePage): string | null => (merging && p.segment !== null ? name : p.segment);
  const pages: LivePage[] = [];
  for (const p of list.pages) {
    if (removed.has(p.name)) continue;
    const next = incoming.get(p.name);
    pages.push(next ? { ...next, segment: next.skipped === undefined ? name : null } : { ...p, segment: holder(p) });
  }
  for (const r of records) if (!current.has(r.name)) pages.push({ ...r, segment: r.skipped === undefined ? name : null });

  const seconds = (Date.now() - started) / 1000;
  const segments = merging ? [name] : building ? [...list.segments, name] : list.segments;
  const updated: SegmentList = {
    format: 1,
    next: building ? list.next + 1 : list.next,
    segments,
    pages,
    manifest: manifestOf(pages, {
      fingerprint: input.fingerprintOf(pages),
      embeddings: manifest.embeddings,
      chunking: manifest.chunking,
      userWords: manifest.userWords,
      builtAt: new Date().toISOString(),
      buildSeconds: seconds,
    }),
  };
  await writeSegmentList(dir, updated);
  await removeOrphanSegments(dir, segments);
  return {
    added: records.length - replaced,
    replaced,
    removed: removed.size,
    addedChunks: content.chunks.length,
    merged: merging ? list.segments.length : 0,
    seconds,
    manifest: updated.manifest,
  };
}

/**
 * Why the index should be rebuilt rather than updated once more, or null: a base whose chunks are
 * mostly dead, or updates that outgrew the base (whose statistics weigh every segment's vectors).
 */
export async function rebuildReason(dir: string): Promise<string | null> {
  const list = await readSegmentList(dir);
  const base = await readPagesFile(dir);
  if (!list || !base) return null;
  const holder = new Map(list.pages.map((p) => [p.name, p]));
  let baseChunks = 0;
  let dead = 0;
  for (const p of base.pages) {
    baseChunks += p.chunks;
    const now = holder.get(p.name);
    if (!now || now.segment !== null || now.skipped !== undefined) dead += p.chunks;
  }
  const inSegments = list.pages.reduce((n, p) => n + (p.segment !== null ? p.chunks : 0), 0);
  if (dead > MAX_DEAD_SHARE * baseChunks) return `基础索引中已替换或删除的段落超过 ${MAX_DEAD_SHARE * 100}%`;
  if (inSegments > baseChunks) return "更新累积的段落已多于基础索引";
  return null;
}

/** The live articles, chunks and page records of every segment (not the base), for a merge. */
async function liveSegmentContent(dir: string, list: SegmentList, keep: (p: LivePage) => boolean) {
  const articles: ArticleMeta[] = [];
  const chunks: Chunk[] = [];
  const pages: PageRecord[] = [];
  for (const name of list.segments) {
    const own = list.pages.filter((p) => p.segment === name && keep(p));
    const folder = segmentDir(dir, name);
    const recorded = (await readPagesFile(folder))?.pages ?? [];
    const sources = new Set(recorded.filter((r) => own.some((p) => p.name === r.name)).map((r) => r.source));
    const { chunks: all, articles: metas } = await readFolderContent(folder);
    const ids = new Set<string>();
    for (const a of metas) {
      if (!sources.has(a.source)) continue;
      articles.push(a);
      ids.add(a.id);
    }
    for (const c of all) if (ids.has(c.articleId)) chunks.push(c);
    for (const p of own) {
      const { segment: _segment, ...record } = p;
      pages.push(record);
    }
  }
  return { articles, chunks, pages };
}

/** Newest first, undated last; ties keep their order (as `chunkCorpus` sorts). */
const newestFirst = (articles: ArticleMeta[]) => articles.sort((x, y) => dateKey(y.date) - dateKey(x.date));

/** The chunks grouped by article, in the articles' order (each article's chunks in their order). */
function inArticleOrder(articles: readonly ArticleMeta[], chunks: readonly Chunk[]): Chunk[] {
  const byArticle = new Map<string, Chunk[]>();
  for (const c of chunks) {
    const list = byArticle.get(c.articleId);
    if (list) list.push(c);
    else byArticle.set(c.articleId, [c]);
  }
  return articles.flatMap((a) => byArticle.get(a.id) ?? []);
}
