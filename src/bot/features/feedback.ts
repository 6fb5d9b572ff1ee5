import { Composer, type Context } from "grammy";
import type { BotDeps, BotState } from "../deps.js";
import type { Vote } from "../feedback-store.js";
import { EXPIRED } from "./sources.js";

/** 👍/👎 under an answer: one vote per person and answer, stored without the person's id. */
export function feedbackFeature(deps: BotDeps, state: BotState): Composer<Context> {
  const composer = new Composer<Context>();
  composer.callbackQuery(/^fb:([\w-]+):(up|down)$/, async (ctx) => {
    const sent = state.answers.get(ctx.match[1]!);
    if (!sent) return void (await ctx.answerCallbackQuery({ text: EXPIRED }));
    const vote = ctx.match[2] as Vote;
    const user = await deps.feedback.hashUser(ctx.from.id);
    if (sent.voters.has(user)) return void (await ctx.answerCallbackQuery({ text: "您已经评价过这个回答，谢谢！" }));
    sent.voters.add(user);
    await deps.feedback.record({ vote, userId: ctx.from.id, chatType: sent.chatType, result: sent.result });
    await ctx.answerCallbackQuery({ text: vote === "up" ? "谢谢您的肯定！" : "谢谢反馈，我们会改进。" });
  });
  return composer;
}
