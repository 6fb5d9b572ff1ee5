import { Composer, type Context } from "grammy";
import type { BotDeps } from "../deps.js";
import { replyHtml } from "../reply.js";
import { aboutHtml } from "../texts.js";

/** /about: papers, date range, pages and articles, and when the index was built. */
export function aboutFeature(deps: BotDeps): Composer<Context> {
  const composer = new Composer<Context>();
  composer.command("about", (ctx) => replyHtml(ctx, aboutHtml(deps.indexInfo())));
  return composer;
}
