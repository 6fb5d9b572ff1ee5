import { describe, expect, it } from "vitest";
import { analyzeQuestion } from "../../src/answer/question.js";
import { normalizeQuery, simplify } from "../../src/retrieve/normalize-query.js";
import { defaultTokenizer } from "../../src/text/tokenize.js";

// Questions as users type them about the seed pages: Traditional script, full-width digits, padding.

describe("normalizeQuery", () => {
  it.each([
    ["Traditional → Simplified", "準東開發區有多少家企業註冊登記？", "准东开发区有多少家企业注册登记"],
    ["Traditional, with 請問 and a figure", "請問昌吉州12345熱線接到了多少件有效訴求？", "昌吉州12345热线接到了多少件有效诉求"],
    ["full-width digits → ASCII", "２０２１年以来昌吉州建设了多少套城镇保障性住房？", "2021年以来昌吉州建设了多少套城镇保障性住房"],
    ["a full-width percentage and a trailing 吗", "开复工率是９３．７９％吗？", "开复工率是93.79%"],
    ["请问 and its comma removed", "请问，从老君庙矿区通往别勒站的专用铁路投资多少？", "从老君庙矿区通往别勒站的专用铁路投资多少"],
    ["帮我查一下 removed, 2740.55万千瓦伏安 unchanged", "帮我查一下报装总容量2740.55万千瓦伏安是哪年的数据", "报装总容量2740.55万千瓦伏安是哪年的数据"],
    ["a trailing 呢？ removed, 16.32亿元 unchanged", "投资16.32亿元的专用铁路通往哪里呢？", "投资16.32亿元的专用铁路通往哪里"],
    ["a trailing 呢 without a question mark", "借调干部的时间一般不能超过多久呢", "借调干部的时间一般不能超过多久"],
    ["93.79% unchanged before a trailing 吗", "开复工率高达93.79%吗", "开复工率高达93.79%"],
    ["我想知道 removed", "我想知道准东开发区现有企业1900多家吗？", "准东开发区现有企业1900多家"],
    ["quotation marks kept", "昌吉州“三色清单”是什么？", "昌吉州“三色清单”是什么"],
    ["only padding: nothing left to search", "请问？", ""],
    ["only white space", "  \u3000 ", ""],
  ])("%s: %s → %s", (_, question, expected) => {
    expect(normalizeQuery(question)).toBe(expected);
  });

  it("keeps every figure of the seed pages as printed", () => {
    for (const figure of ["245家", "16.32亿元", "2740.55万千瓦伏安", "93.79%", "110.93%", "20372件", "1千万元"]) {
      expect(normalizeQuery(`${figure}是什么意思？`)).toBe(`${figure}是什么意思`);
    }
  });

  it("turns control characters into spaces instead of keeping them", () => {
    expect(normalizeQuery("准东开发区\u0007注册登记")).not.toMatch(/[\u0000-\u001f]/);
  });
});

describe("simplify", () => {
  it.each([
    ["昌吉州12345熱線", "昌吉州12345热线"],
    ["營商環境", "营商环境"],
    ["開戶許可證", "开户许可证"],
    ["准东开发区", "准东开发区"],
    // The spoken 啥 is written 什么, as the question words are.
    ["世纪大道延伸段啥时候能通车？", "世纪大道延伸段什么时候能通车？"],
    ["有啥規定", "有什么规定"],
  ])("%s → %s", (traditional, simplified) => {
    expect(simplify(traditional)).toBe(simplified);
  });

  it("lets a 啥时候 question be read as a time question", () => {
    expect(analyzeQuestion(simplify("世纪大道延伸段啥时候能通车？"), defaultTokenizer()).kind).toBe("time");
  });
});
