import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { createLearnedAnswerer } from "../../src/answer/learned-answerer.js";
import { analyzeQuestion } from "../../src/answer/question.js";
import { questionTerms, rankSentences } from "../../src/answer/select.js";
import { normalizeQuery, simplify } from "../../src/retrieve/normalize-query.js";
import type { SearchResult } from "../../src/retrieve/retriever.js";
import { normalizeText } from "../../src/text/normalize.js";
import { realApp, type RealApp } from "../support/real-app.js";

let app: RealApp;
beforeAll(async () => {
  app = await realApp();
});
afterAll(() => app.cleanup());

const QUESTION = "奇台县城区智慧停车场将配备多少套公共充电桩？";

describe("the learned selection's ruledOf (the default answerer's fallback)", () => {
  const learned = (ruledOf?: (results: readonly SearchResult[]) => ReturnType<typeof rankSentences> | undefined) =>
    createLearnedAnswerer({ retriever: app.retriever, archive: app.archive, minConfidence: 0, wholeArchive: true, ruledOf });

  it("reuses rule scores given for the same passages: the same answer and confidence, the scores asked for", async () => {
    const analysis = analyzeQuestion(normalizeText(simplify(QUESTION)), app.archive.tokenizer);
    const terms = questionTerms(normalizeQuery(QUESTION), app.archive.tokenizer, app.archive);
    const ruledOf = vi.fn((results: readonly SearchResult[]) => rankSentences(results, analysis, terms, app.archive));
    const own = await learned().answer(QUESTION);
    const reused = await learned(ruledOf).answer(QUESTION);
    expect(ruledOf).toHaveBeenCalled();
    expect(reused.answer).toBe(own.answer);
    expect(reused.confidence).toBe(own.confidence);
  });

  it("takes the scores it is given (none here), so the features see them", async () => {
    const own = await learned().answer(QUESTION);
    const none = await learned(() => []).answer(QUESTION);
    expect(none.confidence).not.toBe(own.confidence);
  });
});
