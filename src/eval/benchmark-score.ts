import { splitSentences } from "../chunk/sentences.js";
import { firstListed } from "../answer/ambiguity.js";
import type { AnswerResult } from "../answer/types.js";
import { type Benchmark, type BenchmarkQuestion, holdsGold, pageFile } from "./benchmark.js";

/** One benchmark answer, as scored. */
export interface BenchmarkAnswer {
  question: BenchmarkQuestion;
  /** The answer given when confidence is ignored (the system's best passage), or null when there is none. */
  answer: string | null;
  /** The source of its first citation. */
  source: string | null;
  confidence: number;
}

export interface RiskPoint {
  coverage: number;
  precision: number | null;
}

/** The figures `eval --benchmark` reports for one system. */
export interface BenchmarkFigures {
  /** Answerable questions (on pages in the archive, not impossible). */
  answerable: number;
  right: number;
  wrong: number;
  refused: number;
  /** right / answered. */
  precision: number;
  /** The first citation is the question's page (over answered answerable questions). */
  citationAt1: number;
  leftOutQuestions: number;
  refusedLeftOut: number;
  impossibleQuestions: number;
  refusedImpossible: number;
  /** Precision among the answerable questions answered most confidently, at 50/70/90% coverage. */
  riskCoverage: RiskPoint[];
}

const isRight = (a: BenchmarkAnswer) => a.answer !== null && holdsGold(a.answer, a.question.golds);
const onPage = (a: BenchmarkAnswer) => a.source?.endsWith(`/${pageFile(a.question.page)}`) ?? false;

/** Scores answers at a confidence threshold (answers below it count as refused). Pure. */
export function scoreBenchmark(answers: readonly BenchmarkAnswer[], threshold: number): BenchmarkFigures {
  const answered = (a: BenchmarkAnswer) => a.answer !== null && a.confidence >= threshold;
  const answerable = answers.filter((a) => !a.question.leftOut && !a.question.impossible);
  const given = answerable.filter(answered);
  const right = given.filter(isRight).length;
  const leftOut = answers.filter((a) => a.question.leftOut);
  const impossible = answers.filter((a) => a.question.impossible && !a.question.leftOut);
  const n = answerable.length || 1;
  const ranked = answerable.filter((a) => a.answer !== null).sort((a, b) => b.confidence - a.confidence);
  const riskCoverage = [0.5, 0.7, 0.9].map((coverage) => {
    const take = Math.round(coverage * answerable.length);
    if (take > ranked.length || take === 0) return { coverage, precision: null };
    return { coverage, precision: ranked.slice(0, take).filter(isRight).length / take };
  });
  return {
    answerable: answerable.length,
    right: right / n,
    wrong: (given.length - right) / n,
    refused: (answerable.length - given.length) / n,
    precision: given.length ? right / given.length : 0,
    citationAt1: given.length ? given.filter(onPage).length / given.length : 0,
    leftOutQuestions: leftOut.length,
    refusedLeftOut: leftOut.length ? leftOut.filter((a) => !answered(a)).length / leftOut.length : 1,
    impossibleQuestions: impossible.length,
    refusedImpossible: impossible.length ? impossible.filter((a) => !answered(a)).length / impossible.length : 1,
    riskCoverage,
  };
}

/**
 * What Baoku's answer gives the benchmark: the answer up to its first citation marker (an answer
 * that lists several reports is judged by the first, so listing cannot buy a right answer) and
 * its first citation's source.
 */
export function benchmarkAnswer(question: BenchmarkQuestion, result: AnswerResult): BenchmarkAnswer {
  const cited = result.answered ? result.citations[0] : undefined;
  const answer = firstListed(result.answer);
  return { question, answer: result.answered ? answer : null, source: cited?.source ?? null, confidence: result.confidence };
}

function bigrams(text: string): Map<string, number> {
  const clean = text.replace(/[^\p{Script=Han}\p{L}\p{N}]/gu, "");
  const out = new Map<string, number>();
  for (let i = 0; i + 1 < clean.length; i++) {
    const g = clean.slice(i, i + 2);
    out.set(g, (out.get(g) ?? 0) + 1);
  }
  return out;
}

/**
 * The naive baseline: the archive sentence with the highest character-bigram tf-idf (cosine)
 * overlap with the question, always answering; its confidence is that overlap.
 */
export function naiveBaseline(benchmark: Benchmark): (question: BenchmarkQuestion) => BenchmarkAnswer {
  const sentences: Array<{ text: string; page: number; grams: Map<string, number> }> = [];
  for (const p of benchmark.pages) {
    if (p.leftOut) continue;
    for (const text of splitSentences(p.context)) sentences.push({ text, page: p.page, grams: bigrams(text) });
  }
  const df = new Map<string, number>();
  for (const s of sentences) for (const g of s.grams.keys()) df.set(g, (df.get(g) ?? 0) + 1);
  const idf = (g: string) => Math.log((sentences.length + 1) / ((df.get(g) ?? 0) + 1)) + 1;
  const weigh = (grams: Map<string, number>) => {
    const v = new Map<string, number>();
    let norm = 0;
    for (const [g, tf] of grams) {
      const w = tf * idf(g);
      v.set(g, w);
      norm += w * w;
    }
    return { v, norm: Math.sqrt(norm) || 1 };
  };
  const vectors = sentences.map((s) => weigh(s.grams));
  return (question) => {
    const q = weigh(bigrams(question.question));
    let best = -1;
    let bestScore = 0;
    vectors.forEach((s, i) => {
      let dot = 0;
      for (const [g, w] of q.v) dot += w * (s.v.get(g) ?? 0);
      const score = dot / (q.norm * s.norm);
      if (score > bestScore) [best, bestScore] = [i, score];
    });
    const hit = sentences[best];
    return { question, answer: hit?.text ?? null, source: hit ? `/${pageFile(hit.page)}` : null, confidence: bestScore };
  };
}
