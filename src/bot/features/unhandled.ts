import { Composer, type Context } from "grammy";
import { replyHtml } from "../reply.js";

/** Last: buttons nobody knows (an old bot's), unknown commands, and messages that are not text. */
export function unhandledFeature(): Composer<Context> {
  const composer = new Composer<Context>();
  composer.on("callback_query", (ctx) => ctx.answerCallbackQuery({ text: "这个按钮已失效，请重新提问。" }));
  composer.on("message", async (ctx) => {
    const text = ctx.message.text ?? "";
    if (text.startsWith("/")) return replyHtml(ctx, "没有这个命令。发送 /help 查看用法。");
    await replyHtml(ctx, "我只能回答文字问题。请直接写下您的问题，或发送 /help 查看用法。");
  });
  return composer;
}
