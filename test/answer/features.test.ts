import { describe, expect, it } from "vitest";
import { besideAnswer, locallyWeighted, longestCommonRun, offHeadline, slotWord } from "../../src/answer/features.js";
import { questionTerms } from "../../src/answer/select.js";
import { defaultTokenizer } from "../../src/text/tokenize.js";

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

describe("slotWord and besideAnswer: the question's word the answer is said with", () => {
  const tokenizer = defaultTokenizer();
  // The question's words as the answerer weighs them (asking words such as 现在, 一共 left out).
  const slotOf = (question: string) => slotWord(question, questionTerms(question, tokenizer, { idf: () => 1 }), tokenizer);

  it.each([
    ["奇台镇现在已经建成了多少个充电桩？", "建成"],
    ["华为哪一年推出了这款手机？", "华为"],
    ["上半年昌吉市固定资产投资完成了多少？", "完成"],
  ] as const)("%s → %s", (question, slot) => {
    expect(slotOf(question)).toBe(slot);
  });

  it("is null when the question opens with its question word or says only asking words before it", () => {
    expect(slotOf("多少家企业在准东注册？")).toBeNull();
    expect(slotOf("现在有多少？")).toBeNull();
    expect(slotOf("目前一共有多少？")).toBeNull();
  });

  it("passes over an adverb to the word before it", () => {
    expect(slotOf("全县已经有多少名医生？")).toBe("全县");
  });

  it("finds the word printed just before the figure, or the figure (a date) just before it", () => {
    const text = "奇台镇已建成51个充电桩，未来将在城区44个小区布局206个点位。";
    expect(besideAnswer(text, "建成", [text.indexOf("51个")])).toBe(true);
    expect(besideAnswer(text, "建成", [text.indexOf("206个")])).toBe(false);
    const dated = "该机型于2007年5月21日推出。";
    expect(besideAnswer(dated, "推出", [dated.indexOf("2007年")])).toBe(true);
    expect(besideAnswer(dated, "发布", [dated.indexOf("2007年")])).toBe(false);
  });
});
