/**
 * npm run bot (also npm start) — the Telegram bot.
 * Long polling by default; a webhook on WEBHOOK_HOST:WEBHOOK_PORT when WEBHOOK_URL is set.
 * Builds the index first when it is missing or stale. SIGINT/SIGTERM: stops taking updates,
 * lets answers in flight finish, exits within 10 s.
 */
import { createBotDeps } from "../src/bot/app-deps.js";
import { warmUpApp } from "../src/answer/warm-up.js";
import { redactingLogger } from "../src/bot/logger.js";
import { startBot } from "../src/bot/start-bot.js";
import { configFromEnvironment, runMain, stopOnSignals } from "../src/cli/entry.js";
import { AppError } from "../src/errors.js";
import { createLogger } from "../src/log.js";

/** The whole stop, answers in flight included, must fit in 10 s. */
const HARD_STOP_MS = 9_500;
/** How often the index folder is checked for an update. */
const INDEX_CHECK_MS = 2_000;

runMain(async () => {
  const config = configFromEnvironment();
  const token = config.TELEGRAM_BOT_TOKEN;
  if (!token) throw new AppError("bot:no-token", "");
  const baseLogger = createLogger(config.LOG_LEVEL);
  const logger = redactingLogger(baseLogger, [token, config.OPENAI_API_KEY]);

  // An index updated by `npm run index` (or `-- --watch`) is swapped in within a few seconds.
  const deps = await createBotDeps(config, logger, { logger: baseLogger, watchMs: INDEX_CHECK_MS });
  const warm = await warmUpApp(deps.app);
  logger.info(warm, `回答预热完成：${warm.answers} 次，${warm.seconds.toFixed(1)} 秒`);
  const running = await startBot(config, deps, { logger, drainMilliseconds: HARD_STOP_MS - 1_500 });
  logger.info({ mode: running.mode, username: running.bot.botInfo.username, address: running.address }, "机器人已启动");

  stopOnSignals(
    logger,
    () => {
      deps.close();
      return running.stop();
    },
    { stopping: "正在停止：不再接收新消息，等待进行中的回答完成", stopped: "机器人已停止" },
    HARD_STOP_MS,
  );

  running.stopped.catch((error: unknown) => {
    logger.error({ err: error }, "机器人意外停止（令牌被吊销，或另一个实例在用同一个令牌？）");
    process.exit(1);
  });
});
