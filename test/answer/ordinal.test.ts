/**
 * 第几 asks a place in an order: the figure printed after 第 answers (第3位, 第二张), not another
 * count in the sentence, and the words around 第几 (排, 中排) are no thing counted.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { analyzeQuestion } from "../../src/answer/question.js";
import { excerpt } from "../../src/answer/compose.js";
import { askedFigures } from "../../src/answer/select.js";
import { realApp, type RealApp } from "../support/real-app.js";

// An invented page: a ranking and other counts in one sentence.
const PAGE = `---
paper: 昌吉日报
date: 2026-05-06
page: 1
---

玛纳斯县县域经济稳中有进

2025年，玛纳斯县地区生产总值突破300亿元，新增规模以上工业企业12家，在全国县域经济基本竞争力排行榜中位列第86位。
`;

let app: RealApp;
beforeAll(async () => {
  app = await realApp({}, {}, { "昌吉日报/2026-05-06_01版.txt": PAGE });
}, 120_000);
afterAll(() => app?.cleanup());

describe("a question asking 第几", () => {
  it("asks an ordinal, with the counter after 第几 where there is one, and no thing counted", () => {
    const tokenizer = app.archive.tokenizer;
    const ranked = analyzeQuestion("玛纳斯县在县域经济竞争力排行榜里排第几位？", tokenizer);
    expect([ranked.kind, ranked.unitClass, ranked.unit, ranked.focus]).toEqual(["quantity", "ordinal", "位", null]);
    const bare = analyzeQuestion("玛纳斯县在排行榜中排第几？", tokenizer);
    expect([bare.kind, bare.unitClass, bare.unit]).toEqual(["quantity", "ordinal", null]);
  });

  it("is answered by a figure printed after 第 only", () => {
    const sentence = "新增规模以上工业企业12家，在排行榜中位列第86位，另有3位代表发言。";
    const asked = (q: string) => askedFigures(sentence, analyzeQuestion(q, app.archive.tokenizer)).map((f) => f.text);
    expect(asked("玛纳斯县排第几位？")).toEqual(["86位"]);
    expect(asked("玛纳斯县排第几？")).toEqual(["86位"]);
    expect(asked("有几位代表发言？")).toEqual(["86位", "3位"]);
  });

  it("is quoted, from a long sentence, by the clause holding the place", () => {
    const long =
      "2025年，玛纳斯县坚持工业强县战略，地区生产总值突破300亿元，同比增长6.5%，新增规模以上工业企业12家，实施亿元以上项目45个，完成固定资产投资210亿元，城乡居民人均可支配收入稳步增长，在全国县域经济基本竞争力排行榜中位列第86位，较上年前移9位，综合实力持续增强。";
    const quoted = excerpt(long, { unit: null, unitClass: "ordinal", words: ["玛纳斯县", "排行榜"] });
    expect(quoted).toContain("第86位");
    expect(quoted.length).toBeLessThan(long.length);
  });

  it("is answered with the place, said whole", async () => {
    const r = await app.answerer.answer("玛纳斯县在全国县域经济基本竞争力排行榜里排第几位？");
    expect(r.answered, r.answer).toBe(true);
    expect(r.short).toBe("第86位");
  });
});
