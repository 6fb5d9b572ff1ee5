import { describe, expect, it } from "vitest";
import { calibrationInput, fitLogistic, fitSoftmax, logit, probability, type Logistic } from "../../src/answer/model.js";

// Two features; class 1 lies where x0 + x1 > 0. Linearly separable with a wide margin.
const rows = [
  [2, 1],
  [1, 2],
  [3, 0],
  [1, 1],
  [0.5, 2],
  [-2, -1],
  [-1, -2],
  [-3, 0],
  [-1, -1],
  [-2, 0.5],
];
const labels = [1, 1, 1, 1, 1, 0, 0, 0, 0, 0];

describe("fitLogistic", () => {
  it.each([
    [[2, 2], 1],
    [[1.5, 0.5], 1],
    [[0, 3], 1],
    [[-2, -2], 0],
    [[-0.5, -1.5], 0],
    [[-3, 1], 0],
  ] as const)("on separable data, puts held-out point %j in class %i", (x, cls) => {
    const m = fitLogistic(rows, labels);
    const p = probability(m, x);
    if (cls === 1) expect(p).toBeGreaterThan(0.5);
    else expect(p).toBeLessThan(0.5);
  });

  it("is deterministic: the same inputs give identical weights", () => {
    const a = fitLogistic(rows, labels, { iterations: 200 });
    const b = fitLogistic(rows, labels, { iterations: 200 });
    expect(b).toEqual(a);
    // A model that learnt nothing would also be deterministic.
    expect(a.weights.some((w) => w !== 0)).toBe(true);
  });

  it("records the features' mean and standard deviation", () => {
    const m = fitLogistic([[1], [3]], [0, 1]);
    expect(m.mean).toEqual([2]);
    expect(m.std).toEqual([1]);
  });

  it("guards a constant feature column: no NaN, still classifies", () => {
    const withConstant = rows.map((r) => [...r, 5]);
    const m = fitLogistic(withConstant, labels);
    expect(m.std[2]).toBe(1);
    for (const v of [...m.mean, ...m.std, ...m.weights, m.bias]) expect(Number.isFinite(v)).toBe(true);
    expect(probability(m, [2, 2, 5])).toBeGreaterThan(0.5);
    expect(probability(m, [-2, -2, 5])).toBeLessThan(0.5);
    expect(Number.isNaN(probability(m, [0, 0, 5]))).toBe(false);
  });
});

describe("logit and probability", () => {
  const m: Logistic = { mean: [1, 2], std: [2, 4], weights: [0.5, -1], bias: 0.25 };

  it("logit standardises each feature before weighting it", () => {
    // 0.25 + 0.5·(3−1)/2 − 1·(6−2)/4 = −0.25
    expect(logit(m, [3, 6])).toBeCloseTo(-0.25, 12);
    expect(logit(m, [1, 2])).toBeCloseTo(0.25, 12);
  });

  it.each([[[3, 6]], [[1, 2]], [[10, -4]], [[-7, 30]]] as const)("probability is the sigmoid of logit at %j", (x) => {
    const z = logit(m, x);
    expect(probability(m, x)).toBeCloseTo(1 / (1 + Math.exp(-z)), 12);
  });

  it("probability rises with logit and stays in (0, 1)", () => {
    const xs = [
      [-7, 30],
      [3, 6],
      [1, 2],
      [10, -4],
    ];
    const zs = xs.map((x) => logit(m, x));
    const ps = xs.map((x) => probability(m, x));
    expect([...zs].sort((a, b) => a - b)).toEqual(zs);
    expect([...ps].sort((a, b) => a - b)).toEqual(ps);
    for (const p of ps) {
      expect(p).toBeGreaterThan(0);
      expect(p).toBeLessThan(1);
    }
    expect(probability(m, [1, 2])).toBeGreaterThan(0.5);
    expect(probability(m, [3, 6])).toBeLessThan(0.5);
  });
});

describe("calibrationInput", () => {
  it.each([
    // best logit, its features, runner-up → [logit, margin, ...features]
    [2, [0.5, 1], 1.5, [2, 0.5, 0.5, 1]],
    [1, [0.25], -2, [1, 3, 0.25]],
    [10, [0.7, 0], 1, [10, 4, 0.7, 0]], // margin 9 capped at 4
    [3, [1], -1, [3, 4, 1]], // margin exactly 4
    [0.5, [0], null, [0.5, 4, 0]], // no runner-up
    [-3, [0.2, 0.3], null, [-3, 4, 0.2, 0.3]],
  ] as const)("logit %d, features %j, runner-up %s → %j", (best, features, runnerUp, expected) => {
    expect(calibrationInput({ logit: best, features }, runnerUp)).toEqual(expected);
  });
});

describe("fitSoftmax", () => {
  // Each question has three candidates; the right one is the one with the larger first feature,
  // whatever the second (a distractor that is large on a wrong candidate half the time).
  const groups = Array.from({ length: 12 }, (_, k) => {
    const right = k % 3;
    const rows = [0, 1, 2].map((i) => [i === right ? 2 + (k % 2) : (i + k) % 2, i === (right + 1) % 3 ? 3 : 0]);
    return { rows, labels: [0, 1, 2].map((i) => (i === right ? 1 : 0)), weight: 1 };
  });

  it("ranks the right candidate of each question first", () => {
    const m = fitSoftmax(groups);
    for (const g of groups) {
      const scores = g.rows.map((r) => logit(m, r));
      expect(scores.indexOf(Math.max(...scores))).toBe(g.labels.indexOf(1));
    }
  });

  it("gives the same weights twice and skips questions without a right candidate", () => {
    const a = fitSoftmax(groups);
    const b = fitSoftmax([...groups, { rows: [[5, 5]], labels: [0], weight: 1 }]);
    expect(a).toEqual(fitSoftmax(groups));
    // The extra question changes only the standardisation, never the direction learnt.
    expect(Math.sign(b.weights[0]!)).toBe(Math.sign(a.weights[0]!));
    expect(a.weights[0]!).toBeGreaterThan(0);
  });
});
