import type { BotError, Context } from "grammy";
import { isAddressedToMe } from "./addressed.js";
import type { BotLogger } from "./logger.js";

/** What a user sees when something went wrong: never the error itself. */
export const SORRY = "抱歉，处理您的消息时出了点问题，请稍后再试。";

/**
 * The one error handler (errorBoundary and bot.catch): logs the error with the update id and
 * tells the user politely, if the update was for the bot. Never throws, so one bad update never
 * stops the bot.
 */
export function createErrorHandler(logger: BotLogger): (error: BotError<Context>) => Promise<void> {
  return async ({ ctx, error }) => {
    const update_id = ctx.update.update_id;
    logger.error({ update_id, err: error }, "处理消息时出错");
    try {
      if (ctx.callbackQuery) await ctx.answerCallbackQuery({ text: SORRY }).catch(() => {});
      if (ctx.chat && isAddressedToMe(ctx)) await ctx.reply(SORRY);
    } catch (sendError) {
      logger.warn({ update_id, err: sendError }, "无法发送出错提示");
    }
  };
}
