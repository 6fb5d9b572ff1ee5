import { describe, expect, it } from "vitest";
import type { AnswerResult } from "../../src/answer/types.js";
import { escapeHtml, renderAnswer, renderSources, splitHtml } from "../../src/bot/format.js";
import { parseSearchArgs } from "../../src/bot/texts.js";
import { balanced } from "./helpers.js";

const cited: AnswerResult = {
  question: "准东<b>企业</b>有多少？",
  answered: true,
  answer: "截至2025年6月30日，共有来自疆内外的245家企业来准东注册登记[1]。",
  citations: [
    {
      id: 1,
      paper: "昌吉日报",
      date: "2025-07",
      dateInferred: true,
      issue: null,
      page: null,
      title: "短短六个月，吸引疆内外245家企业注册登记 准东何以成为投资热土？",
      source: "corpus/昌吉日报/2025-07_准东投资热土.txt",
      quote: "截至6月30日，共有来自疆内外的245家企业来准东注册登记，其中注册资本1千万元以上56家 & <更多>。",
    },
  ],
  confidence: 0.9,
  short: "245家",
};

describe("escapeHtml", () => {
  it.each([
    ["<b>x</b><script>alert(1)</script>", "&lt;b&gt;x&lt;/b&gt;&lt;script&gt;alert(1)&lt;/script&gt;"],
    ["A&B 公司", "A&amp;B 公司"],
    ["&lt; 已转义", "&amp;lt; 已转义"],
    ["昌吉日报", "昌吉日报"],
  ])("%s", (input, expected) => expect(escapeHtml(input)).toBe(expected));
});

describe("renderAnswer / renderSources", () => {
  it("prints the answer and the full citation, corpus text escaped", () => {
    const html = renderAnswer(cited);
    expect(html).toContain("245家企业");
    expect(html).toContain("[1] 《昌吉日报》2025年7月（推定）《短短六个月，吸引疆内外245家企业注册登记 准东何以成为投资热土？》");
    expect(balanced(html)).toBe(true);
  });

  it("shows the exact answer first, in bold, then the answer; none for a refusal or a list of reports", () => {
    expect(renderAnswer(cited).startsWith("<b>245家</b>\n截至2025年6月30日")).toBe(true);
    expect(renderAnswer({ ...cited, short: "<1>" })).toContain("<b>&lt;1&gt;</b>");
    const list = {
      ...cited,
      answer: `报库中有两篇报道给出了不同的答案，问题没有说明是哪一篇：${cited.answer}另一篇：56家[2]。`,
      citations: [...cited.citations, { ...cited.citations[0]!, id: 2 }],
    };
    expect(renderAnswer(list).startsWith("报库中有两篇")).toBe(true);
    // Nor above two parts cited apart: 245家 is the first part's answer only.
    const twoParts = { ...cited, answer: `${cited.answer}其中注册资本1千万元以上56家[2]。`, citations: list.citations };
    expect(renderAnswer(twoParts).startsWith("截至2025年6月30日")).toBe(true);
    const refused = { ...cited, answered: false, answer: "抱歉，报库收录的报道中没有找到能回答这个问题的内容。", citations: [], short: null };
    expect(renderAnswer(refused)).toBe(refused.answer);
  });

  it("shows each passage in an expandable blockquote, question and quote escaped", () => {
    const html = renderSources(cited);
    expect(html).toContain("<blockquote expandable>截至6月30日，共有来自疆内外的245家企业");
    expect(html).toContain("&amp; &lt;更多&gt;。</blockquote>");
    expect(html).toContain("准东&lt;b&gt;企业&lt;/b&gt;有多少？");
    expect(html).not.toContain("<b>企业</b>");
    expect(balanced(html)).toBe(true);
  });
});

describe("splitHtml", () => {
  const paragraph = (n: number) => `第${n}段：昌吉州12345热线自10月10日归并整合以来接到有效诉求20372件，回访满意率93.56%。`.repeat(8);

  it("leaves a short message alone", () => {
    expect(splitHtml("<b>来源</b>\n[1] 《昌吉日报》")).toEqual(["<b>来源</b>\n[1] 《昌吉日报》"]);
  });

  it("cuts long text at paragraph boundaries, every piece under the limit", () => {
    const paragraphs = Array.from({ length: 20 }, (_, i) => paragraph(i + 1));
    const pieces = splitHtml(paragraphs.join("\n\n"), 1000);
    expect(pieces.length).toBeGreaterThan(1);
    for (const piece of pieces) {
      expect(piece.length).toBeLessThanOrEqual(1000);
      // Each piece is whole paragraphs: starts a paragraph and ends one.
      expect(piece).toMatch(/^第\d+段/);
      expect(piece.endsWith("%。")).toBe(true);
    }
    expect(pieces.join("\n\n")).toBe(paragraphs.join("\n\n"));
  });

  it("closes and reopens a blockquote it has to cut through", () => {
    const quote = `<b>[1]</b> 《昌吉日报》\n<blockquote expandable>${paragraph(1).repeat(10)}</blockquote>`;
    const pieces = splitHtml(quote, 1000);
    expect(pieces.length).toBeGreaterThan(2);
    for (const piece of pieces) {
      expect(piece.length).toBeLessThanOrEqual(1000);
      expect(balanced(piece)).toBe(true);
    }
    expect(pieces[1]!.startsWith("<blockquote expandable>")).toBe(true);
    const text = (s: string) => s.replace(/<[^>]+>/g, "");
    expect(pieces.map(text).join("")).toBe(text(quote));
  });

  it("never cuts inside an entity or a tag", () => {
    const html = `${"&lt;script&gt;".repeat(50)}<b>${"&amp;".repeat(100)}</b>`;
    for (const piece of splitHtml(html, 97)) {
      expect(piece.length).toBeLessThanOrEqual(97);
      expect(balanced(piece)).toBe(true);
      expect(piece.replace(/&(lt|gt|amp);/g, "")).not.toMatch(/&|<(?!\/?b>)/);
    }
  });
});

describe("parseSearchArgs", () => {
  it.each([
    ["准东", { query: "准东", month: null }],
    ["准东 2025-07", { query: "准东", month: "2025-07" }],
    ["新能源 重卡 2025-7", { query: "新能源 重卡", month: "2025-07" }],
    ["热线 2021年12月", { query: "热线", month: "2021-12" }],
    ["", null],
    ["2025-07", null],
    ["准东 2025-13", null],
  ])("%j", (input, expected) => expect(parseSearchArgs(input)).toEqual(expected));
});
