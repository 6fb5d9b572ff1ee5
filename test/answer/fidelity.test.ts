import { readFileSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { dateDigits } from "../../src/answer/compose.js";
import { inventedNumbers } from "../../src/answer/figures.js";
import { realApp, type RealApp } from "../support/real-app.js";
import { fidelityProblems, quoteIsVerbatim } from "./checks.js";

// A property of every answer, whatever the question: not answer matching. The eval file is read
// only as a supply of realistic questions; what it expects is not looked at.
const evalQuestions = readFileSync("test/eval/questions.jsonl", "utf8")
  .split("\n")
  .filter((line) => line.trim())
  .map((line) => (JSON.parse(line) as { question: string }).question);

const more = [
  "老君庙专用铁路年运输能力是多少？",
  "昌吉市中医院综合项目什么时候投入使用？",
  "第六中学什么时候开学？",
  "庄浪户村道路改造惠及多少户？",
  "企业注册时没有办公室怎么办？",
  "小区充电难怎么办？",
  "如何办理道路运输证？",
  "今年呼图壁县投资多少钱新建自动雨量站？",
  "昌吉州今年更新了多少辆新能源客货车？",
  "奇台镇“代表恳谈日”活动收集了多少件问题？",
  "呼图壁县农网改造计划新建多少基杆塔？",
  "昌吉苗木主要瞄准哪个市场？",
  "2021年以来昌吉州实施了多少户农房抗震防灾工程？",
  "九洲恒昌物流采购了多少辆新能源换电重卡物流车？",
  "煤炭仓储及输煤廊道项目建成后能年储煤多少？",
];

let app: RealApp;

beforeAll(async () => {
  app = await realApp();
});
afterAll(() => app.cleanup());

describe("number fidelity and citation integrity, for every question", () => {
  it.each([...evalQuestions, ...more])("%s", async (question) => {
    const r = await app.answerer.answer(question);
    // Every number in the answer is in a cited quote or part of a cited date; every [n] has a
    // citation and every citation a [n]; every quote is printed, as is, in its article.
    expect(fidelityProblems(app, r)).toEqual([]);
    if (r.answered) expect(r.citations.length).toBeGreaterThan(0);
    expect(r.citations.map((c) => c.id)).toEqual(r.citations.map((_, i) => i + 1));
  });

  it("covers enough answered questions to mean something", async () => {
    const results = await Promise.all([...evalQuestions, ...more].map((q) => app.answerer.answer(q)));
    expect(results.filter((r) => r.answered).length).toBeGreaterThanOrEqual(50);
  });
});

describe("the checks themselves catch what they are for", () => {
  it("a number changed in the answer is reported as invented", async () => {
    const r = await app.answerer.answer("智慧物流园每年能降低多少物流成本？");
    expect(r.answer).toContain("6.8亿元");
    const forged = { ...r, answer: r.answer.replace("6.8亿元", "6.9亿元") };
    expect(
      inventedNumbers(
        forged.answer,
        forged.citations.map((c) => c.quote),
        dateDigits(forged.citations),
      ),
    ).toEqual(["6.9"]);
    expect(fidelityProblems(app, forged)).toHaveLength(1);
  });

  it("a restated year is allowed only because the citation's date holds it", async () => {
    const r = await app.answerer.answer("今年呼图壁县投资多少钱新建自动雨量站？");
    expect(r.answer).toContain("2025年");
    expect(r.citations[0]!.quote).not.toContain("2025");
    expect(fidelityProblems(app, r)).toEqual([]);
    const undated = { ...r, citations: r.citations.map((c) => ({ ...c, date: null })) };
    expect(fidelityProblems(app, undated).join()).toContain("2025");
  });

  it("a quote edited by one character is not verbatim; a wrong marker is caught", async () => {
    const r = await app.answerer.answer("奇台县城区智慧停车场将配备多少套公共充电桩？");
    const c = r.citations[0]!;
    expect(quoteIsVerbatim(app, c)).toBe(true);
    expect(quoteIsVerbatim(app, { ...c, quote: c.quote.replace("160套", "170套") })).toBe(false);
    expect(quoteIsVerbatim(app, { ...c, title: "别的标题" })).toBe(false);
    const badMarker = { ...r, answer: r.answer.replace("[1]", "[2]") };
    expect(fidelityProblems(app, badMarker).join()).toMatch(/\[2\] 没有对应的引用/);
  });
});
