import pino, { type Logger } from "pino";

export type { Logger };

/** Redacts secrets wherever they appear in a log line. */
const REDACT = ["token", "*.token", "config.TELEGRAM_BOT_TOKEN", "config.OPENAI_API_KEY", "apiKey", "*.apiKey"];

/**
 * The app's logger: JSON lines on stderr (stdout is kept for answers and `--json` output).
 * Created by entry points only.
 */
export function createLogger(level: string, destination: number = 2): Logger {
  return pino({ level, redact: { paths: REDACT, censor: "***" }, base: undefined }, pino.destination({ fd: destination, sync: true }));
}
