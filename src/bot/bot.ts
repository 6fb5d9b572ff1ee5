import { autoRetry } from "@grammyjs/auto-retry";
import { limit } from "@grammyjs/ratelimiter";
import { sequentialize } from "@grammyjs/runner";
import { Bot, type Context } from "grammy";
import type { UserFromGetMe } from "grammy/types";
import { onlyAddressed } from "./addressed.js";
import { AnswerCache, ConversationStore } from "./chat-memory.js";
import type { BotDeps, BotState } from "./deps.js";
import { createErrorHandler } from "./error-handler.js";
import { retryNetworkErrors } from "./retry-network.js";
import { aboutFeature } from "./features/about.js";
import { askFeature } from "./features/ask.js";
import { feedbackFeature } from "./features/feedback.js";
import { helpFeature } from "./features/help.js";
import { reindexFeature } from "./features/reindex.js";
import { searchFeature } from "./features/search.js";
import { sourcesFeature } from "./features/sources.js";
import { startFeature } from "./features/start.js";
import { unhandledFeature } from "./features/unhandled.js";
import type { InFlight } from "./in-flight.js";

export interface RateLimit {
  /** Window in milliseconds. */
  timeFrame: number;
  /** Updates one user may send per window; the first one over gets a polite note. */
  limit: number;
}

export interface CreateBotOptions {
  /** Skips getMe (tests, or a caller that knows it). */
  botInfo?: UserFromGetMe;
  /** A self-hosted Bot API server (TELEGRAM_API_ROOT). */
  apiRoot?: string;
  rateLimit?: RateLimit;
  /** Counts updates in flight for a graceful stop. */
  inFlight?: InFlight;
  state?: BotState;
}

/** Further attempts after a Telegram 5xx (auto-retry backs off 3 s, 6 s, …). */
export const TELEGRAM_RETRY_ATTEMPTS = 2;

/** Per user: 8 updates in 10 seconds is a quick reader; more is a script or a stuck key. */
export const DEFAULT_RATE_LIMIT: RateLimit = { timeFrame: 10_000, limit: 8 };
const SLOW_DOWN = "您发送得太快了，请稍等几秒再问。";

/**
 * The Baoku bot: one Composer per feature behind an error boundary, HTML replies. Creates no
 * network connection by itself (see startBot).
 * Order: in-flight count → drop group chatter → rate limit per user → one update at a time per
 * chat (so follow-ups see the previous answer) → features → unhandled.
 */
export function createBot(token: string, deps: BotDeps, options: CreateBotOptions = {}): Bot<Context> {
  const bot = new Bot<Context>(token, {
    ...(options.botInfo ? { botInfo: options.botInfo } : {}),
    ...(options.apiRoot ? { client: { apiRoot: options.apiRoot } } : {}),
  });
  // Bounded: 429s wait at most 30 s, 5xx are retried twice (auto-retry would retry network errors
  // without bound, so those are left to retryNetworkErrors: twice, for replies only).
  bot.api.config.use(autoRetry({ maxRetryAttempts: TELEGRAM_RETRY_ATTEMPTS, maxDelaySeconds: 30, rethrowHttpErrors: true }));
  bot.api.config.use(retryNetworkErrors());

  const state = options.state ?? { conversations: new ConversationStore(), answers: new AnswerCache() };
  const rate = options.rateLimit ?? DEFAULT_RATE_LIMIT;
  const handleError = createErrorHandler(deps.logger);

  if (options.inFlight) bot.use(options.inFlight.middleware);
  bot.use(onlyAddressed);
  bot.use(
    limit<Context, never>({
      timeFrame: rate.timeFrame,
      limit: rate.limit,
      keyGenerator: (ctx) => ctx.from?.id.toString(),
      onLimitExceeded: (ctx) => {
        const note = ctx.callbackQuery ? ctx.answerCallbackQuery({ text: SLOW_DOWN }) : ctx.reply(SLOW_DOWN);
        note.catch((error: unknown) => deps.logger.warn({ update_id: ctx.update.update_id, err: error }, "限流提示发送失败"));
      },
    }),
  );
  bot.use(sequentialize((ctx: Context) => (ctx.chat ? String(ctx.chat.id) : undefined)));

  const features = bot.errorBoundary(handleError);
  features.use(startFeature(deps, state));
  features.use(helpFeature());
  features.use(searchFeature(deps));
  features.use(aboutFeature(deps));
  features.use(reindexFeature(deps));
  features.use(sourcesFeature(state));
  features.use(feedbackFeature(deps, state));
  features.use(askFeature(deps, state));
  features.use(unhandledFeature());

  bot.catch(handleError);
  return bot;
}
