/**
 * npm run web — the web chat page and the HTTP API (POST /api/ask, GET /api/health) on
 * WEB_HOST:WEB_PORT. Builds the index first when it is missing or stale. SIGINT/SIGTERM: stops
 * taking requests, lets answers in progress finish, exits within 10 s.
 */
import { createApp } from "../src/app.js";
import { warmUpApp } from "../src/answer/warm-up.js";
import { logIndexEvents } from "../src/bot/app-deps.js";
import { configFromEnvironment, runMain, stopOnSignals } from "../src/cli/entry.js";
import { AppError } from "../src/errors.js";
import { createLogger } from "../src/log.js";
import { createWebServer, webOptionsOf } from "../src/web/server.js";

/** The whole stop, answers in flight included, must fit in 10 s. */
const HARD_STOP_MS = 9_500;

runMain(async () => {
  const config = configFromEnvironment();
  const logger = createLogger(config.LOG_LEVEL);
  const app = await createApp(config, { onIndexEvent: logIndexEvents(logger), logger });
  const warm = await warmUpApp(app);
  logger.info(warm, `回答预热完成：${warm.answers} 次，${warm.seconds.toFixed(1)} 秒`);
  const server = await createWebServer(app, webOptionsOf(config, logger));
  let url: string;
  try {
    url = `${await server.listen({ host: config.WEB_HOST, port: config.WEB_PORT })}/`;
  } catch (error) {
    throw new AppError("web:start-failed", `无法监听 ${config.WEB_HOST}:${config.WEB_PORT}（${(error as Error).message}）`, { cause: error });
  }
  logger.info({ url, rateLimit: config.WEB_RATE_LIMIT }, `网页已启动：${url}`);
  // An index updated meanwhile (`npm run index`, or its --watch) is swapped in; answers in flight finish on the old one.
  const stopWatching = app.watchIndex({
    onSwap: (m) => logger.info({ pages: m.counts.pages, articles: m.counts.articles }, "索引已更新"),
    onError: (error) => logger.warn({ err: error }, "读取更新后的索引失败，继续使用已加载的索引"),
  });

  stopOnSignals(
    logger,
    () => {
      stopWatching();
      return server.close();
    },
    { stopping: "正在停止：不再接收新请求，等待进行中的回答完成", stopped: "网页已停止" },
    HARD_STOP_MS,
  );
});
