import { describe, expect, it } from "vitest";
import { locallyWeighted, longestCommonRun, offHeadline } from "../../src/answer/features.js";

describe("longestCommonRun", () => {
  it.each([
    ["准东开发区企业", "在准东开发区注册", 5], // 准东开发区
    ["在准东开发区注册", "准东开发区企业", 5],
    ["准东开发区", "准东开发区", 5],
    ["准东", "奇台县", 0],
    ["昌吉市充电桩", "充电桩昌吉", 3], // 充电桩, not the shorter 昌吉
    ["", "准东开发区", 0],
    ["准东开发区", "", 0],
    ["", "", 0],
  ] as const)("%s vs %s → %i", (a, b, run) => {
    expect(longestCommonRun(a, b)).toBe(run);
  });
});

describe("offHeadline", () => {
  const terms = new Map([
    ["准东", 3],
    ["企业", 2],
    ["注册", 4],
  ]);
  it("counts only the question's words that the headline lacks", () => {
    const headline = new Set(["准东", "企业"]);
    expect(offHeadline(terms, headline, new Set(["准东", "企业"]))).toBe(0);
    expect(offHeadline(terms, headline, new Set(["注册"]))).toBe(1);
  });
  it("is the plain weighted share when the headline holds none of them", () => {
    expect(offHeadline(terms, new Set(), new Set(["注册"]))).toBeCloseTo(4 / 9);
  });
  it("is 0 when the headline holds every question word", () => {
    expect(offHeadline(terms, new Set(terms.keys()), new Set(terms.keys()))).toBe(0);
  });
});

describe("locallyWeighted", () => {
  it("weighs a word every sentence repeats below one that few sentences hold", () => {
    const terms = new Map([
      ["准东", 3],
      ["注册", 3],
    ]);
    const sentences = [new Set(["准东", "注册"]), new Set(["准东"]), new Set(["准东"]), new Set(["准东"])];
    const w = locallyWeighted(terms, sentences);
    expect(w.get("注册")!).toBeGreaterThan(w.get("准东")!);
    expect(w.get("准东")!).toBeGreaterThan(0);
  });
});
