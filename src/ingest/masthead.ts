import type { PageMeta } from "./types.js";

/** What a printed masthead says, and how many leading lines it takes. */
export interface Masthead extends Partial<PageMeta> {
  /** Lines (from the top of the text) that belong to the masthead and are not article text. */
  lineCount: number;
}

const ISSUE = /总第\s*(\d{3,6})\s*期/u;
const FULL_DATE = /(\d{4})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日/u;
const YEAR_MONTH = /^(\d{4})\s*年\s*(\d{1,2})\s*月$/u;
/** The day printed under the month, alone or with its 日 ("23", "5日"). */
const DAY = /^(\d{1,2})\s*日?$/u;
/** The last line of a masthead: registration numbers, hotlines, web address. */
const MASTHEAD_END = /国内统一刊号|邮发代号|新闻热线/u;
// "中共某某州委机关报" says whose organ the paper is; it is not the paper's name.
const PAPER = /^#*\s*((?![\p{Script=Han}]*机关报)[\p{Script=Han}]{2,8}(?:日报|晚报|报))\s*$/u;

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

/** The headline a masthead is indexed under. */
export const MASTHEAD_TITLE = "报头";

/**
 * Whether an article is a page's masthead: indexed and cited, but no story — it is left out of
 * `npm run corpus -- --json` (whose articles are the stories printed) and never named as related
 * coverage in a refusal.
 */
export function isMasthead(article: { title: string | null }): boolean {
  return article.title === MASTHEAD_TITLE;
}

/**
 * The masthead's printed items as sentences of their own, one a line, so that what only the
 * masthead says (刊号, 邮发代号, hotline, 农历 date) can be found and quoted alone: "#" marks
 * dropped, a date split across lines ("2025年12月 / 23 / 星期二") written whole, a line of
 * several items ("…CN 65—0010 邮发代号 57—103 中国昌吉网: …") cut before each label, the
 * lines from the paper's name to 总第N期 (which issue this is) kept as one, each ending in "。";
 * and what all of them are about (the paper's name and the date, as printed), which stands as
 * the 报头 article's subtitle. Null when the text has no masthead. Pure.
 */
export function mastheadText(text: string, lineCount: number): { body: string; about: string } | null {
  if (lineCount === 0) return null;
  const lines = text
    .split(/\r\n|\r|\n/)
    .slice(0, lineCount)
    .map((l) => l.replace(/^#+\s*/u, "").trim())
    .filter((l) => l !== "");
  const items: string[] = [];
  for (const line of lines) {
    const prev = items.at(-1);
    const day = prev !== undefined && YEAR_MONTH.test(prev) ? DAY.exec(line) : null;
    // The day printed large under the month reads as its 日, printed or not.
    if (day) items[items.length - 1] = `${prev}${day[1]}日`;
    else if (prev !== undefined && FULL_DATE.test(prev) && WEEKDAY.test(line)) items[items.length - 1] = `${prev} ${line}`;
    else items.push(...line.split(ITEM_BREAK));
  }
  const sentences = items.map((i) => i.replace(/[。.;；]$/u, "").trim()).filter((i) => i !== "");
  // What every item is about, as a headline says it of a story's sentences: the paper and the day.
  const about = sentences.filter((i) => PAPER.test(i) || FULL_DATE.test(i)).join(" ");
  // The paper's name down to 总第N期 (and 今日N版) say one thing, which issue this is: one sentence.
  const from = sentences.findIndex((i) => PAPER.test(i));
  let to = sentences.findIndex((i) => ISSUE.test(i));
  if (to >= 0 && PAGES.test(sentences[to + 1] ?? "")) to++;
  if (from >= 0 && to > from) sentences.splice(from, to - from + 1, sentences.slice(from, to + 1).join(" "));
  if (sentences.length === 0) return null;
  return { body: sentences.map((i) => `${i}。`).join("\n"), about };
}

const WEEKDAY = /^星期[一二三四五六日天]$/u;
const PAGES = /^今日\s*\d+\s*版$/u;
/**
 * Between two items of one printed line: spaces after a code or address, before a label; or
 * spaces before a label with its colon ("主管：中共某某州委 主办：某某日报社").
 */
const ITEM_BREAK = /(?<=[^\p{Script=Han}\s:：])\s+(?=[^\s]*\p{Script=Han})|\s+(?=[\p{Script=Han}]{2,6}[:：])/u;

function isoDate(year: string, month: string, day?: string): string | undefined {
  const m = Number(month);
  const d = day === undefined ? undefined : Number(day);
  if (m < 1 || m > 12 || (d !== undefined && (d < 1 || d > 31))) return undefined;
  const ym = `${year}-${String(m).padStart(2, "0")}`;
  return d === undefined ? ym : `${ym}-${String(d).padStart(2, "0")}`;
}
