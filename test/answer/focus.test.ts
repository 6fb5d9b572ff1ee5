/**
 * The focus of a quantity question is the thing it counts or measures, read as the last word of
 * its phrase (登记 in 多少家企业注册登记, 年收入 in 平均年收入分别是多少): a passage that does not
 * name it does not answer. The unit is not that thing where a noun before names it (成交金额…多少亿元),
 * and an adverb, pronoun, adjective or idiom after the thing (分别, 那边, 具体, 百分之) only says how
 * it is asked.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { analyzeQuestion } from "../../src/answer/question.js";
import { realApp, type RealApp } from "../support/real-app.js";

// An invented page: the sales of houses are printed in square metres, never as an amount of money.
const PAGE = `---
paper: 昌吉日报
date: 2026-01-09
page: 2
---

我州建筑业和房地产业稳步发展

2021年以来，全州累计完成建筑业产值368.36亿元、房地产投资202.54亿元、商品房成交328万平方米。
据统计，全州城镇职工平均年收入为8.6万元，农村居民人均可支配收入为2.3万元。
`;

let app: RealApp;
beforeAll(async () => {
  app = await realApp({}, {}, { "昌吉日报/2026-01-09_02版.txt": PAGE });
}, 120_000);
afterAll(() => app?.cleanup());

describe("the focus of a quantity question", () => {
  it("is named before the unit when the question ends with it, and drops an asking adverb", () => {
    const focus = (q: string) => analyzeQuestion(q, app.archive.tokenizer).focus;
    expect(focus("全州商品房成交金额一共是多少亿元？")).toBe("金额");
    expect(focus("总投资多少亿元？")).toBe("投资");
    expect(focus("男子和女子的平均年收入分别是多少？")).toBe("年收入");
    expect(focus("今年上半年准东开发区有多少家企业注册登记？")).toBe("登记");
    // No noun before it: the unit stands.
    expect(focus("截至目前共有多少人次？")).toBe("人次");
  });

  it("passes over a pronoun, an adjective or an idiom that only says how it is asked", () => {
    const focus = (q: string) => analyzeQuestion(q, app.archive.tokenizer).focus;
    expect(focus("城镇职工平均年收入具体是多少？")).toBe("年收入");
    expect(focus("农村居民那边人均可支配收入有多少？")).toBe("收入");
    expect(focus("全州房地产投资增速是百分之多少？")).toBe("增速");
    // A verb of change after the thing says what happened to it: the thing is the focus, the
    // phrase keeps the verb; another verb stays what is counted (办结 of 问题已经办结).
    const change = analyzeQuestion("全州商品房成交面积比去年减少了多少？", app.archive.tokenizer);
    expect(change.focus).toBe("面积");
    expect(change.focusPhrase).toMatch(/面积比去年减少$/);
    expect(focus("收集到的问题已经办结了多少件？")).toBe("办结");
    // The base it is compared with is not the thing changed.
    expect(focus("全州商品房成交面积比去年同期减少了多少？")).toBe("面积");
    // An abbreviation is a thing counted.
    expect(focus("全州有多少家国企？")).toBe("国企");
    expect(focus("参加医保的有多少人？")).toBe("医保");
  });

  it("answers a figure asked with 具体 and 那边 from the sentence that names the thing", async () => {
    const r = await app.answerer.answer("全州农村居民那边人均可支配收入具体是多少？");
    expect(r.answered).toBe(true);
    expect(r.short).toBe("2.3万元");
  });

  it("refuses an amount of money the page prints only in another measure", async () => {
    const r = await app.answerer.answer("2021年以来全州商品房成交金额一共是多少亿元？");
    expect(r.answered).toBe(false);
  });

  it("answers a figure asked with 分别 from the sentence that names the thing", async () => {
    const r = await app.answerer.answer("全州城镇职工和农村居民的平均年收入分别是多少？");
    expect(r.answered).toBe(true);
    expect(r.answer).toContain("8.6万元");
    expect(r.citations[0]!.date).toBe("2026-01-09");
  });

  it("answers a change asked in other words than the page's from the sentence that names the thing", async () => {
    const r = await app.answerer.answer("全州城镇职工平均年收入提高到多少了？");
    expect(r.answered, r.answer).toBe(true);
    expect(r.short).toBe("8.6万元");
  });
});
