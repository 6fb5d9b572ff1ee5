/**
 * A sentence answers only if it prints one of the question's words itself: the words found in
 * its neighbour (the sentence before names the road) do not make another thing's length the
 * road's.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { fallbackChecks, unsupported } from "../../src/answer/answerer.js";
import { createLearnedAnswerer } from "../../src/answer/learned-answerer.js";
import { analyzeQuestion } from "../../src/answer/question.js";
import { MIN_COVERAGE, questionTerms, rankSentences } from "../../src/answer/select.js";
import { normalizeQuery, simplify } from "../../src/retrieve/normalize-query.js";
import { normalizeText } from "../../src/text/normalize.js";
import { realApp, type RealApp } from "../support/real-app.js";

// An invented page: the road's length is never printed; the pipes' is, in the next sentence.
const PAGE = `---
paper: 昌吉日报
date: 2026-01-09
page: 3
---

东环路改造工程进展顺利

今年，呼图壁县东环路改造工程已完成80%的路面铺设，预计9月底通车。施工人员顶烈日、战酷暑，同步铺设供水管道12公里。
`;

let app: RealApp;
beforeAll(async () => {
  app = await realApp({}, {}, { "昌吉日报/2026-01-09_03版.txt": PAGE });
}, 120_000);
afterAll(() => app?.cleanup());

async function candidate(question: string, sentence: string) {
  const query = normalizeQuery(question);
  const analysis = analyzeQuestion(normalizeText(simplify(question)), app.archive.tokenizer);
  const terms = questionTerms(query, app.archive.tokenizer, app.archive);
  const results = await app.retriever.search(query, { k: 8 });
  const c = rankSentences(results, analysis, terms, app.archive).find((x) => x.sentence.includes(sentence));
  if (!c) throw new Error(`${sentence} not retrieved for ${question}`);
  return { c, why: unsupported(c, analysis, app.archive) };
}

describe("a figure in a sentence that prints none of the question's words", () => {
  it("does not answer, though its neighbour's words cover the question", async () => {
    const { c, why } = await candidate("呼图壁县东环路改造工程有多长？", "供水管道12公里");
    expect(c.hasAskedFigure).toBe(true);
    expect(c.coverage).toBeGreaterThanOrEqual(MIN_COVERAGE);
    expect(c.printsWord).toBe(false);
    expect(why).toBe("句子本身没有问题所说的词");
  });

  it("answers the question about what it does name", async () => {
    const { c, why } = await candidate("东环路改造同步铺设的供水管道有多长？", "供水管道12公里");
    expect(c.printsWord).toBe(true);
    expect(why).toBeNull();
    const r = await app.answerer.answer("东环路改造同步铺设的供水管道有多长？");
    expect(r.answered, r.answer).toBe(true);
    expect(r.short).toBe("12公里");
    expect(r.citations[0]!.date).toBe("2026-01-09");
  });
});

describe("the learned fallback's candidates, checked by fallbackChecks", () => {
  const question = "呼图壁县东环路改造工程有多长？";
  const lacking = (parts: readonly string[]) => parts.some((p) => p.includes("供水管道12公里"));

  it("leave out a pair whose second sentence prints none of the question's words", async () => {
    const fallback = createLearnedAnswerer({
      retriever: app.retriever,
      archive: app.archive,
      wholeArchive: true,
      accepts: fallbackChecks(app.archive),
    });
    const { candidates } = await fallback.candidates(question);
    expect(candidates.length).toBeGreaterThan(0);
    expect(candidates.filter((c) => lacking(c.parts))).toEqual([]);
  });

  it("which the model alone would score among them", async () => {
    const alone = createLearnedAnswerer({ retriever: app.retriever, archive: app.archive, wholeArchive: true });
    const { candidates } = await alone.candidates(question);
    expect(candidates.some((c) => c.parts.length === 2 && lacking(c.parts))).toBe(true);
  });
});
