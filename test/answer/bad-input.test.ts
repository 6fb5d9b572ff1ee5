import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { MAX_QUESTION } from "../../src/answer/answerer.js";
import type { AnswerResult } from "../../src/answer/types.js";
import { realApp, type RealApp } from "../support/real-app.js";
import { fidelityProblems } from "./checks.js";

let app: RealApp;

beforeAll(async () => {
  app = await realApp();
});
afterAll(() => app.cleanup());

/** A well-formed result of bounded size: refused, or answered with verifiable citations. */
function expectClean(r: AnswerResult) {
  expect(typeof r.answered).toBe("boolean");
  expect(r.answer.length).toBeGreaterThan(0);
  expect(r.answer.length).toBeLessThan(1000);
  expect(r.question.length).toBeLessThanOrEqual(MAX_QUESTION + 1);
  expect(JSON.stringify(r).length).toBeLessThan(6000);
  // Nothing of the input's markup or control characters comes back in the answer.
  expect(r.answer).not.toMatch(/[\u0000-\u0008\u000b-\u001f\u007f]/);
  expect(r.answer).not.toMatch(/<script|<img|onerror|javascript:/i);
  if (!r.answered) expect(r.citations).toEqual([]);
  expect(fidelityProblems(app, r)).toEqual([]);
}

describe("bad questions get a clean, bounded AnswerResult and never throw", () => {
  it.each([
    ["100,000 characters of one word", "准".repeat(100_000)],
    ["100,000 characters of a real question repeated", "准东开发区现有规模以上工业企业多少家？".repeat(5300)],
    ["control characters and an ANSI escape", "\u0000\u0001\u0007\u001b[31m准东\u0008\u007f"],
    ["only emoji", "😀😀🎉🎉"],
    ["an HTML script", "<script>alert(1)</script>"],
    ["Markdown and an HTML image", "**准东**有多少家企业？ [点我](javascript:alert(1)) <img src=x onerror=alert(1)>"],
    ["zero-width spaces only", "\u200b\u200b\u200b"],
    ["a lone surrogate", "准东\ud800有多少家企业？"],
  ])("%s", async (_name, question) => {
    const r = await app.answerer.answer(question);
    expectClean(r);
  });

  it("a question cut at MAX_QUESTION keeps being answered from its beginning", async () => {
    const question = `准东开发区现有规模以上工业企业多少家？${"的".repeat(100_000)}`;
    const r = await app.answerer.answer(question);
    expectClean(r);
    expect(r.question).toHaveLength(MAX_QUESTION + 1);
    expect(r.question.endsWith("…")).toBe(true);
    expect(r.answered).toBe(true);
    expect(r.answer).toContain("192家");
  });

  it("control characters around a real question do not stop it being answered", async () => {
    const r = await app.answerer.answer("\u0007智慧物流园每年能降低\u0000多少物流成本？\u001b");
    expectClean(r);
    expect(r.answered).toBe(true);
    expect(r.answer).toContain("6.8亿元");
  });

  it("markup around a real question is ignored, not echoed", async () => {
    const r = await app.answerer.answer("<b>奇台县城区智慧停车场将配备多少套公共充电桩？</b>");
    expectClean(r);
    expect(r.answered).toBe(true);
    expect(r.answer).toContain("160套");
    expect(r.answer).not.toContain("<b>");
  });
});
