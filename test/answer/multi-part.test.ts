import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { readFileSync } from "node:fs";
import { realApp, type RealApp } from "../support/real-app.js";
import { occurrences } from "./checks.js";

let app: RealApp;
beforeAll(async () => {
  app = await realApp();
});
afterAll(() => app.cleanup());

describe("a remark after the question", () => {
  // Any answerable question of the set: the remark's words are not searched for in the answer.
  const questions = readFileSync(new URL("../eval/questions.jsonl", import.meta.url), "utf8")
    .trim()
    .split("\n")
    .map((l) => JSON.parse(l) as { question: string; answerable?: boolean })
    .filter((q) => q.answerable !== false)
    .slice(0, 12)
    .map((q) => q.question);

  it.each(questions)("%s + 我想了解一下。 gets the answer of the question alone", async (question) => {
    const alone = await app.answerer.answer(question);
    const remarked = await app.answerer.answer(`${question}我想了解一下。`);
    expect(remarked.question).toBe(`${question}我想了解一下。`);
    expect({ ...remarked, question }).toEqual(alone);
  });
});

describe("a sentence after the question that says which thing it means", () => {
  it("is searched with the question: 那个项目 is the railway it names", async () => {
    const r = await app.answerer.answer("那个项目总投资多少？我说的是准东的铁路。");
    expect(r.answered).toBe(true);
    expect(r.short).toBe("20.8亿元");
    expect(r.citations[0]!.quote).toContain("铁路");
  });
});

describe("a question of several parts says each sentence once", () => {
  it("a later part answered from the same sentence, quoted again with the sentence before it, is not said twice", async () => {
    // The second part's best candidate is the pair (sentence before + the first part's sentence).
    const r = await app.answerer.answer("准东开发区有多少家企业注册登记？注册资本1千万元以上的有多少家？");
    expect(r.answered).toBe(true);
    expect(r.answer).toContain("245家");
    expect(r.answer).toContain("56家");
    expect(occurrences(r.answer, "245家")).toBe(1);
    expect(r.citations).toHaveLength(1);
  });

  it("parts answered from two sentences are both said, each cited", async () => {
    const r = await app.answerer.answer("木垒县交付了多少辆新能源重卡？总价值多少？");
    expect(r.answer).toMatch(/130辆[^。]*\[1\][\s\S]*5980万元[^。]*\[2\]/u);
    expect(r.citations).toHaveLength(2);
  });
});
