import type { Benchmark } from "../eval/benchmark.js";
import { holdsGold, pageFile } from "../eval/benchmark.js";
import { containsAnyExpected, dateMatches, type EvalQuestion } from "../eval/questions.js";
import { overlaps, type ExtractiveAnswerer } from "./learned-answerer.js";
import { calibrationInput, fitLogistic, fitSoftmax, probability, rankScore, type AnswerModel, type Logistic, type Ranker } from "./model.js";
import { FEATURES, type Candidate } from "./features.js";

/** Cross-validation folds. */
export const FOLDS = 5;
/** The benchmark fold never trained on by the committed model: the held-out part. */
export const HELD_OUT_FOLD = FOLDS - 1;
/** How much one newspaper candidate weighs against one benchmark candidate in training. */
const PAPER_WEIGHT = 3;
/** The precision the default threshold is chosen for. */
export const TARGET_PRECISION = 0.9;
/** The precision the learned selection's fallback answers are chosen for. */
export const FALLBACK_PRECISION = 0.95;

/** The fold of benchmark page n: blocks of ten pages, so that left-out pages fall in every fold. */
export const benchmarkFold = (page: number) => Math.floor(page / 10) % FOLDS;

/** One question's candidates, labelled. */
export interface Group {
  id: string;
  source: "benchmark" | "paper";
  fold: number;
  /** The archive holds the answer. */
  answerable: boolean;
  features: number[][];
  /** 1 when the candidate holds the answer; null when it is not trained on (a pair whose single sentence holds it). */
  labels: Array<number | null>;
  /** Candidate i shares a sentence with candidate j: for finding the runner-up. */
  parts: Candidate[];
}

function groupOf(id: string, source: Group["source"], fold: number, answerable: boolean, candidates: Candidate[], holds: (c: Candidate) => boolean): Group {
  const labels = candidates.map((c) => {
    if (!answerable || !holds(c)) return 0;
    // A pair whose single sentence holds the answer teaches nothing: the single is the better answer.
    if (c.parts.length > 1 && c.parts.some((p) => holds({ ...c, sentence: p }))) return null;
    return 1;
  });
  return { id, source, fold, answerable, features: candidates.map((c) => c.features), labels, parts: candidates };
}

/** Labelled candidates of every benchmark question (pages left out: no candidate is right). */
export async function benchmarkGroups(benchmark: Benchmark, answerer: ExtractiveAnswerer): Promise<Group[]> {
  const out: Group[] = [];
  for (const q of benchmark.questions) {
    const { candidates } = await answerer.candidates(q.question);
    const onPage = (c: Candidate) => c.result.article.source.endsWith(`/${pageFile(q.page)}`);
    out.push(groupOf(q.id, "benchmark", benchmarkFold(q.page), !q.leftOut && !q.impossible, candidates, (c) => onPage(c) && holdsGold(c.sentence, q.golds)));
  }
  return out;
}

/** Labelled candidates of the project's newspaper questions. */
export async function paperGroups(questions: readonly EvalQuestion[], answerer: ExtractiveAnswerer): Promise<Group[]> {
  const out: Group[] = [];
  for (const [i, q] of questions.entries()) {
    const { candidates } = await answerer.candidates(q.question);
    out.push(groupOf(q.id, "paper", i % FOLDS, q.answerable, candidates, (c) => dateMatches(c.result.article.date, q) && containsAnyExpected(c.sentence, q)));
  }
  return out;
}

/**
 * Fits the ranker on the labelled candidates of some groups: a linear ranker with a listwise
 * (softmax) loss. (Listwise boosted trees were tried: 71.4% of benchmark questions' best
 * candidate right out of fold against 72.6% for this, at three times the training time.)
 */
export function fitRanker(groups: readonly Group[]): Ranker {
  const lists = groups
    .filter((g) => g.labels.some((l) => l === 1))
    .map((g) => {
      const keep = g.labels.map((l, i) => (l === null ? -1 : i)).filter((i) => i >= 0);
      return { rows: keep.map((i) => g.features[i]!), labels: keep.map((i) => g.labels[i]!), weight: g.source === "paper" ? PAPER_WEIGHT : 1 };
    });
  return { ranker: fitSoftmax(lists, { l2: 1e-3, iterations: 200, learningRate: 0.05 }) };
}

/** What a ranker makes of one question: its best candidate, whether that is right, the calibrator's input. */
export interface Ranked {
  group: Group;
  right: boolean;
  input: number[];
  best: number;
}

export function rankGroup(group: Group, ranker: Ranker): Ranked | null {
  if (group.features.length === 0) return null;
  const scores = group.features.map((f) => rankScore(ranker, f));
  let best = 0;
  for (let i = 1; i < scores.length; i++) if (scores[i]! > scores[best]!) best = i;
  let runnerUp: number | null = null;
  for (let i = 0; i < scores.length; i++) {
    if (i === best || overlaps(group.parts[i]!, group.parts[best]!)) continue;
    if (runnerUp === null || scores[i]! > runnerUp) runnerUp = scores[i]!;
  }
  const right = group.answerable && group.labels[best] !== 0;
  return { group, right, best, input: calibrationInput({ logit: scores[best]!, features: group.features[best]! }, runnerUp) };
}

export function fitCalibrator(ranked: readonly Ranked[]): Logistic {
  return fitLogistic(
    ranked.map((r) => r.input),
    ranked.map((r) => (r.right ? 1 : 0)),
    { l2: 1e-2, iterations: 500, learningRate: 0.05 },
  );
}

/** One question scored out of fold: the confidence of its best candidate and whether that is right. */
export interface Scored {
  id: string;
  source: Group["source"];
  answerable: boolean;
  confidence: number;
  right: boolean;
}

/**
 * The ranker and calibrator fitted without one fold: the ranker on the other folds, the
 * calibrator on those folds' own out-of-fold ranks (an inner split), so it meets ranks as unseen
 * questions give them.
 */
export function foldModel(groups: readonly Group[], folds: readonly number[], fold: number, threshold: number, fallbackThreshold = 1): AnswerModel {
  const train = groups.filter((g) => g.fold !== fold);
  const inner: Ranked[] = [];
  for (const other of folds.filter((f) => f !== fold)) {
    const r = fitRanker(train.filter((g) => g.fold !== other));
    for (const g of train.filter((g) => g.fold === other)) {
      const ranked = rankGroup(g, r);
      if (ranked) inner.push(ranked);
    }
  }
  return { version: 1, features: [...FEATURES], ...fitRanker(train), calibrator: fitCalibrator(inner), threshold, fallbackThreshold };
}

/** Cross-validated scores: each fold's questions scored by the model fitted without that fold. */
export function crossValidate(groups: readonly Group[], folds: readonly number[]): Scored[] {
  const out: Scored[] = [];
  for (const fold of folds) {
    const model = foldModel(groups, folds, fold, 0.5);
    for (const g of groups.filter((g) => g.fold === fold)) out.push(scoreGroup(g, model));
  }
  return out;
}

/** One question's best candidate under a model: its confidence and whether it is right. */
export function scoreGroup(g: Group, model: AnswerModel): Scored {
  const ranked = rankGroup(g, model);
  return {
    id: g.id,
    source: g.source,
    answerable: g.answerable,
    confidence: ranked ? probability(model.calibrator, ranked.input) : 0,
    right: ranked?.right ?? false,
  };
}

/** Precision and coverage when answering at or above a threshold. */
export function atThreshold(scored: readonly Scored[], threshold: number) {
  const answered = scored.filter((s) => s.confidence >= threshold);
  const right = answered.filter((s) => s.right).length;
  const answerable = scored.filter((s) => s.answerable).length || 1;
  const unanswerable = scored.filter((s) => !s.answerable);
  return {
    precision: answered.length ? right / answered.length : 1,
    right: right / answerable,
    coverage: answered.filter((s) => s.answerable).length / answerable,
    refusedUnanswerable: unanswerable.length ? unanswerable.filter((s) => s.confidence < threshold).length / unanswerable.length : 1,
  };
}

/** The lowest threshold at which precision (over every answer given at or above it) stays ≥ target. */
export function chooseThreshold(scored: readonly Scored[], target = TARGET_PRECISION): number {
  const sorted = [...scored].sort((a, b) => b.confidence - a.confidence);
  let right = 0;
  let best = 1;
  sorted.forEach((s, i) => {
    if (s.right) right++;
    const next = sorted[i + 1];
    // Only cut between distinct confidences: a threshold answers all questions at it or not.
    if (next && next.confidence === s.confidence) return;
    if (right / (i + 1) >= target) best = s.confidence;
  });
  return best;
}

/** A model whose every candidate scores alike: for collecting features before any model exists. */
export function untrainedModel(): AnswerModel {
  const zero = (): Logistic => ({ mean: FEATURES.map(() => 0), std: FEATURES.map(() => 1), weights: FEATURES.map(() => 0), bias: 0 });
  const inputs = FEATURES.length + 2;
  const calibrator: Logistic = { mean: new Array(inputs).fill(0), std: new Array(inputs).fill(1), weights: new Array(inputs).fill(0), bias: 0 };
  return { version: 1, features: [...FEATURES], ranker: zero(), calibrator, threshold: 0.5, fallbackThreshold: 1 };
}
