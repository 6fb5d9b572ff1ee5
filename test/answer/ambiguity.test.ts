/**
 * A question that does not say which report it means, where several reports answer it
 * differently, is answered with the best two or three, each cited with its headline and date;
 * a question that says which gets one answer.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { LISTED, listedAnswer, otherAnswers } from "../../src/answer/ambiguity.js";
import { dateDigits } from "../../src/answer/compose.js";
import { inventedNumbers } from "../../src/answer/figures.js";
import { createAnswerer } from "../../src/answer/answerer.js";
import { analyzeQuestion } from "../../src/answer/question.js";
import type { SearchResult } from "../../src/retrieve/retriever.js";
import { createTokenizer } from "../../src/text/tokenize.js";
import { realApp, type RealApp } from "../support/real-app.js";

let app: RealApp;
beforeAll(async () => {
  app = await realApp();
}, 120_000);
afterAll(() => app?.cleanup());

describe("the default answerer on the five pages", () => {
  it("lists the projects whose total investment the archive prints when the question names none", async () => {
    const r = await app.answerer.answer("这个项目总投资多少？");
    expect(r.answered).toBe(true);
    expect(r.answer).toMatch(LISTED);
    expect(r.citations.length).toBeGreaterThanOrEqual(2);
    // Each from its own report, and each item's figure is printed in the quote it cites.
    expect(new Set(r.citations.map((c) => `${c.source}|${c.title}`)).size).toBe(r.citations.length);
    for (const c of r.citations) {
      const item = r.answer.slice(0, r.answer.indexOf(`[${c.id}]`));
      const figure = /[\d.]+亿元/u.exec(item.slice(item.lastIndexOf("：")))?.[0];
      expect(figure, item).toBeDefined();
      expect(c.quote).toContain(figure);
    }
    expect(
      inventedNumbers(
        r.answer,
        r.citations.map((c) => c.quote),
        dateDigits(r.citations),
      ),
    ).toEqual([]);
    expect(r.short).not.toBeNull();
    expect(r.citations[0]!.quote).toContain(r.short);
  });

  it("answers each part of a two-part question from one report, not with a list", async () => {
    const r = await app.answerer.answer("这个项目总投资多少？什么时候开工建设？");
    expect(r.answered).toBe(true);
    expect(r.answer).not.toContain("不同的答案");
  });

  it("says a list as it is when an LLM is configured: the LLM is not asked to make one answer of it", async () => {
    let asked = 0;
    const withLlm = createAnswerer({
      retriever: app.retriever,
      archive: app.archive,
      llm: {
        async improve(_q, _c, extractive) {
          asked++;
          return { ...extractive, answer: "一个答案[1]。" };
        },
      },
    });
    const r = await withLlm.answer("这个项目总投资多少？");
    expect(r.answer).toMatch(LISTED);
    expect(asked).toBe(0);
  });

  it("gives one answer when the question says which project it means", async () => {
    const r = await app.answerer.answer("准东东部矿区专用铁路及物流园项目总投资多少？");
    expect(r.answer).not.toMatch(LISTED);
    expect(r.citations).toHaveLength(1);
    expect(r.short).toBe("20.8亿元");
  });
});

describe("otherAnswers", () => {
  const tokenizer = createTokenizer();
  const result = (id: string, title: string) => ({ article: { id, title }, chunk: { id: `${id}#c` } }) as unknown as SearchResult;
  const cand = (id: string, sentence: string, score: number) => ({ sentence, result: result(id, id), score });
  const shortOf = (c: { sentence: string }) => /[\d.]+亿元/u.exec(c.sentence)?.[0] ?? null;
  const vague = analyzeQuestion("总投资多少？", tokenizer);
  const best = cand("a", "其中，超算中心项目总投资10亿元，目前已建成并投用。", 10);

  it("takes other reports' different figures close to the best, at most two", () => {
    const ranked = [
      best,
      cand("b", "5月28日上午，总投资20.8亿元的专用铁路开工建设。", 9.5),
      cand("c", "据了解，全县农网改造工程总投资3亿元，涵盖15个项目单元。", 8.5),
      cand("d", "签约项目28个，总投资5亿元。", 8.2),
    ];
    expect(otherAnswers(best, ranked, (c) => c.score, vague, shortOf).map((c) => c.result.article.id)).toEqual(["b", "c"]);
  });

  it("takes none far below the best, from the same report, agreeing with it, or a reprint of its statement", () => {
    const ranked = [
      best,
      cand("a", "该项目二期总投资4亿元。", 9.9),
      cand("b", "物流园工程的总投资也是10亿元。", 9.8),
      cand("c", "其中，超算中心项目总投资12亿元，目前已建成并投用。", 9.7),
      cand("d", "签约项目28个，总投资5亿元。", 7.5),
    ];
    expect(otherAnswers(best, ranked, (c) => c.score, vague, shortOf)).toEqual([]);
  });

  it("lists an answer once: a second report agreeing with the first listed is left out, and so is a part of the best's total", () => {
    const best5 = cand("a", "其中，超算中心项目总投资10亿元，一期投资5亿元，目前已建成并投用。", 10);
    const ranked = [
      best5,
      cand("b", "5月28日上午，总投资20.8亿元的专用铁路开工建设。", 9.5),
      cand("c", "这条铁路是全州今年投资最大的项目，规模达20.8亿元，将于明年建成通车。", 9.3),
      cand("d", "据了解，全县农网改造一期工程投资5亿元，涵盖15个项目单元。", 9.1),
    ];
    expect(otherAnswers(best5, ranked, (c) => c.score, vague, shortOf).map((c) => c.result.article.id)).toEqual(["b"]);
  });

  it("takes none when the question names a place or states a figure", () => {
    const ranked = [best, cand("b", "5月28日上午，总投资20.8亿元的专用铁路开工建设。", 9.5)];
    for (const q of ["奇台县这个项目总投资多少？", "投资10亿元的项目哪天开工？"]) {
      expect(otherAnswers(best, ranked, (c) => c.score, analyzeQuestion(q, tokenizer), shortOf)).toEqual([]);
    }
  });

  it("listedAnswer writes the count in words and numbers the items' markers in turn", () => {
    const citation = {
      id: 1,
      paper: "昌吉日报",
      date: "2025-08-07",
      dateInferred: false,
      issue: 1,
      page: 2,
      title: "甲项目开工",
      source: "s",
      quote: "甲项目总投资10亿元。",
    };
    const listed = listedAnswer([
      { text: "甲项目总投资10亿元[1]。", citation, short: "10亿元" },
      { text: "乙工程总投资20.8亿元[1]。", citation: { ...citation, title: "乙工程2期", quote: "乙工程总投资20.8亿元。" }, short: "20.8亿元" },
    ]);
    expect(listed.answer).toMatch(LISTED);
    expect(listed.answer).toContain("《甲项目开工》");
    // A headline with figures is not printed.
    expect(listed.answer).not.toContain("乙工程2期");
    expect(listed.answer).toContain("乙工程总投资20.8亿元[2]。");
    expect(listed.citations.map((c) => c.id)).toEqual([1, 2]);
    expect(listed.short).toBe("10亿元");
  });
});
