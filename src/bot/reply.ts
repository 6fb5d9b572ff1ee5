import { InlineKeyboard, type Context } from "grammy";
import type { BotDeps, BotState } from "./deps.js";
import { escapeHtml, renderAnswer, splitHtml } from "./format.js";

type Markup = InlineKeyboard | undefined;

/**
 * Sends HTML, split into messages under Telegram's limit; buttons go under the last one. In a
 * group the first message replies to the asker's message, so it is clear whom it answers.
 */
export async function replyHtml(ctx: Context, html: string, markup?: Markup): Promise<void> {
  const pieces = splitHtml(html);
  const quoted = ctx.chat?.type !== "private" ? ctx.message?.message_id : undefined;
  for (let i = 0; i < pieces.length; i++) {
    await ctx.reply(pieces[i]!, {
      parse_mode: "HTML",
      link_preview_options: { is_disabled: true },
      ...(i === 0 && quoted ? { reply_parameters: { message_id: quoted, allow_sending_without_reply: true } } : {}),
      ...(i === pieces.length - 1 && markup ? { reply_markup: markup } : {}),
    });
  }
}

/** Callback data of the buttons under an answer (kept far below Telegram's 64 bytes). */
export const BUTTONS = {
  sources: (id: string) => `src:${id}`,
  vote: (id: string, vote: "up" | "down") => `fb:${id}:${vote}`,
  example: (n: number) => `ex:${n}`,
};

/** The buttons under an answer: 原文 (when it cites anything), 👍 and 👎. */
export function answerKeyboard(id: string, hasSources: boolean): InlineKeyboard {
  const keyboard = new InlineKeyboard();
  if (hasSources) keyboard.text("原文", BUTTONS.sources(id));
  return keyboard.text("👍", BUTTONS.vote(id, "up")).text("👎", BUTTONS.vote(id, "down"));
}

/**
 * Answers a question in the chat's conversation (so follow-ups work) and replies with the answer,
 * its citations and buttons. The typing indicator is best-effort: its failure is only logged.
 */
export async function replyWithAnswer(ctx: Context, question: string, deps: BotDeps, state: BotState, options: { echoQuestion?: boolean } = {}): Promise<void> {
  const chatId = ctx.chat!.id;
  ctx.replyWithChatAction("typing").catch((error: unknown) => {
    deps.logger.debug({ update_id: ctx.update.update_id, err: error }, "输入状态发送失败（不影响回答）");
  });
  const result = await deps.answerer.answer(question, state.conversations.of(chatId));
  state.conversations.trim(chatId);
  const id = state.answers.put(result, ctx.chat!.type);
  // A question asked by a button is not in the chat: show it above its answer.
  const asked = options.echoQuestion ? `<b>问：</b>${escapeHtml(question)}\n\n` : "";
  await replyHtml(ctx, asked + renderAnswer(result), answerKeyboard(id, result.citations.length > 0));
  deps.logger.info({ update_id: ctx.update.update_id, chat_type: ctx.chat!.type, answered: result.answered }, "已回答");
}
