import { Composer, InlineKeyboard, type Context } from "grammy";
import { DEFAULT_EXAMPLES, type BotDeps, type BotState } from "../deps.js";
import { BUTTONS, replyHtml, replyWithAnswer } from "../reply.js";
import { welcomeHtml } from "../texts.js";

/** /start: what Baoku can do, its coverage, and example questions as buttons that ask them. */
export function startFeature(deps: BotDeps, state: BotState): Composer<Context> {
  const composer = new Composer<Context>();
  const examples = deps.examples ?? DEFAULT_EXAMPLES;

  composer.command("start", async (ctx) => {
    const keyboard = new InlineKeyboard();
    examples.forEach((question, i) => (i > 0 ? keyboard.row() : keyboard).text(question, BUTTONS.example(i)));
    await replyHtml(ctx, welcomeHtml(deps.indexInfo()), keyboard);
  });

  composer.callbackQuery(/^ex:(\d+)$/, async (ctx) => {
    const question = examples[Number(ctx.match[1])];
    await ctx.answerCallbackQuery(question ? undefined : { text: "这个按钮已失效，请直接提问。" });
    if (question) await replyWithAnswer(ctx, question, deps, state, { echoQuestion: true });
  });

  return composer;
}
