import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { createAnswerer } from "../../src/answer/answerer.js";
import { splitSentences } from "../../src/chunk/sentences.js";
import { askedOf, buildCandidates, FEATURES } from "../../src/answer/features.js";
import { createLearnedAnswerer } from "../../src/answer/learned-answerer.js";
import type { AnswerModel } from "../../src/answer/model.js";
import { untrainedModel } from "../../src/answer/train.js";
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

describe("the default answer takes the model's own first choice when the model is sure of it", () => {
  // A model that ranks every pair of sentences first and is the surer the higher it ranks.
  const pairsFirst = (threshold: number): AnswerModel => {
    const zero = untrainedModel();
    const pair = FEATURES.indexOf("pair");
    return {
      ...zero,
      ranker: { ...zero.ranker, weights: zero.ranker.weights.map((_, i) => (i === pair ? 5 : 0)) },
      calibrator: { ...zero.calibrator, weights: zero.calibrator.weights.map((_, i) => (i === 0 ? 1 : 0)) },
      threshold,
      fallbackThreshold: 1,
    };
  };
  const sentencesIn = (quote: string) => splitSentences(quote).length;

  it("answers with the pair the model is sure of, above its threshold; with the checks' sentence otherwise", async () => {
    const ask = (threshold: number) => createAnswerer({ retriever: app.retriever, archive: app.archive, model: pairsFirst(threshold) }).answer(QUESTION);
    const sure = await ask(0.6);
    expect(sure.answered).toBe(true);
    expect(sentencesIn(sure.citations[0]!.quote)).toBe(2);
    expect(sure.confidence).toBeGreaterThan(0.99);
    const unsure = await ask(0.999);
    expect(unsure.answered).toBe(true);
    expect(sentencesIn(unsure.citations[0]!.quote)).toBe(1);
  });

  it("gives a pair's exact answer from the checks' sentence it holds, not from the other one", async () => {
    // The sentence before states other figures of the same words (145个固定资产投资项, 694.4亿元).
    const question = "上半年昌吉市固定资产投资完成了多少？";
    const ask = (threshold: number) => createAnswerer({ retriever: app.retriever, archive: app.archive, model: pairsFirst(threshold) }).answer(question);
    const [sure, unsure] = [await ask(0.6), await ask(0.999)];
    const checked = unsure.citations[0]!.quote;
    expect(sentencesIn(sure.citations[0]!.quote)).toBe(2);
    expect(sure.citations[0]!.quote).toContain(checked);
    expect(unsure.short).not.toBeNull();
    expect(checked).toContain(unsure.short!);
    expect(sure.short).toBe(unsure.short);
  });
});

describe("the candidates' feature vectors", () => {
  it("hold every feature in FEATURES order: the slot word beside the figure is set where it is printed so", async () => {
    const question = "奇台镇现在已经建成了多少个新能源汽车充电桩？";
    const analysis = analyzeQuestion(normalizeText(simplify(question)), app.archive.tokenizer);
    const query = normalizeQuery(question);
    const terms = questionTerms(query, app.archive.tokenizer, app.archive);
    const results = await app.retriever.search(query, { k: 8 });
    const candidates = buildCandidates(results, askedOf(query, analysis, terms), app.archive);
    expect(candidates.length).toBeGreaterThan(0);
    for (const c of candidates) expect(c.features).toHaveLength(FEATURES.length);
    const slot = FEATURES.indexOf("slotWord");
    const single = (text: string) => candidates.find((c) => c.parts.length === 1 && c.sentence.includes(text));
    const [beside, other] = [single("已建成51个充电桩"), single("11个小区")];
    expect(beside).toBeDefined();
    expect(other).toBeDefined();
    expect(beside!.features[slot]).toBe(1);
    expect(other!.features[slot]).toBe(0);
  });
});
