import { stat } from "node:fs/promises";
import { join } from "node:path";
import { createAnswerer, type Answerer } from "./answer/answerer.js";
import type { AnswerModel } from "./answer/model.js";
import { createOpenAILlm, type LlmAnswerer } from "./answer/llm.js";
import type { Config } from "./config.js";
import { FILES, SEGMENTS } from "./index/files.js";
import type { LoadedIndex } from "./index/load-index.js";
import { readManifest } from "./index/load-index.js";
import type { Manifest } from "./index/manifest.js";
import type { Logger } from "./log.js";
import { loadCurrentIndex, openIndex, type IndexEvent } from "./index/open-index.js";
import { archiveOf, type Archive } from "./retrieve/archive.js";
import { createRetriever, type Retriever } from "./retrieve/retriever.js";

/**
 * Everything an entry point (ask, chat, bot, eval) needs, wired from the config. `index`,
 * `retriever` and `archive` are those of the index loaded now; `answerer` answers each question
 * on the index loaded when the question started, so a swap never changes a question in flight.
 */
export interface App {
  readonly index: LoadedIndex;
  readonly retriever: Retriever;
  readonly archive: Archive;
  readonly answerer: Answerer;
  /**
   * Re-opens the index when its folder holds another one than the loaded (an update or a
   * rebuild written since), and swaps it in: one reference changes, questions in flight finish
   * on the old index, which is then freed. Resolves true when it swapped.
   * @throws AppError `index:missing`, `index:corrupt` (the loaded index stays).
   */
  refresh(): Promise<boolean>;
  /**
   * Checks the index folder every `intervalMs` (default 2 s) and refreshes when it changed.
   * Returns the function that stops watching. The timer does not keep the process alive.
   */
  watchIndex(options?: WatchIndexOptions): () => void;
}

export interface WatchIndexOptions {
  intervalMs?: number;
  onSwap?: (manifest: Manifest) => void;
  /** A refresh that failed (the loaded index stays; the next check tries again). */
  onError?: (error: unknown) => void;
}

export interface AppOptions {
  onIndexEvent?: (event: IndexEvent) => void;
  /** Rebuild the index even when up to date. */
  rebuild?: boolean;
  /** Overrides the LLM the config asks for (tests). */
  llm?: LlmAnswerer;
  now?: () => Date;
  logger?: Logger;
  /** The answer-selection model (default: the committed one) and the confidence answers need. */
  model?: AnswerModel;
  minConfidence?: number;
}

/** One loaded index and what is wired on it. */
interface Snapshot {
  index: LoadedIndex;
  retriever: Retriever;
  archive: Archive;
  answerer: Answerer;
  /** What the index folder looked like when it was loaded (`folderStamp`). */
  stamp: string;
}

/**
 * A cheap sign of which index the folder holds: the manifest's and the segment list's change
 * times and sizes (a rebuild writes a new manifest, an update a new segment list).
 */
async function folderStamp(dir: string): Promise<string> {
  const part = async (name: string) => {
    const s = await stat(join(dir, name)).catch(() => null);
    return s ? `${s.ino}:${s.mtimeMs}:${s.size}` : "-";
  };
  return `${await part(FILES.manifest)}|${await part(SEGMENTS.list)}`;
}

/**
 * Opens (building or updating first when missing or stale) the index and wires retrieval and
 * answering.
 * @throws AppError from the index stage (`corpus:missing`, `embed:failed`, …).
 */
export async function createApp(config: Config, options: AppOptions = {}): Promise<App> {
  const llm =
    options.llm ??
    (config.LLM === "openai"
      ? createOpenAILlm({
          baseURL: config.OPENAI_BASE_URL!,
          model: config.LLM_MODEL!,
          apiKey: config.OPENAI_API_KEY,
          timeoutMs: config.LLM_TIMEOUT_MS,
          logger: options.logger,
        })
      : undefined);
  const wire = (index: LoadedIndex, stamp: string): Snapshot => {
    const retriever = createRetriever(index);
    const archive = archiveOf(index);
    const answerer = createAnswerer({
      retriever,
      archive,
      llm,
      now: options.now,
      model: options.model,
      minConfidence: options.minConfidence ?? config.ANSWER_MIN_CONFIDENCE,
    });
    return { index, retriever, archive, answerer, stamp };
  };

  const index = await openIndex(config, { force: options.rebuild ?? false, onEvent: options.onIndexEvent ?? (() => {}) });
  let current = wire(index, await folderStamp(config.INDEX_DIR));
  let refreshing: Promise<boolean> | null = null;

  const refresh = async (): Promise<boolean> => {
    const stamp = await folderStamp(config.INDEX_DIR);
    if (stamp === current.stamp) return false;
    const manifest = await readManifest(config.INDEX_DIR);
    const same = manifest && manifest.builtAt === current.index.manifest.builtAt && manifest.fingerprint === current.index.manifest.fingerprint;
    if (!manifest || same) {
      if (same) current = { ...current, stamp };
      return false;
    }
    const loaded = await loadCurrentIndex(config, manifest.userWords);
    // The folder may have changed again while loading: keep the stamp of before, so the next check looks again.
    current = wire(loaded, stamp);
    return true;
  };

  const app: App = {
    get index() {
      return current.index;
    },
    get retriever() {
      return current.retriever;
    },
    get archive() {
      return current.archive;
    },
    answerer: { answer: (message, conversation) => current.answerer.answer(message, conversation) },
    refresh: () => {
      // One refresh at a time: a second caller waits for the first.
      refreshing ??= refresh().finally(() => {
        refreshing = null;
      });
      return refreshing;
    },
    watchIndex(watch = {}) {
      let stopped = false;
      let timer: NodeJS.Timeout | undefined;
      const tick = async () => {
        try {
          if (await app.refresh()) watch.onSwap?.(current.index.manifest);
        } catch (error) {
          watch.onError?.(error);
        }
        if (!stopped) timer = setTimeout(tick, watch.intervalMs ?? 2_000).unref();
      };
      timer = setTimeout(tick, watch.intervalMs ?? 2_000).unref();
      return () => {
        stopped = true;
        clearTimeout(timer);
      };
    },
  };
  return app;
}
