import type { ChunkOptions } from "../chunk/chunk-article.js";
import { createEmbeddings, embeddingsKind, type EmbeddingsSettings } from "../embed/create-embeddings.js";
import { AppError } from "../errors.js";
import { loadCorpus, readUserWords, scanCorpus } from "../ingest/load-corpus.js";
import { defaultTokenizer } from "../text/tokenize.js";
import { buildIndex, removeStaleBuilds, type BuildProgress } from "./build-index.js";
import { ocrCacheDir } from "./files.js";
import { loadIndex, readEmbeddingStats, readManifest, type LoadedIndex } from "./load-index.js";
import { fingerprint, INDEX_FORMAT, type Manifest } from "./manifest.js";
import { modelDigest } from "./model-digest.js";

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
  | { type: "built"; manifest: Manifest };

export interface OpenIndexOptions {
  /** Rebuild even when the index is up to date. */
  force?: boolean;
  onEvent?: (event: IndexEvent) => void;
}

/**
 * Opens the index in `INDEX_DIR`, first building it when it is missing, damaged, older than the
 * corpus, or made with another embedding, chunking, user dictionary or answer-selection model.
 * An unchanged corpus is never rebuilt.
 * @throws AppError `corpus:missing` when there is neither a corpus nor an index; `embed:failed`;
 * `internal` when the model file exists but cannot be read.
 */
export async function openIndex(settings: IndexSettings, options: OpenIndexOptions = {}): Promise<LoadedIndex> {
  const emit = options.onEvent ?? (() => {});
  const chunking: ChunkOptions = { size: settings.CHUNK_SIZE, overlap: settings.CHUNK_OVERLAP };
  const kind = embeddingsKind(settings);
  let damaged: string | null = null;
  const manifest = await readManifest(settings.INDEX_DIR).catch((error: unknown) => {
    damaged = error instanceof AppError ? error.detail : String(error);
    return null;
  });

  let files: Awaited<ReturnType<typeof scanCorpus>>;
  try {
    files = await scanCorpus(settings.CORPUS_DIR);
  } catch (error) {
    if (!manifest) throw error;
    emit({ type: "warning", message: `语料目录不可用（${settings.CORPUS_DIR}），使用已有索引` });
    return load(settings, manifest.userWords);
  }
  const userWords = await readUserWords(settings.CORPUS_DIR);
  const wanted = fingerprint({ pages: files, embeddings: kind, chunking, userWords, modelSha256: await modelDigest() });

  if (manifest && !options.force) {
    const reason =
      manifest.format !== INDEX_FORMAT
        ? "索引格式已更新"
        : manifest.embeddings.kind !== kind.kind || manifest.embeddings.model !== kind.model
          ? `向量类型已改变（${manifest.embeddings.kind} → ${kind.kind}）`
          : manifest.fingerprint !== wanted
            ? "语料或设置有变化"
            : null;
    if (!reason) {
      try {
        // A killed build may have left a large temporary folder: an up-to-date open clears it too.
        await removeStaleBuilds(settings.INDEX_DIR);
        return await load(settings, manifest.userWords);
      } catch (error) {
        if (!(error instanceof AppError) || error.code !== "index:corrupt") throw error;
        emit({ type: "rebuild", reason: `索引已损坏（${error.detail}）` });
      }
    } else {
      emit({ type: "rebuild", reason });
    }
  } else {
    emit({ type: "rebuild", reason: manifest ? "按要求重建" : damaged ? `索引已损坏（${damaged}）` : "索引不存在" });
  }

  const tokenizer = defaultTokenizer(userWords);
  const corpus = await loadCorpus(settings.CORPUS_DIR, (done, total, source, note) => emit({ type: "pages", done, total, source, note }), {
    ocrCacheDir: ocrCacheDir(settings.INDEX_DIR),
  });
  const embeddings = createEmbeddings(settings, tokenizer);
  const built = await buildIndex(
    settings.INDEX_DIR,
    { corpus, embeddings, embeddingsKind: kind, tokenizer, chunking, fingerprint: wanted, releaseArticles: true },
    (stage, done, total) => emit({ type: "progress", stage, done, total }),
  );
  emit({ type: "built", manifest: built });
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
