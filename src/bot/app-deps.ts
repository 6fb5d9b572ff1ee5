import { createApp, type App, type AppOptions } from "../app.js";
import type { Config } from "../config.js";
import type { IndexEvent } from "../index/open-index.js";
import type { BotDeps } from "./deps.js";
import { createFeedbackStore, feedbackFileFor } from "./feedback-store.js";
import type { BotLogger } from "./logger.js";

/** Index building as log lines (a bot has no terminal to draw progress bars on). */
export function logIndexEvents(logger: BotLogger): (event: IndexEvent) => void {
  return (event) => {
    if (event.type === "rebuild") logger.info({ reason: event.reason }, `正在建立索引：${event.reason}`);
    else if (event.type === "warning") logger.warn({}, event.message);
    else if (event.type === "built") {
      const m = event.manifest;
      logger.info(
        { counts: m.counts, coverage: m.coverage, seconds: m.buildSeconds, skipped: m.skipped.length, undated: m.undated.length },
        `索引完成：${m.counts.pages} 个版面，${m.counts.articles} 篇文章`,
      );
    }
  };
}

/**
 * The bot's dependencies from the config: opens the index (building it first when missing or
 * stale, and logging that), and wires answers, search, /about, feedback and /reindex. /reindex
 * swaps in a freshly built app; answers in progress finish on the old one.
 * @throws AppError from opening the index.
 */
export async function createBotDeps(config: Config, logger: BotLogger, options: Pick<AppOptions, "now" | "llm" | "logger"> = {}): Promise<BotDeps> {
  const onIndexEvent = logIndexEvents(logger);
  let app: App = await createApp(config, { ...options, onIndexEvent });
  return {
    answerer: { answer: (message, conversation) => app.answerer.answer(message, conversation) },
    retriever: { search: (question, searchOptions) => app.retriever.search(question, searchOptions) },
    indexInfo: () => app.index.manifest,
    async reindex() {
      app = await createApp(config, { ...options, onIndexEvent, rebuild: true });
      return app.index.manifest;
    },
    feedback: createFeedbackStore(feedbackFileFor(config.INDEX_DIR)),
    logger,
    admins: config.BOT_ADMINS,
  };
}
