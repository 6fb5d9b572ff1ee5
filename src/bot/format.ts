import { shortShown } from "../answer/ambiguity.js";
import { formatCitation, formatDate } from "../answer/citation.js";
import type { AnswerResult, Citation } from "../answer/types.js";

/** Telegram's limit on one message's text. */
export const MESSAGE_LIMIT = 4096;

/** Escapes text for Telegram's HTML parse mode. Every corpus and user string goes through it. */
export function escapeHtml(text: string): string {
  return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
}

type CitationLine = Pick<Citation, "paper" | "date" | "dateInferred" | "issue" | "page" | "title">;

/** One citation as an escaped line: 《昌吉日报》2025年12月23日 第12403期 第1版《…》. */
export function citationHtml(c: CitationLine): string {
  return escapeHtml(formatCitation(c));
}

/** An answer as HTML: the exact answer in bold, the answer text, then its numbered sources. */
export function renderAnswer(result: AnswerResult): string {
  const short = shortShown(result);
  const parts = [short ? `<b>${escapeHtml(short)}</b>\n${escapeHtml(result.answer)}` : escapeHtml(result.answer)];
  if (result.citations.length > 0) {
    parts.push(["<b>来源</b>", ...result.citations.map((c) => `[${c.id}] ${citationHtml(c)}`)].join("\n"));
  }
  return parts.join("\n\n");
}

/**
 * The quoted passages of an answer (the 原文 button): each full citation, then its passage in an
 * expandable blockquote.
 */
export function renderSources(result: AnswerResult): string {
  if (result.citations.length === 0) return "这个回答没有引用报道原文。";
  const blocks = result.citations.map((c) => `<b>[${c.id}]</b> ${citationHtml(c)}\n<blockquote expandable>${escapeHtml(c.quote)}</blockquote>`);
  return [`<b>原文</b>（问题：${escapeHtml(result.question)}）`, ...blocks].join("\n\n");
}

/** A date as people read it, from an ISO timestamp, in Beijing time: 2025-12-23 08:30（北京时间）. */
export function formatTimestamp(iso: string): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  const shifted = new Date(date.getTime() + 8 * 3600_000).toISOString();
  return `${shifted.slice(0, 10)} ${shifted.slice(11, 16)}（北京时间）`;
}

/** A month filter as citations print it: "2025-07" → 2025年7月. */
export function formatMonth(month: string): string {
  return formatDate(month, false);
}

/** Break points, best first: paragraph, line, sentence end. */
const BREAKS: Array<[RegExp, number]> = [
  [/\n\n$/, 3],
  [/\n$/, 2],
  [/[。！？；]$/, 1],
];

interface Cut {
  /** Offset in the chunk just after the break. */
  at: number;
  priority: number;
  /** The tags open at that point, as written (`<blockquote expandable>`). */
  open: string[];
}

/**
 * Splits HTML into messages of at most `limit` characters, at paragraph boundaries where possible
 * (else at a line break, a sentence end, or between characters), never inside a tag or an entity.
 * Tags open at a cut are closed at the end of one message and reopened at the start of the next,
 * so every message is valid on its own. Pure.
 */
export function splitHtml(html: string, limit: number = MESSAGE_LIMIT): string[] {
  const messages: string[] = [];
  let rest = html.trim();
  while (rest.length > limit) {
    const [head, tail] = cutOnce(rest, limit);
    if (head.trim()) messages.push(head);
    rest = tail;
  }
  if (rest.trim()) messages.push(rest);
  return messages;
}

const TOKEN = /<\/?[a-zA-Z][^>]*>|&[#a-zA-Z0-9]+;|[\s\S]/g;

function closing(open: readonly string[]): string {
  return [...open]
    .reverse()
    .map((tag) => `</${/^<([a-zA-Z]+)/.exec(tag)![1]}>`)
    .join("");
}

/** The longest good first message of `html`, and what is left (with open tags reopened). */
function cutOnce(html: string, limit: number): [string, string] {
  const open: string[] = [];
  const cuts: Cut[] = [];
  let length = 0;
  for (const match of html.matchAll(TOKEN)) {
    const token = match[0];
    if (length + token.length + closing(open).length > limit) break;
    length += token.length;
    if (token.startsWith("</") && token.length > 2 && token.endsWith(">")) open.pop();
    else if (token.startsWith("<") && token.length > 1 && token.endsWith(">")) open.push(token);
    else {
      const end = html.slice(Math.max(0, length - 2), length);
      const priority = BREAKS.find(([re]) => re.test(end))?.[1] ?? 0;
      cuts.push({ at: length, priority, open: [...open] });
    }
  }
  // Prefer the best kind of break that still leaves a reasonably full message.
  const useful = cuts.filter((c) => c.at >= limit * 0.3);
  const pool = useful.length > 0 ? useful : cuts;
  const best = pool.reduce<Cut | null>((a, c) => (!a || c.priority > a.priority || (c.priority === a.priority && c.at > a.at) ? c : a), null);
  if (!best) throw new RangeError(`splitHtml: limit ${limit} is too small for the markup`);
  const head = html.slice(0, best.at).replace(/\s+$/, "") + closing(best.open);
  const tail = best.open.join("") + html.slice(best.at).replace(/^\s+/, "");
  return [head, tail];
}
