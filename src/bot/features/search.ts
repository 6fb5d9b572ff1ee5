import { Composer, type Context } from "grammy";
import type { BotDeps } from "../deps.js";
import { replyHtml } from "../reply.js";
import { parseSearchArgs, searchResultsHtml } from "../texts.js";

const USAGE = "用法：/search 关键词 [YYYY-MM]，例如 /search 准东 或 /search 新能源 2025-12";

/** /search 关键词 [YYYY-MM]: the articles whose words match, with their dates and headlines. */
export function searchFeature(deps: BotDeps): Composer<Context> {
  const composer = new Composer<Context>();
  composer.command("search", async (ctx) => {
    const args = parseSearchArgs(ctx.match);
    if (!args) return replyHtml(ctx, USAGE);
    const filters = args.month ? { dateFrom: args.month, dateTo: args.month } : {};
    const results = await deps.retriever.search(args.query, { k: 40, ...filters });
    // Only passages that share words with the keyword: vector neighbours alone are not "matches".
    await replyHtml(
      ctx,
      searchResultsHtml(
        args.query,
        args.month,
        results.filter((r) => r.lexicalRank !== null),
      ),
    );
  });
  return composer;
}
