import { dateDigits, restateTime } from "../answer/compose.js";
import { inventedNumbers } from "../answer/figures.js";
import { firstListed, LISTED } from "../answer/ambiguity.js";
import type { AnswerResult } from "../answer/types.js";
import { containsExpected, dateMatches, type EvalQuestion } from "./questions.js";

export interface AnswerVerdict {
  id: string;
  ok: boolean;
  /** Digit strings in the answer found in none of its cited quotes (nor the cited dates). */
  invented: string[];
  why: string;
  /**
   * For a right answer to a question that expects a figure: whether `short` holds an expected
   * figure; null for other questions.
   */
  shortHolds: boolean | null;
  /** The answer lists several reports' answers (judged by its first, so listing cannot buy a right answer). */
  listed: boolean;
}

/**
 * Judges one answer as DESIGN.md's evaluation does: an answerable question needs the expected
 * strings in the answer and a citation whose date starts with `source_date` (and, if asked, that
 * many distinct citation dates); an unanswerable one needs `answered: false`. An answer listing
 * several reports' answers is judged by the first report's (as the benchmark's are). Pure.
 */
export function judgeAnswer(q: EvalQuestion, given: AnswerResult): AnswerVerdict {
  const listed = given.answered && LISTED.test(given.answer);
  const r = listed ? { ...given, answer: firstListed(given.answer), citations: given.citations.slice(0, 1) } : given;
  // The invented-number check is of the whole answer against all its quotes.
  return { ...judge(q, r), invented: inventedIn(given), listed };
}

function inventedIn(r: AnswerResult): string[] {
  return r.answered
    ? inventedNumbers(
        r.answer,
        r.citations.map((c) => c.quote),
        dateDigits(r.citations),
      )
    : [];
}

/**
 * The expected strings as an answer citing an issue of `date` says them: Baoku restates relative
 * time (今年8月 → 2021年8月, restateTime), so a printed 今年8月 is expected as the year it means.
 */
function restated(q: EvalQuestion, date: string | null): EvalQuestion {
  const say = (e: string) => restateTime(e, date);
  return { ...q, expect_any: q.expect_any?.map(say), expect_all: q.expect_all?.map(say) };
}

function judge(q: EvalQuestion, r: AnswerResult): Omit<AnswerVerdict, "listed" | "invented"> {
  if (!q.answerable) return { id: q.id, ok: !r.answered, why: r.answered ? "应拒答却回答了" : "", shortHolds: null };
  if (!r.answered) return { id: q.id, ok: false, why: "未回答", shortHolds: null };
  if (!containsExpected(r.answer, q) && !r.citations.some((c) => containsExpected(r.answer, restated(q, c.date)))) {
    return { id: q.id, ok: false, why: "答案缺少预期数字", shortHolds: null };
  }
  if (!r.citations.some((c) => dateMatches(c.date, q))) return { id: q.id, ok: false, why: "引用日期不对", shortHolds: null };
  if (q.expect_min_dates && new Set(r.citations.map((c) => c.date)).size < q.expect_min_dates) {
    return { id: q.id, ok: false, why: "引用的日期太少", shortHolds: null };
  }
  const figures = [...(q.expect_any ?? []), ...(q.expect_all ?? [])].filter((e) => /\d/.test(e)).map((e) => e.replace(/\s+/g, ""));
  const short = (r.short ?? "").replace(/\s+/g, "");
  const shortHolds = figures.length ? figures.some((f) => short.length > 0 && (short.includes(f) || f.includes(short))) : null;
  return { id: q.id, ok: true, why: "", shortHolds };
}

export interface AnswerMetrics {
  answerable: number;
  answerAccuracy: number;
  unanswerable: number;
  refusalAccuracy: number;
  /** Answers with at least one number absent from their cited quotes. */
  inventedNumberAnswers: number;
  /** Right answers to figure questions whose `short` holds the figure, and how many there were. */
  shortFigures: { rate: number; of: number };
  /** Answers that list several reports' answers. */
  listed: number;
}

export function answerMetrics(questions: readonly EvalQuestion[], verdicts: readonly AnswerVerdict[]): AnswerMetrics {
  const byId = new Map(verdicts.map((v) => [v.id, v]));
  const ans = questions.filter((q) => q.answerable);
  const un = questions.filter((q) => !q.answerable);
  const rate = (qs: EvalQuestion[]) => (qs.length ? qs.filter((q) => byId.get(q.id)?.ok).length / qs.length : 0);
  return {
    answerable: ans.length,
    answerAccuracy: rate(ans),
    unanswerable: un.length,
    refusalAccuracy: rate(un),
    inventedNumberAnswers: verdicts.filter((v) => v.invented.length > 0).length,
    listed: verdicts.filter((v) => v.listed).length,
    shortFigures: (() => {
      const judged = verdicts.filter((v) => v.shortHolds !== null);
      return { rate: judged.length ? judged.filter((v) => v.shortHolds).length / judged.length : 0, of: judged.length };
    })(),
  };
}
