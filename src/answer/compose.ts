import { splitSentences } from "../chunk/sentences.js";
import type { ArticleMeta, Chunk } from "../chunk/types.js";
import type { Archive } from "../retrieve/archive.js";
import { formatDate } from "./citation.js";
import { afterOrdinal, findFigures, type UnitClass } from "./figures.js";
import { DATE_CUE } from "./select.js";
import type { Citation } from "./types.js";

/** Longest answer excerpt, in characters, before it is cut to the clauses that matter. */
const MAX_EXCERPT = 90;
/** Sentences longer than this (characters) are cut to their clauses even where no figure or date anchors the cut. */
export const LONG_SENTENCE = 200;

/** Opening words that carry on from the sentence before ("因此，畜牧业发达"): such a sentence does not stand alone. */
const LEANS_BACK = /^(?:因此|所以|因而|于是(?!日)|从而|但(?![凡愿丁])|然而|不过(?!分))/u;
/** A question asking for a cause. */
const ASKS_WHY = /为什么|为何|何故|缘何|什么(?:原因|理由|背景)|(?:原因|理由|背景)(?:是什么|是啥|何在|有哪些)/u;
/** A sentence that states a cause itself. */
const GIVES_CAUSE = /因(?![此素])|由于|所以|为了|导致|以致|原因|缘故|理由|旨在|鉴于|出于|源于/u;
/** The longest sentence quoted before an answer sentence that leans on it. */
const MAX_LEAD = 160;

/**
 * The sentence an answer sentence carries on from, quoted before it; "" when the answer stands
 * alone (or the sentence before is very long). For a question asking why (`question`), an
 * answer sentence that states no cause carries on from the sentence before too.
 */
export function leadOf(sentence: string, chunk: Chunk, archive: Pick<Archive, "sentenceBefore">, question = ""): string {
  // A "why" answered by a sentence that gives no cause (此战奠定了…霸权) has it in the one before.
  const causeBefore = ASKS_WHY.test(question) && !GIVES_CAUSE.test(sentence);
  if (!causeBefore && !LEANS_BACK.test(sentence)) return "";
  const before = archive.sentenceBefore(chunk, splitSentences(sentence)[0] ?? sentence);
  return before && before.length <= MAX_LEAD ? before : "";
}

/**
 * The part of a sentence that answers: the whole sentence when short, else the clauses around
 * the asked figure (or the clause with most question words), within MAX_EXCERPT. Always a
 * verbatim substring of the sentence. Pure.
 */
export interface ExcerptFocus {
  unit: string | null;
  unitClass: UnitClass | null;
  /** The thing measured (运输能力): the clause naming it beside a figure is the answer. */
  focus?: string | null;
  /** A "when" question: the clause with the date is the answer. */
  wantsDate?: boolean;
  words: readonly string[];
}

export function excerpt(sentence: string, focus: ExcerptFocus): string {
  if (sentence.length <= MAX_EXCERPT) return balanceQuotes(sentence);
  const clauses = sentence.match(/(?:[^，；：,;]|(?<=\d)[,:](?=\d))+(?:[，；：]|[,;:](?!\d))?/gu) ?? [sentence];
  const score = (c: string) => {
    if (focus.wantsDate) return (DATE_CUE.test(c) ? 10 : 0) + focus.words.filter((w) => c.includes(w)).length;
    const ordinal = focus.unitClass === "ordinal";
    const fig = findFigures(c).some(
      (f) => (!ordinal || afterOrdinal(c, f)) && (focus.unit ? f.unit.endsWith(focus.unit) : focus.unitClass && !ordinal ? f.cls === focus.unitClass : true),
    );
    const named = focus.focus ? c.includes(focus.focus) : false;
    return (fig ? (named || !focus.focus ? 10 : 4) : 0) + (named ? 3 : 0) + focus.words.filter((w) => c.includes(w)).length;
  };
  let best = 0;
  clauses.forEach((c, i) => {
    if (score(c) > score(clauses[best]!)) best = i;
  });
  let from = best;
  let to = best + 1;
  const length = () => clauses.slice(from, to).join("").length;
  // Grow towards the side that adds question words, first left (the subject comes first).
  while (true) {
    const left = from > 0 ? clauses[from - 1]! : null;
    const right = to < clauses.length ? clauses[to]! : null;
    const leftGain = left ? focus.words.filter((w) => left.includes(w)).length + 0.5 : -1;
    const rightGain = right ? focus.words.filter((w) => right.includes(w)).length : -1;
    if (leftGain < 0 && rightGain < 0) break;
    if (leftGain >= rightGain && left && length() + left.length <= MAX_EXCERPT) from--;
    else if (right && rightGain > 0 && length() + right.length <= MAX_EXCERPT) to++;
    else if (left && length() + left.length <= MAX_EXCERPT && leftGain > 0.5) from--;
    else break;
  }
  return balanceQuotes(clauses.slice(from, to).join(""));
}

/** Drops a quotation mark whose partner the excerpt cut away (杨国钰说：“… without ”). */
function balanceQuotes(text: string): string {
  const opens = (text.match(/“/g) ?? []).length;
  const closes = (text.match(/”/g) ?? []).length;
  if (opens > closes) return text.replace(/“(?![^“]*”)/u, "");
  if (closes > opens) return text.replace(/”(?![\s\S]*”)/u, "");
  return text;
}

/**
 * A year named in figures or words (1993年, 民国八十二年, 去年, 同年); a duration (三年) counts too:
 * the date is then only kept as printed.
 */
const YEAR_STATED = /(?:\d|[〇零一二三四五六七八九十]|[今去明同当次翌本该]|(?<![目提此])前)年/u;

/** The text of the sentence before position `at`. */
function sentenceBefore(text: string, at: number): string {
  const start = Math.max(...["。", "！", "？", "；", "\n"].map((end) => text.lastIndexOf(end, at - 1))) + 1;
  return text.slice(start, at);
}

/**
 * Restates relative time words against the issue's year: 今年 → 2025年, 上半年 → 2025年上半年,
 * 去年 → 2024年, and a bare 6月30日 → 2025年6月30日 (the year before when the month is later than
 * the issue's). A bare date after a year stated earlier in its sentence (1993年（民国82年）1月24日,
 * 2019年12月30日至1月2日) is left as printed. The quote keeps the printed words; only the answer is
 * restated.
 */
export function restateTime(text: string, date: string | null): string {
  const year = date ? Number(date.slice(0, 4)) : NaN;
  if (!Number.isFinite(year)) return text;
  const issueMonth = date && date.length >= 7 ? Number(date.slice(5, 7)) : 12;
  return text
    .replace(/(?<![年\d])(\d{1,2})月(\d{1,2})日/gu, (m, month: string, _day: string, at: number, whole: string) =>
      YEAR_STATED.test(sentenceBefore(whole, at)) ? m : `${Number(month) > issueMonth ? year - 1 : year}年${m}`,
    )
    .replace(/今年(?=[上下]半年)/gu, `${year}年`)
    .replace(/(?<![年\d])([上下]半年)/gu, `${year}年$1`)
    .replace(/今年/gu, `${year}年`)
    .replace(/去年/gu, `${year - 1}年`)
    .replace(/(?<![目提此当])前年/gu, `${year - 2}年`);
}

/** Ends an answer sentence with its citation marker: "…注册登记[1]。" */
export function withMarker(text: string, ids: readonly number[]): string {
  const marker = ids.map((id) => `[${id}]`).join("");
  if (/[。！？!?…][”’」』]$/u.test(text.trim())) return `${text.trim()}${marker}`;
  const m = /^(.*?)([。！？；，、：,.;:!?]*)$/su.exec(text.trim())!;
  const body = m[1]!;
  const end = /[？?！!]/.test(m[2]!) ? m[2]! : "。";
  return `${body}${marker}${end}`;
}

/** The citation of a passage of an article. */
export function citationOf(id: number, article: ArticleMeta, quote: string): Citation {
  return {
    id,
    paper: article.paper,
    date: article.date,
    dateInferred: article.dateInferred,
    issue: article.issue,
    page: article.page,
    title: article.title,
    source: article.source,
    quote,
    ...(article.textFrom === "ocr" ? { ocr: true as const } : {}),
  };
}

/** The date parts a restated answer may use without them being in the quote. */
export function dateDigits(citations: readonly Citation[]): string[] {
  return citations.flatMap((c) => {
    if (!c.date) return [];
    const y = Number(c.date.slice(0, 4));
    return [...c.date.split("-").map((p) => String(Number(p))), String(y - 1), String(y - 2)];
  });
}

/** How an answer opens with the note `olderCoverageNote` writes, for taking it off again. */
export const OLDER_NOTE = /^报库中最新的相关报道是.*?的：/u;

/** "报库中最新的相关报道是2025年7月（推定）的：": said when the reader asks about 今年 but the coverage is older. */
export function olderCoverageNote(article: ArticleMeta, now: Date): string | null {
  if (!article.date) return null;
  return Number(article.date.slice(0, 4)) < now.getFullYear() ? `报库中最新的相关报道是${formatDate(article.date, article.dateInferred)}的：` : null;
}
