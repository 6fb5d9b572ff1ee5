import type { ChunkOptions } from "../chunk/chunk-article.js";
import { createEmbeddings, embeddingsKind, type EmbeddingsSettings } from "../embed/create-embeddings.js";
import { AppError } from "../errors.js";
import { loadCorpus, readUserWords, scanCorpus, type CorpusFile } from "../ingest/load-corpus.js";
import { defaultTokenizer } from "../text/tokenize.js";
import { buildIndex, removeStaleBuilds, type BuildProgress } from "./build-index.js";
import { ocrCacheDir } from "./files.js";
import { loadIndex, readEmbeddingStats, readManifest, type LoadedIndex } from "./load-index.js";
import { fingerprint, INDEX_FORMAT, type Manifest } from "./manifest.js";
import { withIndexLock } from "./lock.js";
import { modelDigest } from "./model-digest.js";
import { readPagesFile, readSegmentList } from "./segments.js";
import { rebuildReason, updateIndex, type UpdateResult } from "./update-index.js";

export interface IndexSettings extends EmbeddingsSettings {
  CORPUS_DIR: string;
  INDEX_DIR: string;
  CHUNK_SIZE: number;
  CHUNK_OVERLAP: number;
}

/** What happened while opening the index, for logs and progress bars. */
export type IndexEvent =
  | { type: "rebuild"; reason: string }
  | { type: "pages"; done: number; total: number; source: string; note?: string }
  | { type: "progress"; stage: Parameters<BuildProgress>[0]; done: number; total: number }
  | { type: "warning"; message: string }
  | { type: "built"; manifest: Manifest }
  | { type: "update"; added: number; replaced: number; removed: number }
  | { type: "updated"; result: UpdateResult };

export interface OpenIndexOptions {
  /** Rebuild even when the index is up to date. */
  force?: boolean;
  onEvent?: (event: IndexEvent) => void;
}

/**
 * Opens the index in `INDEX_DIR`, first bringing it up to date (`refreshIndex`).
 * @throws AppError `corpus:missing` when there is neither a corpus nor an index; `embed:failed`;
 * `internal` when the model file exists but cannot be read.
 */
export async function openIndex(settings: IndexSettings, options: OpenIndexOptions = {}): Promise<LoadedIndex> {
  const emit = options.onEvent ?? (() => {});
  const state = await refreshIndex(settings, options);
  try {
    return await loadCurrentIndex(settings, state.manifest.userWords);
  } catch (error) {
    if (!(error instanceof AppError) || error.code !== "index:corrupt" || state.action === "rebuilt") throw error;
    emit({ type: "rebuild", reason: `索引已损坏（${error.detail}）` });
    const built = await withIndexLock(settings.INDEX_DIR, async () => rebuild(settings, options, await scanCorpus(settings.CORPUS_DIR)), {
      onWait: waitNotice(options),
    });
    return loadCurrentIndex(settings, built.userWords);
  }
}

/** What `refreshIndex` did. */
export interface IndexState {
  action: "none" | "updated" | "rebuilt";
  manifest: Manifest;
  update?: UpdateResult;
}

/**
 * Brings the index in `INDEX_DIR` up to date without loading it: nothing when it is; an update
 * (`updateIndex`) when only pages were added, changed or removed; a full build when it is
 * missing, damaged, of another format, made with another embedding, chunking, user dictionary or
 * answer-selection model, when updates have piled up (`rebuildReason`), or with `force`.
 * @throws AppError `corpus:missing` when there is neither a corpus nor an index; `embed:failed`;
 * `internal` when the model file exists but cannot be read.
 */
export function refreshIndex(settings: IndexSettings, options: OpenIndexOptions = {}): Promise<IndexState> {
  return withIndexLock(settings.INDEX_DIR, () => refreshUnlocked(settings, options), { onWait: waitNotice(options) });
}

/** Says, once, that another process is writing the index and this one waits. */
const waitNotice = (options: OpenIndexOptions) => (pid: number) =>
  options.onEvent?.({ type: "warning", message: `另一个进程（${pid}）正在建立或更新索引，等它完成……` });

async function refreshUnlocked(settings: IndexSettings, options: OpenIndexOptions): Promise<IndexState> {
  const emit = options.onEvent ?? (() => {});
  const kind = embeddingsKind(settings);
  let damaged: string | null = null;
  const manifest = await readManifest(settings.INDEX_DIR).catch((error: unknown) => {
    damaged = error instanceof AppError ? error.detail : String(error);
    return null;
  });

  let files: CorpusFile[];
  try {
    files = await scanCorpus(settings.CORPUS_DIR);
  } catch (error) {
    if (!manifest) throw error;
    emit({ type: "warning", message: `语料目录不可用（${settings.CORPUS_DIR}），使用已有索引` });
    return { action: "none", manifest };
  }
  const print = await fingerprinter(settings);

  if (manifest && !options.force) {
    const reason =
      manifest.format !== INDEX_FORMAT
        ? "索引格式已更新"
        : manifest.embeddings.kind !== kind.kind || manifest.embeddings.model !== kind.model
          ? `向量类型已改变（${manifest.embeddings.kind} → ${kind.kind}）`
          : manifest.fingerprint !== print.of(files)
            ? await updateBlocker(settings.INDEX_DIR, print.settings)
            : null;
    if (reason === null && manifest.fingerprint === print.of(files)) {
      // A killed build may have left a large temporary folder: an up-to-date open clears it too.
      await removeStaleBuilds(settings.INDEX_DIR);
      return { action: "none", manifest };
    }
    if (reason === null) {
      await removeStaleBuilds(settings.INDEX_DIR);
      const result = await update(settings, options, files, print);
      return { action: "updated", manifest: result.manifest, update: result };
    }
    emit({ type: "rebuild", reason });
  } else {
    emit({ type: "rebuild", reason: manifest ? "按要求重建" : damaged ? `索引已损坏（${damaged}）` : "索引不存在" });
  }
  return { action: "rebuilt", manifest: await rebuild(settings, options, files) };
}

/** The fingerprint of the settings alone, and of the settings with a set of pages. */
async function fingerprinter(settings: IndexSettings) {
  const chunking: ChunkOptions = { size: settings.CHUNK_SIZE, overlap: settings.CHUNK_OVERLAP };
  const common = { embeddings: embeddingsKind(settings), chunking, userWords: await readUserWords(settings.CORPUS_DIR), modelSha256: await modelDigest() };
  return {
    ...common,
    settings: fingerprint({ ...common, pages: [] }),
    of: (pages: ReadonlyArray<{ name?: string; source?: string; sha256: string }>) =>
      fingerprint({ ...common, pages: pages.map((p) => ({ source: p.source ?? "", name: p.name, sha256: p.sha256 })) }),
  };
}

/** Why the index cannot just be updated (null when it can): other settings, no page records, too many updates. */
async function updateBlocker(dir: string, settings: string): Promise<string | null> {
  const base = await readPagesFile(dir).catch(() => null);
  if (!base || base.settings !== settings) return "语料或设置有变化";
  return (await rebuildReason(dir)) ?? null;
}

async function update(
  settings: IndexSettings,
  options: OpenIndexOptions,
  files: CorpusFile[],
  print: Awaited<ReturnType<typeof fingerprinter>>,
): Promise<UpdateResult> {
  const emit = options.onEvent ?? (() => {});
  const dir = settings.INDEX_DIR;
  const list = await readSegmentList(dir);
  const known = new Map((list?.pages ?? (await readPagesFile(dir))!.pages).map((p) => [p.name, p.sha256]));
  const changed = files.filter((f) => known.get(f.name) !== f.sha256);
  const present = new Set(files.map((f) => f.name));
  const removed = [...known.keys()].filter((name) => !present.has(name));
  emit({
    type: "update",
    added: changed.filter((f) => !known.has(f.name)).length,
    replaced: changed.filter((f) => known.has(f.name)).length,
    removed: removed.length,
  });

  const tokenizer = defaultTokenizer(print.userWords);
  const corpus = await loadCorpus(settings.CORPUS_DIR, (done, total, source, note) => emit({ type: "pages", done, total, source, note }), {
    ocrCacheDir: ocrCacheDir(dir),
    only: new Set(changed.map((f) => f.path)),
  });
  const stats = await readEmbeddingStats(dir);
  if (settings.EMBEDDINGS === "local" && !stats) throw new AppError("index:corrupt", `${dir}：缺少本地向量统计（embeddings.json）`);
  const result = await updateIndex(
    dir,
    {
      corpus,
      files: changed,
      removed,
      embeddings: createEmbeddings(settings, tokenizer, stats),
      embeddingsKind: print.embeddings,
      tokenizer,
      chunking: print.chunking,
      settings: print.settings,
      fingerprintOf: print.of,
    },
    (stage, done, total) => emit({ type: "progress", stage, done, total }),
  );
  emit({ type: "updated", result });
  return result;
}

async function rebuild(settings: IndexSettings, options: OpenIndexOptions, files: CorpusFile[]): Promise<Manifest> {
  const emit = options.onEvent ?? (() => {});
  const print = await fingerprinter(settings);
  const tokenizer = defaultTokenizer(print.userWords);
  const corpus = await loadCorpus(settings.CORPUS_DIR, (done, total, source, note) => emit({ type: "pages", done, total, source, note }), {
    ocrCacheDir: ocrCacheDir(settings.INDEX_DIR),
  });
  const embeddings = createEmbeddings(settings, tokenizer);
  const built = await buildIndex(
    settings.INDEX_DIR,
    {
      corpus,
      embeddings,
      embeddingsKind: print.embeddings,
      tokenizer,
      chunking: print.chunking,
      fingerprint: print.of(files),
      settings: print.settings,
      files,
      releaseArticles: true,
    },
    (stage, done, total) => emit({ type: "progress", stage, done, total }),
  );
  emit({ type: "built", manifest: built });
  return built;
}

/**
 * Loads the index in `INDEX_DIR` as it is now (no check against the corpus): what a running bot
 * or chat re-opens when an update has been written.
 * @throws AppError `index:missing`, `index:corrupt`.
 */
export async function loadCurrentIndex(settings: IndexSettings, userWords: string[]): Promise<LoadedIndex> {
  return load(settings, userWords);
}

async function load(settings: IndexSettings, userWords: string[]): Promise<LoadedIndex> {
  const tokenizer = defaultTokenizer(userWords);
  const stats = await readEmbeddingStats(settings.INDEX_DIR);
  if (settings.EMBEDDINGS === "local" && !stats) throw new AppError("index:corrupt", `${settings.INDEX_DIR}：缺少本地向量统计（embeddings.json）`);
  let embeddings: ReturnType<typeof createEmbeddings>;
  try {
    embeddings = createEmbeddings(settings, tokenizer, stats);
  } catch (cause) {
    throw new AppError("index:corrupt", `${settings.INDEX_DIR}：本地向量统计无法读取`, { cause });
  }
  return loadIndex(settings.INDEX_DIR, embeddings, tokenizer);
}
