/**
 * A question asking what a term means (什么是X？, X是什么意思？) is answered by the sentence that
 * says what it is (X是…, X（…），指…), where the passages hold one, not by another sentence
 * that names the term as often or more.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { analyzeQuestion } from "../../src/answer/question.js";
import { definesTerm } from "../../src/answer/select.js";
import { realApp, type RealApp } from "../support/real-app.js";

// An invented page: the first sentence names the term three times; the second says what it is.
const PAGE = `---
paper: 昌吉日报
date: 2026-02-03
page: 3
---

城乡环境整治有新招

今年以来，玛纳斯县推行“街长制”，全县42条主要街道实现“街长制”全覆盖，“街长制”巡查问题办结率达98%。据介绍，街长制是由县级领导和部门负责人分包街道、统筹解决街面环境和秩序问题的管理制度。
`;

let app: RealApp;
beforeAll(async () => {
  app = await realApp({}, {}, { "昌吉日报/2026-02-03_03版.txt": PAGE });
}, 120_000);
afterAll(() => app?.cleanup());

describe("a question asking what a term means", () => {
  it("names the term, its quotation marks taken off; a question about one thing's attribute asks no definition", () => {
    const defines = (q: string) => analyzeQuestion(q, app.archive.tokenizer).defines;
    expect(defines("什么是“街长制”？")).toBe("街长制");
    expect(defines("触发式监管是什么意思？")).toBe("触发式监管");
    expect(defines("“一轴”指的是什么？")).toBe("一轴");
    expect(defines("街长制的办结率是多少？")).toBeNull();
    expect(defines("什么是“速成”和“仓颉”？")).toBeNull();
  });

  it("is told a defining sentence by what follows the term", () => {
    expect(definesTerm("据介绍，街长制是由县级领导分包街道的管理制度。", "街长制")).toBe(true);
    expect(definesTerm("冠夫姓（或从夫姓），指女性结婚后改用丈夫的姓氏。", "冠夫姓")).toBe(true);
    expect(definesTerm("自在奥义书（IAST：īśa upaniṣad）婆罗门教诸奥义书中最短的之一。", "自在奥义书")).toBe(true);
    expect(definesTerm("全县42条主要街道实现“街长制”全覆盖。", "街长制")).toBe(false);
    expect(definesTerm("推行街长制以来，街长制是全县的管理制度。", "街长制")).toBe(true);
    expect(definesTerm("当三者的关系皆存在，则三角关系即正式成立。", "三角关系")).toBe(false);
    expect(definesTerm("牛车水（；）", "牛车水")).toBe(false);
    // The term as a word of its own: 副街长 is not 街长, though 所谓 may stand before it.
    expect(definesTerm("各街道设副街长是今年的新举措。", "街长")).toBe(false);
    expect(definesTerm("所谓街长制，就是由县级领导分包街道。", "街长制")).toBe(true);
  });

  it("is answered with the sentence that says what the term is", async () => {
    const r = await app.answerer.answer("什么是“街长制”？");
    expect(r.answered, r.answer).toBe(true);
    expect(r.answer).toContain("分包街道");
    expect(r.answer).not.toContain("办结率");
  });
});
