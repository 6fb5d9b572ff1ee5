import { describe, expect, it } from "vitest";
import { atThreshold, benchmarkFold, chooseThreshold, FOLDS, HELD_OUT_FOLD, TARGET_PRECISION, type Scored } from "../../src/answer/train.js";

let n = 0;
/** A scored question; answerable unless said otherwise. */
const s = (confidence: number, right: boolean, answerable = true): Scored => ({ id: `q${n++}`, source: "paper", answerable, confidence, right });
const many = (count: number, confidence: number, right: boolean) => Array.from({ length: count }, () => s(confidence, right));

describe("chooseThreshold", () => {
  it("targets precision 0.9 by default", () => {
    expect(TARGET_PRECISION).toBe(0.9);
  });

  it("returns the lowest confidence at which precision at and above it is ≥ 0.9", () => {
    // At 0.6: 4/4; at 0.5: 4/5 = 0.8; at 0.4: 4/6.
    const scored = [s(0.9, true), s(0.8, true), s(0.7, true), s(0.6, true), s(0.5, false), s(0.4, false)];
    expect(chooseThreshold(scored)).toBe(0.6);
  });

  it("does not depend on the order it is given", () => {
    const scored = [s(0.5, false), s(0.7, true), s(0.4, false), s(0.9, true), s(0.6, true), s(0.8, true)];
    expect(chooseThreshold(scored)).toBe(0.6);
  });

  it("accepts exactly the target: 9 right of 10 is 0.9", () => {
    const scored = [...many(9, 0.8, true), s(0.3, false), s(0.2, false)];
    // At 0.3: 9/10 = 0.9 (kept); at 0.2: 9/11 < 0.9.
    expect(chooseThreshold(scored)).toBe(0.3);
  });

  it("goes past a dip in precision to the lowest confidence that meets the target", () => {
    // At 0.9: 1/1; at 0.8: 1/2; at 0.5: 10/11 ≈ 0.91; at 0.1: 10/12.
    const scored = [s(0.9, true), s(0.8, false), ...many(9, 0.5, true), s(0.1, false)];
    expect(chooseThreshold(scored)).toBe(0.5);
  });

  it("does not split questions of equal confidence", () => {
    // The right one at 0.7 comes first: cutting inside the tie would give 3/3 at 0.7.
    // All of 0.7 together: 3/5 = 0.6, so the threshold stays at 0.8.
    const scored = [s(0.9, true), s(0.8, true), s(0.7, true), s(0.7, false), s(0.7, false)];
    expect(chooseThreshold(scored)).toBe(0.8);
  });

  it("takes a whole tie when the tie as a whole meets the target", () => {
    const scored = [...many(9, 0.9, true), s(0.6, true), s(0.6, true), s(0.6, false), s(0.2, false), s(0.2, false)];
    // At 0.6: 11/12 ≈ 0.92; at 0.2: 11/14.
    expect(chooseThreshold(scored)).toBe(0.6);
  });

  it("returns 1 when precision never reaches the target", () => {
    expect(chooseThreshold([s(0.9, false), s(0.8, true), s(0.7, false), s(0.6, true)])).toBe(1);
    expect(chooseThreshold([s(0.95, false), s(0.95, true)])).toBe(1);
  });

  it("returns 1 for no questions", () => {
    expect(chooseThreshold([])).toBe(1);
  });

  it("uses the target it is given", () => {
    const scored = [s(0.9, true), s(0.8, false), s(0.7, true), s(0.6, false)];
    expect(chooseThreshold(scored, 0.5)).toBe(0.6);
    expect(chooseThreshold(scored, 0.9)).toBe(0.9);
  });
});

describe("atThreshold", () => {
  const scored = [s(0.9, true), s(0.8, false), s(0.3, true), s(0.7, false, false), s(0.2, false, false)];

  it("measures precision, right, coverage and refused unanswerables at a threshold", () => {
    // Answered at 0.5: the 0.9, 0.8 and 0.7 (unanswerable) ones; one of them right.
    expect(atThreshold(scored, 0.5)).toEqual({
      precision: 1 / 3,
      right: 1 / 3,
      coverage: 2 / 3,
      refusedUnanswerable: 1 / 2,
    });
  });

  it("answers a question whose confidence equals the threshold", () => {
    const r = atThreshold(scored, 0.3);
    expect(r.coverage).toBe(1);
    expect(r.right).toBe(2 / 3);
    expect(r.precision).toBe(2 / 4);
    expect(r.refusedUnanswerable).toBe(1 / 2);
  });

  it("answering nothing: precision 1, coverage 0, every unanswerable refused", () => {
    expect(atThreshold(scored, 0.95)).toEqual({ precision: 1, right: 0, coverage: 0, refusedUnanswerable: 1 });
  });

  it("answering everything: nothing refused", () => {
    expect(atThreshold(scored, 0).refusedUnanswerable).toBe(0);
    expect(atThreshold(scored, 0).precision).toBe(2 / 5);
  });

  it("with no unanswerable questions, refusedUnanswerable is 1", () => {
    expect(atThreshold([s(0.9, true), s(0.4, false)], 0.5)).toEqual({ precision: 1, right: 1 / 2, coverage: 1 / 2, refusedUnanswerable: 1 });
  });
});

describe("benchmarkFold", () => {
  it("puts the left-out pages 9, 19, 29, 39, 49 into five different folds", () => {
    const folds = [9, 19, 29, 39, 49].map(benchmarkFold);
    expect(new Set(folds).size).toBe(FOLDS);
    expect(folds).toContain(HELD_OUT_FOLD);
  });

  it("keeps a block of ten pages together and every fold in range", () => {
    expect(new Set([0, 1, 5, 9].map(benchmarkFold)).size).toBe(1);
    expect(benchmarkFold(10)).not.toBe(benchmarkFold(9));
    for (let page = 0; page < 200; page++) {
      const f = benchmarkFold(page);
      expect(Number.isInteger(f) && f >= 0 && f < FOLDS).toBe(true);
    }
  });
});
