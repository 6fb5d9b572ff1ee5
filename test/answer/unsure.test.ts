import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createAnswerer, UNSURE } from "../../src/answer/answerer.js";
import type { LlmAnswerer } from "../../src/answer/llm.js";
import { type AnswerModel, defaultModel } from "../../src/answer/model.js";
import type { Conversation } from "../../src/answer/types.js";
import { realApp, type RealApp } from "../support/real-app.js";
import { occurrences } from "./checks.js";

let app: RealApp;
beforeAll(async () => {
  app = await realApp();
});
afterAll(() => app.cleanup());

const answererWith = (model: AnswerModel) => createAnswerer({ retriever: app.retriever, archive: app.archive, model });

describe("an answer below the model's threshold tells the reader to check the quote", () => {
  const FIGURE = "今年上半年准东开发区有多少家企业注册登记？";

  it("says nothing more when the model is as sure as its threshold asks", async () => {
    const model = defaultModel();
    const r = await answererWith(model).answer(FIGURE);
    expect(r.answered).toBe(true);
    expect(r.confidence).toBeGreaterThanOrEqual(model.threshold);
    expect(r.answer).not.toContain(UNSURE);
  });

  it("adds the caution once, after the cited answer, when the confidence is below the threshold", async () => {
    const r = await answererWith({ ...defaultModel(), threshold: 1 }).answer(FIGURE);
    expect(r.answered).toBe(true);
    expect(r.confidence).toBeLessThan(1);
    expect(r.answer.endsWith(UNSURE)).toBe(true);
    expect(occurrences(r.answer, UNSURE)).toBe(1);
    expect(r.answer.slice(0, -UNSURE.length)).toMatch(/245家.*\[1\]/u);
  });

  it("a question of two parts, answered from two sentences, gets it once at the end, not once a part", async () => {
    const r = await answererWith({ ...defaultModel(), threshold: 1 }).answer("木垒县交付了多少辆新能源重卡？总价值多少？");
    expect(r.answered).toBe(true);
    expect(r.answer).toMatch(/130辆[^。]*\[1\][\s\S]*5980万元[^。]*\[2\]/u);
    expect(r.answer.endsWith(UNSURE)).toBe(true);
    expect(occurrences(r.answer, UNSURE)).toBe(1);
  });

  it("the follow-ups that repeat an answer's sources or quotes do not repeat it", async () => {
    const answerer = answererWith({ ...defaultModel(), threshold: 1 });
    const chat: Conversation = { turns: [] };
    expect((await answerer.answer(FIGURE, chat)).answer).toContain(UNSURE);
    for (const follow of ["原文怎么说？", "这是哪天的报道？"]) {
      const r = await answerer.answer(follow, chat);
      expect(r.answered).toBe(true);
      expect(r.answer).not.toContain(UNSURE);
    }
  });

  it("an LLM's answer gets it after the LLM has written it, from the extractive answer's confidence", async () => {
    const llm: LlmAnswerer = { improve: async (_q, _p, extractive) => ({ ...extractive, answer: "共有245家[1]。" }) };
    const unsure = await createAnswerer({ retriever: app.retriever, archive: app.archive, model: { ...defaultModel(), threshold: 1 }, llm }).answer(FIGURE);
    expect(unsure.answer).toBe(`共有245家[1]。${UNSURE}`);
    const sure = await createAnswerer({ retriever: app.retriever, archive: app.archive, model: defaultModel(), llm }).answer(FIGURE);
    expect(sure.answer).toBe("共有245家[1]。");
  });

  it("a refusal never gets it", async () => {
    const r = await answererWith({ ...defaultModel(), threshold: 1 }).answer("昌吉州明年的财政预算是多少？");
    expect(r.answered).toBe(false);
    expect(r.answer).not.toContain(UNSURE);
  });
});
