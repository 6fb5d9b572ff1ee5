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
