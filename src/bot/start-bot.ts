import { createHash } from "node:crypto";
import { createServer, type Server } from "node:http";
import { run, type RunnerHandle } from "@grammyjs/runner";
import { GrammyError, HttpError, webhookCallback, type Bot, type Context } from "grammy";
import type { UserFromGetMe } from "grammy/types";
import type { Config } from "../config.js";
import { AppError } from "../errors.js";
import { createBot, type RateLimit } from "./bot.js";
import type { BotDeps } from "./deps.js";
import { createInFlight, type InFlight } from "./in-flight.js";
import type { BotLogger } from "./logger.js";

export interface StartBotOptions {
  logger: BotLogger;
  botInfo?: UserFromGetMe;
  rateLimit?: RateLimit;
  /** How long a stop waits for answers in flight (default 8 s, inside the 10 s promise). */
  drainMilliseconds?: number;
  /** How long start-up keeps retrying an unreachable Bot API before giving up (default 30 s). */
  connectMilliseconds?: number;
}

/** A started bot. */
export interface RunningBot {
  bot: Bot<Context>;
  mode: "polling" | "webhook";
  /** Stops taking updates, then waits for answers in flight (bounded). Idempotent. */
  stop(): Promise<void>;
  /** Settles when the bot stops; rejects when it stopped by itself on an error (e.g. token revoked). */
  stopped: Promise<void>;
  /** Webhook mode: the local address the server listens on. */
  address?: { host: string; port: number };
}

/** Only what the bot handles: everything else is never fetched. */
const ALLOWED_UPDATES = ["message", "callback_query"] as const;

/** The webhook secret Telegram sends back (X-Telegram-Bot-Api-Secret-Token): derived from the token. */
export function webhookSecret(token: string): string {
  return createHash("sha256").update(`baoku-webhook:${token}`).digest("hex");
}

/**
 * Starts the bot: checks the token with getMe, then long polling with the runner (updates of
 * different chats in parallel, one at a time per chat), or — when WEBHOOK_URL is set — a webhook
 * served on WEBHOOK_HOST:WEBHOOK_PORT by node:http.
 * @throws AppError `bot:no-token`; `bot:start-failed` when Telegram (or TELEGRAM_API_ROOT) refuses
 * the token or cannot be reached — with no token in the message.
 */
export async function startBot(config: Config, deps: BotDeps, options: StartBotOptions): Promise<RunningBot> {
  const token = config.TELEGRAM_BOT_TOKEN;
  if (!token) throw new AppError("bot:no-token", "");
  const { logger } = options;
  const inFlight = createInFlight();
  const bot = createBot(token, deps, { apiRoot: config.TELEGRAM_API_ROOT, inFlight, rateLimit: options.rateLimit, botInfo: options.botInfo });
  // grammY retries getMe on network errors without end; bound it, so a wrong TELEGRAM_API_ROOT
  // or no network is reported instead of waited on silently.
  const connectMs = options.connectMilliseconds ?? 30_000;
  const connecting = AbortSignal.timeout(connectMs);
  try {
    await bot.init(connecting as Parameters<typeof bot.init>[0]);
  } catch (error) {
    throw startFailure(connecting.aborted ? new HttpError(`no answer in ${connectMs} ms`, error) : error, config);
  }
  const drain = options.drainMilliseconds ?? 8_000;
  return config.WEBHOOK_URL
    ? startWebhook(bot, config, config.WEBHOOK_URL, token, inFlight, drain, logger)
    : startPolling(bot, config, inFlight, drain, logger);
}

async function startPolling(bot: Bot<Context>, config: Config, inFlight: InFlight, drain: number, logger: BotLogger): Promise<RunningBot> {
  try {
    // A webhook left from webhook mode would make getUpdates fail.
    await bot.api.deleteWebhook();
  } catch (error) {
    throw startFailure(error, config);
  }
  // The runner is silent (its own logging prints raw errors); failed polls are logged here.
  bot.api.config.use(async (prev, method, payload, signal) => {
    try {
      const result = await prev(method, payload, signal);
      if (method === "getUpdates" && !result.ok) logger.warn({ error_code: result.error_code, description: result.description }, "获取消息失败，稍后重试");
      return result;
    } catch (error) {
      if (method === "getUpdates" && !signal?.aborted) logger.warn({ err: error }, "获取消息失败，稍后重试");
      throw error;
    }
  });
  const runner: RunnerHandle = run(bot, { runner: { silent: true, fetch: { allowed_updates: ALLOWED_UPDATES } } });
  const stopped = (runner.task() ?? Promise.resolve()).then(() => {});
  let stopping: Promise<void> | null = null;
  return {
    bot,
    mode: "polling",
    stopped,
    stop: () =>
      (stopping ??= (async () => {
        if (runner.isRunning()) await runner.stop();
        await finish(inFlight, drain, logger);
      })()),
  };
}

async function startWebhook(
  bot: Bot<Context>,
  config: Config,
  url: string,
  token: string,
  inFlight: InFlight,
  drain: number,
  logger: BotLogger,
): Promise<RunningBot> {
  const secret = webhookSecret(token);
  const path = new URL(url).pathname;
  // Telegram waits for the reply; long answers go on after the HTTP response ("return").
  const handle = webhookCallback(bot, "http", { secretToken: secret, onTimeout: "return", timeoutMilliseconds: 9_000 });
  const server: Server = createServer((req, res) => {
    if (req.method !== "POST" || req.url?.split("?")[0] !== path) return void res.writeHead(404).end();
    handle(req, res).catch((error: unknown) => {
      logger.warn({ err: error }, "webhook 请求处理失败");
      if (!res.headersSent) res.writeHead(500).end();
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(config.WEBHOOK_PORT, config.WEBHOOK_HOST, () => resolve());
  }).catch((error: unknown) => {
    throw new AppError("bot:start-failed", `无法监听 ${config.WEBHOOK_HOST}:${config.WEBHOOK_PORT}（${(error as Error).message}）`, { cause: error });
  });
  try {
    await bot.api.setWebhook(url, { secret_token: secret, allowed_updates: ALLOWED_UPDATES });
  } catch (error) {
    server.close();
    throw startFailure(error, config);
  }
  const port = (server.address() as { port: number }).port;
  let resolveStopped!: () => void;
  const stopped = new Promise<void>((resolve) => (resolveStopped = resolve));
  let stopping: Promise<void> | null = null;
  return {
    bot,
    mode: "webhook",
    stopped,
    address: { host: config.WEBHOOK_HOST, port },
    stop: () =>
      (stopping ??= (async () => {
        // No new requests; the webhook stays set so Telegram keeps updates until the bot is back.
        server.close();
        server.closeIdleConnections();
        await finish(inFlight, drain, logger);
        server.closeAllConnections();
        resolveStopped();
      })()),
  };
}

async function finish(inFlight: InFlight, drain: number, logger: BotLogger): Promise<void> {
  const waiting = inFlight.size();
  if (waiting > 0) logger.info({ in_flight: waiting }, "等待进行中的回答完成");
  if (!(await inFlight.drain(drain))) logger.warn({ in_flight: inFlight.size() }, "仍有回答未完成，停止等待");
}

/** A start-up failure as one Chinese line that says what to check, without the token. */
function startFailure(error: unknown, config: Config): AppError {
  const where = config.TELEGRAM_API_ROOT ?? "https://api.telegram.org";
  let detail: string;
  if (error instanceof GrammyError && (error.error_code === 401 || error.error_code === 404)) {
    detail = `Telegram 不接受这个令牌（${error.error_code}）：请向 @BotFather 核对 TELEGRAM_BOT_TOKEN`;
  } else if (error instanceof GrammyError) {
    detail = `${where} 返回错误 ${error.error_code ?? ""} ${error.description ?? ""}`.trim();
  } else if (error instanceof HttpError) {
    detail = `无法连接 ${where}（请检查网络、代理或 TELEGRAM_API_ROOT）`;
  } else {
    detail = "连接 Telegram 时出错（详情见日志）";
  }
  return new AppError("bot:start-failed", detail, { cause: error });
}
