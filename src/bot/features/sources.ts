import { Composer, type Context } from "grammy";
import type { BotState } from "../deps.js";
import { renderSources } from "../format.js";
import { replyHtml } from "../reply.js";

export const EXPIRED = "这个回答已过期，请重新提问。";

/** The 原文 button: the answer's quoted passages with full citations, in expandable quotes. */
export function sourcesFeature(state: BotState): Composer<Context> {
  const composer = new Composer<Context>();
  composer.callbackQuery(/^src:([\w-]+)$/, async (ctx) => {
    const sent = state.answers.get(ctx.match[1]!);
    if (!sent) return void (await ctx.answerCallbackQuery({ text: EXPIRED }));
    await ctx.answerCallbackQuery();
    await replyHtml(ctx, renderSources(sent.result));
  });
  return composer;
}
