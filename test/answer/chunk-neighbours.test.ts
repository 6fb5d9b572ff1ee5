/**
 * For the support check, a sentence's neighbours are the article's, not only its chunk's: where a
 * chunk opens with the figure, the sentence before it (the last of the chunk before) still says
 * what the figure is of. Scores keep the chunk's own neighbours.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { unsupported } from "../../src/answer/answerer.js";
import { analyzeQuestion } from "../../src/answer/question.js";
import { questionTerms, rankSentences } from "../../src/answer/select.js";
import { normalizeQuery, simplify } from "../../src/retrieve/normalize-query.js";
import { normalizeText } from "../../src/text/normalize.js";
import { realApp, type RealApp } from "../support/real-app.js";

// An invented page: the rule's subject is named in one sentence, its term given in the next.
const PAGE = `---
paper: 昌吉日报
date: 2026-03-11
page: 2
---

呼图壁县规范抽调人员管理

为切实减轻乡镇负担，呼图壁县近日印发规范抽调人员管理的通知，对各部门从乡镇抽调工作人员作出明确要求。通知要求，县直各部门原则上不得从乡镇抽调工作人员，不得以专项工作、跟班锻炼等名义变相抽调。

确需从乡镇抽调工作人员的，应当经县委组织部审核同意，并报乡镇党委备案，严格控制抽调人数。期限一般不超过4个月，期满后应当按时返回原单位。
`;

let app: RealApp;
beforeAll(async () => {
  // Small chunks, so that the term opens a chunk of its own; no confidence floor, so that what
  // is tested is the support check (the model, trained on 220-character chunks, is unsure here).
  app = await realApp({ CHUNK_SIZE: "60", CHUNK_OVERLAP: "0", ANSWER_MIN_CONFIDENCE: "0" }, {}, { "昌吉日报/2026-03-11_02版.txt": PAGE });
}, 120_000);
afterAll(() => app?.cleanup());

const QUESTION = "县直部门确需从乡镇抽调工作人员的，一般不超过多久？";

describe("a chunk that opens with the answer", () => {
  it("gives its first sentence the sentences printed before it in the chunk before", async () => {
    const results = await app.retriever.search(normalizeQuery(QUESTION), { k: 10 });
    const opening = results.find((r) => app.archive.sentencesOf(r.chunk)[0]?.text.startsWith("期限"));
    expect(opening, "a chunk opening with the term").toBeDefined();
    const before = app.archive.sentencesBefore(opening!.chunk).map((s) => s.text);
    expect(before.at(-1)).toContain("严格控制抽调人数");
    expect(app.archive.sentenceBefore(opening!.chunk, app.archive.sentencesOf(opening!.chunk)[0]!.text)).toBe(before.at(-1));
  });

  it("counts those sentences' words for the support check, so the term is not refused as unrelated", async () => {
    const query = normalizeQuery(QUESTION);
    const analysis = analyzeQuestion(normalizeText(simplify(QUESTION)), app.archive.tokenizer);
    const terms = questionTerms(query, app.archive.tokenizer, app.archive);
    const results = await app.retriever.search(query, { k: 10 });
    const c = rankSentences(results, analysis, terms, app.archive).find((x) => x.sentence.startsWith("期限"));
    expect(c).toBeDefined();
    expect(c!.coverage).toBeLessThan(c!.reach);
    expect(unsupported(c!, analysis, app.archive)).toBeNull();
    const r = await app.answerer.answer(QUESTION);
    expect(r.answered, r.answer).toBe(true);
    expect(r.short).toBe("4个月");
  });
});
