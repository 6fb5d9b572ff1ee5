import { Composer, type Context } from "grammy";
import { withoutMention } from "../addressed.js";
import type { BotDeps, BotState } from "../deps.js";
import { replyHtml, replyWithAnswer } from "../reply.js";

const ASK_USAGE = "请在 /ask 后面写上问题，例如：/ask 准东开发区上半年有多少家企业注册登记？";

/**
 * Questions: /ask anywhere; any other text in a private chat; in a group, text that mentions the
 * bot or replies to it (the update filter has already dropped everything else in groups).
 */
export function askFeature(deps: BotDeps, state: BotState): Composer<Context> {
  const composer = new Composer<Context>();

  composer.command("ask", async (ctx) => {
    const question = withoutMention(ctx.match, ctx.me.username);
    if (!question) return replyHtml(ctx, ASK_USAGE);
    await replyWithAnswer(ctx, question, deps, state);
  });

  composer.on("message:text", async (ctx, next) => {
    const text = ctx.message.text;
    // Other commands (unknown ones included) are not questions.
    if (text.startsWith("/")) return next();
    const question = ctx.chat.type === "private" ? text.trim() : withoutMention(text, ctx.me.username);
    if (!question) return replyHtml(ctx, "请问想了解什么？直接写下问题就好。");
    await replyWithAnswer(ctx, question, deps, state);
  });

  return composer;
}
