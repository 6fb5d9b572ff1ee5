import { formatDate } from "../answer/citation.js";
import type { SearchResult } from "../retrieve/retriever.js";
import type { IndexInfo } from "./deps.js";
import { citationHtml, escapeHtml, formatMonth, formatTimestamp } from "./format.js";

/** "《昌吉日报》2021年12月至2025年12月23日" — the archive's coverage, escaped. */
export function coverageHtml(info: IndexInfo): string {
  const papers = info.coverage.papers.map((p) => `《${p}》`).join("") || "（报名不详）";
  const from = formatDate(info.coverage.from, false);
  const to = formatDate(info.coverage.to, false);
  return escapeHtml(`${papers}${from}至${to}，${info.counts.pages} 个版面、${info.counts.articles} 篇文章`);
}

const HOW_IN_GROUPS = "在群里：@我提问、回复我的消息，或发送 /ask 问题。";
const COMMANDS = [
  "/ask 问题 — 提问（群里用）",
  "/search 关键词 [YYYY-MM] — 查找报道，可按月份筛选，例如 /search 准东 2025-07",
  "/about — 馆藏范围与索引时间",
  "/help — 使用说明",
].join("\n");

/** /start: what Baoku does, what it covers, and a nudge to press an example. */
export function welcomeHtml(info: IndexInfo): string {
  return [
    "<b>报库</b>：馆藏报纸问答。",
    "用中文直接提问，我会在报纸原文中找答案，并注明出处（报名、日期、期号、版次、标题）；报道里没有的，我会如实说明。",
    `馆藏：${coverageHtml(info)}。`,
    escapeHtml(HOW_IN_GROUPS),
    "可以试试下面的问题：",
  ].join("\n\n");
}

/** /help. */
export function helpHtml(): string {
  return [
    "<b>怎么用报库</b>",
    "直接发送问题，例如：准东开发区上半年有多少家企业注册登记？回答会注明出自哪天哪一版的哪篇报道。",
    "可以接着追问，例如“那木垒县呢？”“这是哪天的报道？”。",
    "回答下方：<b>原文</b> 显示引用的报道段落；👍/👎 告诉我们回答好不好。",
    escapeHtml(HOW_IN_GROUPS),
    escapeHtml(COMMANDS),
  ].join("\n\n");
}

/** /about: coverage in detail and when the index was built. */
export function aboutHtml(info: IndexInfo): string {
  return [
    "<b>关于报库</b>",
    `报纸：${escapeHtml(info.coverage.papers.join("、") || "（报名不详）")}`,
    `日期：${escapeHtml(formatDate(info.coverage.from, false))} 至 ${escapeHtml(formatDate(info.coverage.to, false))}`,
    `收录：${info.counts.pages} 个版面，${info.counts.articles} 篇文章，${info.counts.chunks} 个段落`,
    `索引建立于：${escapeHtml(formatTimestamp(info.builtAt))}`,
    "回答只依据馆藏报道，并注明出处；离线运行，不把问题发给外部服务（除非管理员另行配置大模型）。",
  ].join("\n");
}

/** Articles found by /search, each once, best first: citation line and the matching words. */
export function searchResultsHtml(query: string, month: string | null, results: readonly SearchResult[], max = 8): string {
  const scope = month ? `（${formatMonth(month)}）` : "";
  const seen = new Map<string, SearchResult>();
  for (const r of results) if (!seen.has(r.article.id) && seen.size < max) seen.set(r.article.id, r);
  if (seen.size === 0) return `没有找到与“${escapeHtml(query)}”相关的报道${escapeHtml(scope)}。`;
  const lines = [...seen.values()].map((r, i) => {
    const text = r.chunk.text.replace(/\s+/g, "");
    return `${i + 1}. ${citationHtml(r.article)}\n    ${escapeHtml(text.length > 60 ? `${text.slice(0, 60)}…` : text)}`;
  });
  return [`<b>“${escapeHtml(query)}”的相关报道</b>${escapeHtml(scope)}：`, ...lines].join("\n");
}

/**
 * `/search 关键词 [YYYY-MM]` arguments. The month may also be written 2025-7 or 2025年7月.
 * Returns null when there is no keyword or the month is impossible.
 */
export function parseSearchArgs(text: string): { query: string; month: string | null } | null {
  const words = text.trim().split(/\s+/).filter(Boolean);
  let month: string | null = null;
  const last = words[words.length - 1];
  const m = last ? /^(\d{4})(?:-|年)(\d{1,2})月?$/.exec(last) : null;
  if (m) {
    const n = Number(m[2]);
    if (n < 1 || n > 12) return null;
    month = `${m[1]}-${String(n).padStart(2, "0")}`;
    words.pop();
  }
  const query = words.join(" ");
  return query ? { query, month } : null;
}
