import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createAnswerer, UNSURE } from "../../src/answer/answerer.js";
import { type AnswerModel, defaultModel } from "../../src/answer/model.js";
import { realApp, type RealApp } from "../support/real-app.js";

let app: RealApp;
beforeAll(async () => {
  app = await realApp();
});
afterAll(() => app.cleanup());

const answererWith = (model: AnswerModel) => createAnswerer({ retriever: app.retriever, archive: app.archive, model });
const count = (text: string, part: string) => text.split(part).length - 1;

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
    expect(count(r.answer, UNSURE)).toBe(1);
    expect(r.answer.slice(0, -UNSURE.length)).toMatch(/245家.*\[1\]/u);
  });

  it("a question of two parts gets it once, not once a part", async () => {
    const r = await answererWith({ ...defaultModel(), threshold: 1 }).answer("上半年完成了多少户用电报装？同比增长多少？");
    expect(r.answered).toBe(true);
    expect(count(r.answer, UNSURE)).toBe(1);
  });

  it("a refusal never gets it", async () => {
    const r = await answererWith({ ...defaultModel(), threshold: 1 }).answer("昌吉州明年的财政预算是多少？");
    expect(r.answered).toBe(false);
    expect(r.answer).not.toContain(UNSURE);
  });
});
