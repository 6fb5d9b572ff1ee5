import { readFileSync } from "node:fs";
import { z } from "zod";
import { MODEL_FILE } from "../index/model-digest.js";
import { FEATURES } from "./features.js";

/**
 * Answer selection is a logistic regression over the candidates' features, and confidence a
 * second, small logistic regression over what the best candidate looks like against the rest
 * (Platt scaling). Both are written here rather than taken from a library: the whole thing is
 * ~100 lines, needs no matrix package, trains in seconds and is deterministic, and the model file
 * stays a few numbers anyone can read.
 */

export const logisticSchema = z.object({
  mean: z.array(z.number()),
  std: z.array(z.number()),
  weights: z.array(z.number()),
  bias: z.number(),
});

/** A fitted logistic regression with its feature standardisation. */
export type Logistic = z.infer<typeof logisticSchema>;

export const modelSchema = z.object({
  version: z.literal(1),
  features: z.array(z.string()),
  ranker: logisticSchema,
  calibrator: logisticSchema,
  /** Answers below this confidence are refused (chosen on held-out data for precision ≥ 0.90). */
  threshold: z.number().min(0).max(1),
  /**
   * Where the support checks find no answer, the learned selection still answers at or above
   * this confidence (chosen on held-out data for precision ≥ 0.95).
   */
  fallbackThreshold: z.number().min(0).max(1).default(1),
  /** How it was trained and what cross-validation measured, for people. */
  trainedOn: z.record(z.string(), z.unknown()).optional(),
});

export type AnswerModel = z.infer<typeof modelSchema>;

export { MODEL_FILE };

const sigmoid = (x: number) => 1 / (1 + Math.exp(-x));

/** The model's raw score (log-odds) for a feature vector. */
export function logit(m: Logistic, x: readonly number[]): number {
  let z = m.bias;
  for (let i = 0; i < m.weights.length; i++) z += m.weights[i]! * ((x[i]! - m.mean[i]!) / m.std[i]!);
  return z;
}

export const probability = (m: Logistic, x: readonly number[]) => sigmoid(logit(m, x));

/** The ranking part of a model. */
export interface Ranker {
  ranker: Logistic;
}

/** A candidate's ranking score (log-odds scale, comparable within one question). */
export function rankScore(m: Ranker, x: readonly number[]): number {
  return logit(m.ranker, x);
}

export interface FitOptions {
  /** L2 penalty on the (standardised) weights. */
  l2?: number;
  iterations?: number;
  learningRate?: number;
  /** Per-row weights (default 1). */
  rowWeights?: readonly number[];
}

/** Each feature's mean and standard deviation over the rows (1 where a feature is constant). */
function moments(rows: readonly (readonly number[])[]): { mean: number[]; std: number[] } {
  const n = rows.length;
  const d = rows[0]?.length ?? 0;
  const mean = new Array<number>(d).fill(0);
  const std = new Array<number>(d).fill(0);
  for (const r of rows) for (let j = 0; j < d; j++) mean[j]! += r[j]! / n;
  for (const r of rows) for (let j = 0; j < d; j++) std[j]! += (r[j]! - mean[j]!) ** 2 / n;
  for (let j = 0; j < d; j++) std[j] = Math.sqrt(std[j]!) || 1;
  return { mean, std };
}

/**
 * Fits a logistic regression by full-batch gradient descent with Adam on standardised features.
 * Deterministic: no sampling, weights start at zero.
 */
export function fitLogistic(rows: readonly (readonly number[])[], labels: readonly number[], options: FitOptions = {}): Logistic {
  const { l2 = 1e-3, iterations = 400, learningRate = 0.05 } = options;
  const n = rows.length;
  const d = rows[0]?.length ?? 0;
  const { mean, std } = moments(rows);
  const xs = rows.map((r) => r.map((v, j) => (v - mean[j]!) / std[j]!));
  const rw = options.rowWeights ?? new Array<number>(n).fill(1);
  const total = rw.reduce((s, w) => s + w, 0) || 1;
  const w = new Array<number>(d + 1).fill(0);
  const m1 = new Array<number>(d + 1).fill(0);
  const m2 = new Array<number>(d + 1).fill(0);
  const grad = new Array<number>(d + 1);
  for (let t = 1; t <= iterations; t++) {
    grad.fill(0);
    for (let i = 0; i < n; i++) {
      const x = xs[i]!;
      let z = w[d]!;
      for (let j = 0; j < d; j++) z += w[j]! * x[j]!;
      const e = (sigmoid(z) - labels[i]!) * rw[i]!;
      for (let j = 0; j < d; j++) grad[j]! += e * x[j]!;
      grad[d]! += e;
    }
    for (let j = 0; j <= d; j++) {
      const g = grad[j]! / total + (j < d ? l2 * w[j]! : 0);
      m1[j] = 0.9 * m1[j]! + 0.1 * g;
      m2[j] = 0.999 * m2[j]! + 0.001 * g * g;
      const step = (learningRate * (m1[j]! / (1 - 0.9 ** t))) / (Math.sqrt(m2[j]! / (1 - 0.999 ** t)) + 1e-8);
      w[j] = w[j]! - step;
    }
  }
  return { mean, std, weights: w.slice(0, d), bias: w[d]! };
}

/**
 * Fits a linear ranker with a listwise (softmax) loss: for each question, the probability mass
 * the softmax over its candidates puts on the right ones is maximised. This is what answer
 * selection asks for — the best candidate of each question right — rather than each candidate
 * classified alone. Same form as `fitLogistic`'s result; the bias carries no meaning here.
 */
export function fitSoftmax(
  groups: ReadonlyArray<{ rows: readonly (readonly number[])[]; labels: readonly number[]; weight: number }>,
  options: FitOptions = {},
): Logistic {
  const { l2 = 1e-3, iterations = 300, learningRate = 0.05 } = options;
  const all = groups.flatMap((g) => g.rows);
  const d = all[0]?.length ?? 0;
  const { mean, std } = moments(all);
  const xs = groups.map((g) => g.rows.map((r) => r.map((v, j) => (v - mean[j]!) / std[j]!)));
  const total = groups.reduce((s, g) => s + g.weight, 0) || 1;
  const w = new Array<number>(d).fill(0);
  const m1 = new Array<number>(d).fill(0);
  const m2 = new Array<number>(d).fill(0);
  const grad = new Array<number>(d);
  for (let t = 1; t <= iterations; t++) {
    grad.fill(0);
    groups.forEach((g, k) => {
      const x = xs[k]!;
      const z = x.map((row) => row.reduce((s, v, j) => s + v * w[j]!, 0));
      const top = Math.max(...z);
      const e = z.map((v) => Math.exp(v - top));
      const sum = e.reduce((s, v) => s + v, 0);
      const pos = e.reduce((s, v, i) => s + (g.labels[i] ? v : 0), 0);
      if (pos === 0) return;
      x.forEach((row, i) => {
        const coef = (e[i]! / sum - (g.labels[i] ? e[i]! / pos : 0)) * g.weight;
        if (coef !== 0) for (let j = 0; j < d; j++) grad[j]! += coef * row[j]!;
      });
    });
    for (let j = 0; j < d; j++) {
      const gj = grad[j]! / total + l2 * w[j]!;
      m1[j] = 0.9 * m1[j]! + 0.1 * gj;
      m2[j] = 0.999 * m2[j]! + 0.001 * gj * gj;
      w[j] = w[j]! - (learningRate * (m1[j]! / (1 - 0.9 ** t))) / (Math.sqrt(m2[j]! / (1 - 0.999 ** t)) + 1e-8);
    }
  }
  return { mean, std, weights: w, bias: 0 };
}

/**
 * What the calibrator sees of a question's ranked candidates: the best one's score, its lead over
 * the best candidate that is not part of it (at most 4), and the best one's own features.
 */
export function calibrationInput(best: { logit: number; features: readonly number[] }, runnerUp: number | null): number[] {
  return [best.logit, runnerUp === null ? 4 : Math.min(4, best.logit - runnerUp), ...best.features];
}

let loaded: AnswerModel | null | undefined;

/**
 * The committed model (`src/answer/model.json`), read once.
 * @throws Error when the file is missing or not a model of this version (run `npm run train`).
 */
export function defaultModel(): AnswerModel {
  if (loaded) return loaded;
  const parsed = modelSchema.safeParse(JSON.parse(readFileSync(MODEL_FILE, "utf8")));
  if (!parsed.success) throw new Error(`答案选择模型文件无效（${parsed.error.issues[0]?.message}），请运行 npm run train`);
  if (parsed.data.features.join(",") !== FEATURES.join(",")) throw new Error("答案选择模型与当前特征不一致，请运行 npm run train");
  loaded = parsed.data;
  return loaded;
}
