import { createAnswerer, type Answerer } from "./answer/answerer.js";
import type { AnswerModel } from "./answer/model.js";
import { createOpenAILlm, type LlmAnswerer } from "./answer/llm.js";
import type { Config } from "./config.js";
import type { LoadedIndex } from "./index/load-index.js";
import type { Logger } from "./log.js";
import { openIndex, type IndexEvent } from "./index/open-index.js";
import { archiveOf, type Archive } from "./retrieve/archive.js";
import { createRetriever, type Retriever } from "./retrieve/retriever.js";

/** Everything an entry point (ask, chat, bot, eval) needs, wired from the config. */
export interface App {
  index: LoadedIndex;
  retriever: Retriever;
  archive: Archive;
  answerer: Answerer;
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

/**
 * Opens (building first when missing or stale) the index and wires retrieval and answering.
 * @throws AppError from the index stage (`corpus:missing`, `embed:failed`, …).
 */
export async function createApp(config: Config, options: AppOptions = {}): Promise<App> {
  const index = await openIndex(config, { force: options.rebuild ?? false, onEvent: options.onIndexEvent ?? (() => {}) });
  const retriever = createRetriever(index);
  const archive = archiveOf(index);
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
  const answerer = createAnswerer({
    retriever,
    archive,
    llm,
    now: options.now,
    model: options.model,
    minConfidence: options.minConfidence ?? config.ANSWER_MIN_CONFIDENCE,
  });
  return { index, retriever, archive, answerer };
}
