import type { PageMeta } from "./types.js";

/** What a printed masthead says, and how many leading lines it takes. */
export interface Masthead extends Partial<PageMeta> {
  /** Lines (from the top of the text) that belong to the masthead and are not article text. */
  lineCount: number;
}

const ISSUE = /总第\s*(\d{3,6})\s*期/u;
const FULL_DATE = /(\d{4})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日/u;
const YEAR_MONTH = /^(\d{4})\s*年\s*(\d{1,2})\s*月$/u;
const DAY = /^(\d{1,2})$/u;
/** The last line of a masthead: registration numbers, hotlines, web address. */
const MASTHEAD_END = /国内统一刊号|邮发代号|新闻热线/u;
const PAPER = /^#*\s*([\p{Script=Han}]{2,8}(?:日报|晚报|报))\s*$/u;

/**
 * Reads the masthead of a front page from the top of its text: paper, date (written as
 * "2025年12月 / 23 / 星期二" on separate lines, or "2025年12月23日"), 总第N期. A masthead is only
 * printed on page 1. Returns `{ lineCount: 0 }` when the text has no masthead. Pure.
 */
export function readMasthead(text: string): Masthead {
  const lines = text.split(/\r\n|\r|\n/).slice(0, 60);
  const issueAt = lines.findIndex((l) => ISSUE.test(l));
  if (issueAt < 0 || issueAt > 40) return { lineCount: 0 };
  const found: Masthead = { lineCount: 0, issue: Number(ISSUE.exec(lines[issueAt]!)![1]), page: 1 };

  const nonEmpty = lines.map((l, i) => ({ l: l.trim(), i })).filter((x) => x.l !== "" && x.i <= issueAt + 5);
  for (const [k, { l }] of nonEmpty.entries()) {
    const paper = PAPER.exec(l);
    if (paper && !found.paper) found.paper = paper[1]!;
    const full = FULL_DATE.exec(l);
    if (full && !found.date) found.date = isoDate(full[1]!, full[2]!, full[3]!);
    const ym = YEAR_MONTH.exec(l);
    if (ym && !found.date) {
      const day = nonEmpty[k + 1] && DAY.exec(nonEmpty[k + 1]!.l);
      found.date = day ? isoDate(ym[1]!, ym[2]!, day[1]!) : isoDate(ym[1]!, ym[2]!);
    }
  }
  if (found.date) found.dateInferred = false;

  const endAt = lines.findIndex((l, i) => i >= issueAt && MASTHEAD_END.test(l));
  found.lineCount = (endAt >= 0 && endAt < issueAt + 10 ? endAt : issueAt + 1) + 1;
  // "今日4版" and the like right after 总第N期 are masthead too; lineCount already covers them
  return found;
}

function isoDate(year: string, month: string, day?: string): string | undefined {
  const m = Number(month);
  const d = day === undefined ? undefined : Number(day);
  if (m < 1 || m > 12 || (d !== undefined && (d < 1 || d > 31))) return undefined;
  const ym = `${year}-${String(m).padStart(2, "0")}`;
  return d === undefined ? ym : `${ym}-${String(d).padStart(2, "0")}`;
}
