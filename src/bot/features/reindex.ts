import { Composer, type Context } from "grammy";
import { AppError } from "../../errors.js";
import type { BotDeps } from "../deps.js";
import { escapeHtml } from "../format.js";
import { replyHtml } from "../reply.js";
import { coverageHtml } from "../texts.js";

/** Admin-only /reindex (ids in BOT_ADMINS): rebuilds the index; one rebuild at a time. */
export function reindexFeature(deps: BotDeps): Composer<Context> {
  const composer = new Composer<Context>();
  let running = false;

  composer.command("reindex", async (ctx) => {
    if (!ctx.from || !deps.admins.includes(ctx.from.id)) {
      deps.logger.warn({ update_id: ctx.update.update_id }, "非管理员请求 /reindex，已拒绝");
      return replyHtml(ctx, "抱歉，重建索引只限管理员使用。");
    }
    if (running) return replyHtml(ctx, "索引正在重建，请稍候。");
    running = true;
    try {
      await replyHtml(ctx, "正在重建索引，完成后会通知您……");
      const info = await deps.reindex();
      deps.logger.info({ update_id: ctx.update.update_id, counts: info.counts }, "索引已按管理员要求重建");
      await replyHtml(ctx, `索引已重建（用时 ${info.buildSeconds.toFixed(1)} 秒）：${coverageHtml(info)}。`);
    } catch (error) {
      deps.logger.error({ update_id: ctx.update.update_id, err: error }, "重建索引失败");
      // Admins see the app's own one-line message; anything else stays in the log.
      const why = error instanceof AppError ? error.userMessage : "详情见日志";
      await replyHtml(ctx, `重建索引失败：${escapeHtml(why)}`);
    } finally {
      running = false;
    }
  });

  return composer;
}
