import { config as loadDotenv } from "dotenv";
import { parseConfig, type Config } from "../config.js";
import { userMessage } from "../errors.js";

/** Reads `.env` (if any) under the real environment, and validates it. Entry points only. */
export function configFromEnvironment(): Config {
  loadDotenv({ quiet: true });
  return parseConfig(process.env);
}

/**
 * Runs an entry point: any error becomes one Chinese line on stderr and exit status 1; the stack
 * only with LOG_LEVEL=debug.
 */
export function runMain(main: () => Promise<void>): void {
  main().catch((error: unknown) => {
    process.stderr.write(`错误：${userMessage(error)}\n`);
    if (process.env.LOG_LEVEL === "debug" || process.env.LOG_LEVEL === "trace") {
      process.stderr.write(`${(error as Error)?.stack ?? String(error)}\n`);
    }
    process.exitCode = 1;
  });
}

/** What a graceful stop needs to log. */
interface StopLogger {
  info(fields: object, message: string): void;
  warn(fields: object, message: string): void;
  error(fields: object, message: string): void;
}

/**
 * On the first SIGINT or SIGTERM: logs `stopping`, runs `stop` (which lets work in progress
 * finish), logs `stopped` and exits 0 — or exits 1 when `stop` fails or takes over `hardStopMs`.
 */
export function stopOnSignals(logger: StopLogger, stop: () => Promise<unknown>, texts: { stopping: string; stopped: string }, hardStopMs: number): void {
  let stopping = false;
  const shutdown = (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, texts.stopping);
    setTimeout(() => {
      logger.warn({}, "停止超时，强制退出");
      process.exit(1);
    }, hardStopMs).unref();
    stop().then(
      () => {
        logger.info({}, texts.stopped);
        process.exit(0);
      },
      (error: unknown) => {
        logger.error({ err: error }, "停止时出错");
        process.exit(1);
      },
    );
  };
  process.once("SIGINT", () => shutdown("SIGINT"));
  process.once("SIGTERM", () => shutdown("SIGTERM"));
}
