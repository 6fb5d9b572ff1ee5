import { Composer, type Context } from "grammy";
import { replyHtml } from "../reply.js";
import { helpHtml } from "../texts.js";

/** /help: how to ask, follow up, use the buttons and the commands. */
export function helpFeature(): Composer<Context> {
  const composer = new Composer<Context>();
  composer.command("help", (ctx) => replyHtml(ctx, helpHtml()));
  return composer;
}
