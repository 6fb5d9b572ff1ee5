import type { SearchResult } from "../retrieve/retriever.js";
import { formatDate } from "./citation.js";
import type { QuestionAnalysis } from "./question.js";
import { sameStatement } from "./time-slices.js";
import type { AnswerResult, Citation } from "./types.js";

/**
 * A second report counts as another answer when its model score is this close to the best
 * (log-odds). At 2 (1 before), "这个项目总投资多少？" lists two of the projects the pages print;
 * no question of the newspaper sets nor of the benchmark gets a list from the default answerer
 * (they say which report they mean).
 */
export const AMBIGUOUS_WITHIN = 2;

/** How an answer that lists several reports' answers begins (it is judged by its first, as the benchmark's are). */
export const LISTED = /^报库中有[两三]篇报道给出了不同的答案/u;

/** The part of a listing judged (its first report's, up to its marker), or the whole answer. */
export function firstListed(answer: string): string {
  const first = answer.indexOf("[1]");
  return first >= 0 ? answer.slice(0, first + 3) : answer;
}

/**
 * Other reports that answer as well but differently ("这个项目总投资多少？" when several pages
 * give a total): at most two more, best first, each from another article, with an exact answer
 * of its own (not printed in the best sentence nor in one listed before it, which does not print
 * theirs either), and not the same statement reprinted with newer figures (the newest of those
 * is the answer). None when the question says what it is
 * about (a place, a body, a figure it states), asks yes or no or how, or when the answers agree.
 */
export function otherAnswers<C extends { sentence: string; result: SearchResult }>(
  best: C,
  ranked: readonly C[],
  score: (c: C) => number,
  analysis: QuestionAnalysis,
  shortOf: (c: C) => string | null,
): C[] {
  if (analysis.anchors.length > 0 || analysis.givenNumbers.length > 0 || analysis.kind === "yesno" || analysis.kind === "procedure") return [];
  const bestShort = shortOf(best);
  if (!bestShort) return [];
  const floor = score(best) - AMBIGUOUS_WITHIN;
  const out: C[] = [];
  const seen = new Set([best.result.article.id]);
  const said = [bestShort];
  for (const c of ranked) {
    if (out.length >= 2 || score(c) < floor) break;
    if (seen.has(c.result.article.id) || said.some((s) => c.sentence.includes(s)) || sameStatement(c.sentence, best.sentence)) continue;
    const s = shortOf(c);
    // Its answer must be its own: not one already listed, nor one the best sentence prints too (a part of its total).
    if (!s || said.includes(s) || best.sentence.includes(s)) continue;
    seen.add(c.result.article.id);
    said.push(s);
    out.push(c);
  }
  return out;
}

/** One report's answer in a listing: its text (citation marker [1]) and citation. */
export interface ListedItem {
  text: string;
  citation: Citation;
  short: string | null;
}

/**
 * The answer that lists several reports' answers, each said with where it is from (headline and
 * date; a headline with figures is not printed, since an answer's figures come from its quotes
 * only) and cited in turn: two or three items (the best and `otherAnswers`).
 */
export function listedAnswer(items: readonly ListedItem[]): { answer: string; citations: Citation[]; short: string | null } {
  if (items.length < 2 || items.length > 3) throw new Error(`listedAnswer: ${items.length} items (two or three are listed)`);
  const citations = items.map((p, i) => ({ ...p.citation, id: i + 1 }));
  const texts = items.map((p, i) => {
    const c = p.citation;
    const where = `${c.title && !/\d/.test(c.title) ? `《${c.title}》` : "报道"}（${formatDate(c.date, c.dateInferred)}）`;
    return `${where}：${p.text.replace(/\[1\]/gu, `[${i + 1}]`)}`;
  });
  // The count in words: an answer's digits come from its quotes only.
  const count = items.length === 2 ? "两" : "三";
  return { answer: `报库中有${count}篇报道给出了不同的答案，问题没有说明是哪一篇：${texts.join("")}`, citations, short: items[0]?.short ?? null };
}

/**
 * The exact answer to show before an answer's text (bold where the medium allows): `short`, but
 * not for a refusal, nor for an answer citing more than one quote — a list of several reports'
 * answers or an answer to two parts cited apart — where one figure first would read as the whole.
 */
export function shortShown(result: Pick<AnswerResult, "answered" | "citations" | "short">): string | null {
  return result.answered && result.short && result.citations.length === 1 ? result.short : null;
}
