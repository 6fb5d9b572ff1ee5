import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { askedOf, buildCandidates, type SentenceFacts } from "../../src/answer/features.js";
import { analyzeQuestion } from "../../src/answer/question.js";
import { questionTerms, rankSentences, type SentenceMemo } from "../../src/answer/select.js";
import { normalizeQuery, simplify } from "../../src/retrieve/normalize-query.js";
import { normalizeText } from "../../src/text/normalize.js";
import { realApp, type RealApp } from "../support/real-app.js";

let app: RealApp;
beforeAll(async () => {
  app = await realApp();
});
afterAll(() => app.cleanup());

// One question's searches (time slices, newer versions) retrieve the same chunks at other ranks.
const QUESTION = "奇台县城区智慧停车场将配备多少套公共充电桩？";

async function asked() {
  const query = normalizeQuery(QUESTION);
  const analysis = analyzeQuestion(normalizeText(simplify(QUESTION)), app.archive.tokenizer);
  const terms = questionTerms(query, app.archive.tokenizer, app.archive);
  const results = await app.retriever.search(query, { k: 6 });
  return { query, analysis, terms, results, reordered: [...results].reverse() };
}

const plain = (cs: Array<{ sentence: string; rank: number; score: number; coverage: number; result: { chunk: { id: string } } }>) =>
  cs.map((c) => ({ sentence: c.sentence, rank: c.rank, score: c.score, coverage: c.coverage, chunk: c.result.chunk.id }));

describe("one question's searches share the work on the chunks they have in common", () => {
  it("rankSentences with a memo scores as without, whatever rank a remembered chunk comes at", async () => {
    const { analysis, terms, results, reordered } = await asked();
    expect(results.length).toBeGreaterThan(2);
    const memo: SentenceMemo = new Map();
    const first = rankSentences(results, analysis, terms, app.archive, memo);
    expect(memo.size).toBe(new Set(results.map((r) => r.chunk.id)).size);
    const again = rankSentences(reordered, analysis, terms, app.archive, memo);
    expect(plain(first)).toEqual(plain(rankSentences(results, analysis, terms, app.archive)));
    expect(plain(again)).toEqual(plain(rankSentences(reordered, analysis, terms, app.archive)));
    // The rank still counts: a sentence whose chunk moved scores otherwise.
    const moved = again.find((c) => {
      const before = first.find((f) => f.sentence === c.sentence && f.result.chunk.id === c.result.chunk.id)!;
      return before.rank !== c.rank;
    })!;
    const before = first.find((f) => f.sentence === moved.sentence && f.result.chunk.id === moved.result.chunk.id)!;
    expect(moved.score).not.toBe(before.score);
  });

  it("buildCandidates with shared sentence facts gives the features it gives alone", async () => {
    const { query, analysis, terms, results, reordered } = await asked();
    const facts = new Map<string, SentenceFacts>();
    const features = (rs: typeof results, shared?: Map<string, SentenceFacts>) =>
      buildCandidates(rs, askedOf(query, analysis, terms), app.archive, undefined, shared).map((c) => [c.sentence, ...c.features]);
    const first = features(results, facts);
    expect(facts.size).toBeGreaterThan(0);
    expect(first).toEqual(features(results));
    expect(features(reordered, facts)).toEqual(features(reordered));
  });
});
