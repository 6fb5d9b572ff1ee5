import { createApp, type App, type AppOptions } from "../app.js";
import type { Config } from "../config.js";
import { refreshIndex, type IndexEvent } from "../index/open-index.js";
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
    } else if (event.type === "updated") {
      const u = event.result;
      logger.info(
        { added: u.added, replaced: u.replaced, removed: u.removed, chunks: u.addedChunks, seconds: u.seconds },
        `更新索引：新增 ${u.added} 页，替换 ${u.replaced} 页，删除 ${u.removed} 页`,
      );
    }
  };
}

/**
 * The bot's dependencies from the config: opens the index (building it first when missing or
 * stale, and logging that), and wires answers, search, /about, feedback and /reindex. /reindex
 * rebuilds the index and swaps it in; answers in progress finish on the old one. With
 * `watchMs`, an index updated by `npm run index` (or its --watch) is swapped in the same way,
 * checked that often; `close()` stops watching.
 * @throws AppError from opening the index.
 */
export async function createBotDeps(
  config: Config,
  logger: BotLogger,
  options: Pick<AppOptions, "now" | "llm" | "logger"> & { watchMs?: number } = {},
): Promise<BotDeps & { app: App; close(): void }> {
  const onIndexEvent = logIndexEvents(logger);
  const app: App = await createApp(config, { ...options, onIndexEvent });
  const stopWatching = options.watchMs
    ? app.watchIndex({
        intervalMs: options.watchMs,
        onSwap: (m) => logger.info({ counts: m.counts, builtAt: m.builtAt }, `已切换到更新后的索引：${m.counts.pages} 个版面，${m.counts.articles} 篇文章`),
        onError: (error) => logger.warn({ err: error }, "更新后的索引暂时无法读取，稍后再试"),
      })
    : () => {};
  return {
    app,
    close: stopWatching,
    answerer: app.answerer,
    retriever: { search: (question, searchOptions) => app.retriever.search(question, searchOptions) },
    indexInfo: () => app.index.manifest,
    async reindex() {
      await refreshIndex(config, { force: true, onEvent: onIndexEvent });
      await app.refresh();
      return app.index.manifest;
    },
    feedback: createFeedbackStore(feedbackFileFor(config.INDEX_DIR)),
    logger,
    admins: config.BOT_ADMINS,
  };
}
