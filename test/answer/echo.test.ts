/**
 * A sentence that says nothing the question does not is no answer: "为什么此次改造奠定了…基础？"
 * is not answered by "此次改造奠定了…基础。", however well it covers the question.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { saysMore, unsupported } from "../../src/answer/answerer.js";
import { analyzeQuestion } from "../../src/answer/question.js";
import { questionTerms, rankSentences } from "../../src/answer/select.js";
import { normalizeQuery, simplify } from "../../src/retrieve/normalize-query.js";
import { normalizeText } from "../../src/text/normalize.js";
import { realApp, type RealApp } from "../support/real-app.js";

// An invented page: the reason is in the sentence before the one the question restates.
const PAGE = `---
paper: 昌吉日报
date: 2026-06-10
page: 3
---

奇台镇老旧小区改造见成效

今年，奇台镇投入资金对12个老旧小区的供暖管网和道路进行了全面改造，居民冬季室温普遍提高了3摄氏度。此次改造奠定了奇台镇老旧小区整治的基础。
`;

const QUESTION = "为什么此次改造奠定了奇台镇老旧小区整治的基础？";

let app: RealApp;
beforeAll(async () => {
  app = await realApp({}, {}, { "昌吉日报/2026-06-10_03版.txt": PAGE });
}, 120_000);
afterAll(() => app?.cleanup());

describe("a sentence that only restates the question", () => {
  it("says nothing more: every letter, digit and Han character of it is in the question", () => {
    expect(saysMore("此次改造奠定了奇台镇老旧小区整治的基础。", QUESTION)).toBe(false);
    expect(saysMore("“此次改造，奠定了基础”。", QUESTION)).toBe(false);
    expect(saysMore("此次改造奠定了奇台镇老旧小区整治的坚实基础。", QUESTION)).toBe(true);
    expect(saysMore("共12个。", "一共有多少个？")).toBe(true);
  });

  it("is turned down by the support checks, and the answer quotes the sentence with the reason", async () => {
    const query = normalizeQuery(QUESTION);
    const analysis = analyzeQuestion(normalizeText(simplify(QUESTION)), app.archive.tokenizer);
    const terms = questionTerms(query, app.archive.tokenizer, app.archive);
    const results = await app.retriever.search(query, { k: 8 });
    const echo = rankSentences(results, analysis, terms, app.archive).find((c) => c.sentence.startsWith("此次改造"));
    expect(echo).toBeDefined();
    expect(unsupported(echo!, analysis, app.archive)).toBe("句子只是重复了问题");
    const r = await app.answerer.answer(QUESTION);
    expect(r.answered, r.answer).toBe(true);
    expect(r.answer).toContain("全面改造");
  });
});
