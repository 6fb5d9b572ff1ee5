import { redactSecrets } from "../config.js";

/** What the bot logs through: a subset of pino's interface, so tests can pass a recorder. */
export interface BotLogger {
  debug(fields: object, message: string): void;
  info(fields: object, message: string): void;
  warn(fields: object, message: string): void;
  error(fields: object, message: string): void;
}

type Level = keyof BotLogger;
const LEVELS: Level[] = ["debug", "info", "warn", "error"];

/** A plain, JSON-safe view of an error (grammY's errors carry the request and its cause). */
export function describeError(error: unknown, depth = 0): Record<string, unknown> {
  if (!(error instanceof Error)) return { message: String(error) };
  const e = error as Error & Record<string, unknown>;
  const out: Record<string, unknown> = { type: e.name, message: e.message };
  for (const key of ["code", "method", "error_code", "description"]) if (e[key] !== undefined) out[key] = e[key];
  if (e.stack) out.stack = e.stack;
  // HttpError keeps the failed fetch's error, whose message may hold the request URL (and token).
  const inner = e.error ?? e.cause;
  if (inner !== undefined && depth < 3) out.cause = describeError(inner, depth + 1);
  return out;
}

/**
 * Wraps a logger so that nothing it writes can carry a secret: errors become plain objects and
 * every line is scrubbed of the given secrets and of anything shaped like a bot token (grammY
 * errors can contain the request URL, which holds the token).
 */
export function redactingLogger(logger: BotLogger, secrets: ReadonlyArray<string | undefined>): BotLogger {
  const scrub = (text: string) => {
    let out = text;
    for (const s of secrets) if (s && s.length >= 4) out = out.split(s).join("***");
    return redactSecrets(out, {});
  };
  const clean = (fields: object): object => {
    const plain = JSON.stringify(fields, (_key, value: unknown) => (value instanceof Error ? describeError(value) : value));
    return JSON.parse(scrub(plain ?? "{}")) as object;
  };
  const wrapped = {} as BotLogger;
  for (const level of LEVELS) wrapped[level] = (fields, message) => logger[level](clean(fields), scrub(message));
  return wrapped;
}

/** A logger that drops everything (tests that do not look at logs). */
export const silentLogger: BotLogger = { debug() {}, info() {}, warn() {}, error() {} };
