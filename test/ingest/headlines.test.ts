import { describe, expect, it } from "vitest";
import { cleanByline, groupHeadlines, pickHeadline, type Headline } from "../../src/ingest/headlines.js";
import type { Paragraph, ParagraphKind } from "../../src/ingest/types.js";

const para = (kind: ParagraphKind, text: string, level = 9): Paragraph => ({
  kind,
  text,
  level,
  gapBefore: 1,
  lead: null,
  continuedFrom: null,
  credit: null,
});
const heading = (text: string, level = 9) => para("heading", text, level);
const subtitle = (text: string) => para("subtitle", text);
const byline = (text: string) => para("byline", text);

/** The headline of each group of a run of heading paragraphs. */
const headlinesOf = (run: Paragraph[]) => groupHeadlines(run).map(pickHeadline);

// Runs of heading paragraphs exactly as toParagraphs returns them for the seed pages.
const table: Array<[string, Paragraph[], Array<Headline | null>]> = [
  [
    "003: the '#' level picks the headline, lesser marks above it are its banner",
    [heading("学习贯彻党的二十届四中全会精神", 2), heading("活力昌吉 2025", 3), heading("昌吉州：新能源车背后的蓝天账与民生暖", 1), byline("□本报记者 刘茜")],
    [
      {
        title: "昌吉州：新能源车背后的蓝天账与民生暖",
        section: "学习贯彻党的二十届四中全会精神 活力昌吉 2025",
        subtitle: null,
        byline: "□本报记者 刘茜",
      },
    ],
  ],
  [
    "003: banner with ·, headline, sub-headline, byline",
    [
      heading("回眸“十四五”展望“十五五”·专题访谈", 2),
      heading("强州府当先锋 促发展谱新篇", 1),
      subtitle("——访昌吉州党委书记李长江"),
      byline("□本报记者 左晓雨"),
    ],
    [
      {
        title: "强州府当先锋 促发展谱新篇",
        section: "回眸“十四五”展望“十五五”·专题访谈",
        subtitle: "——访昌吉州党委书记李长江",
        byline: "□本报记者 左晓雨",
      },
    ],
  ],
  [
    "000: three headline blocks printed together, each closed by its byline",
    [
      heading("典范地州·强营商环境"),
      heading("数据流动共享 企业畅享极速服务"),
      subtitle("——昌吉市强营商环境助力企业高质量发展"),
      byline("□本报通讯员 梁宏涛 吕振江"),
      heading("文明的力量"),
      heading("用心用情书写新时代文明创建答卷"),
      subtitle("——昌吉州住建局精神文明创建工作综述"),
      byline("□本报记者 付小芳"),
      heading("走基层 看民主"),
      heading("奇台镇推行“代表恳谈日”——"),
      heading("“民生清单”变“幸福清单”"),
      byline("□本报记者 杨鹤"),
    ],
    [
      {
        title: "数据流动共享 企业畅享极速服务",
        section: "典范地州·强营商环境",
        subtitle: "——昌吉市强营商环境助力企业高质量发展",
        byline: "□本报通讯员 梁宏涛 吕振江",
      },
      {
        title: "用心用情书写新时代文明创建答卷",
        section: "文明的力量",
        subtitle: "——昌吉州住建局精神文明创建工作综述",
        byline: "□本报记者 付小芳",
      },
      {
        title: "奇台镇推行“代表恳谈日”——“民生清单”变“幸福清单”",
        section: "走基层 看民主",
        subtitle: null,
        byline: "□本报记者 杨鹤",
      },
    ],
  ],
  [
    "004: one headline broken over three lines",
    [heading("“电商+品牌”，"), heading("让新疆特色食品"), heading("走向全国市场"), byline("本报通讯员 宋华敏")],
    [{ title: "“电商+品牌”，让新疆特色食品走向全国市场", section: null, subtitle: null, byline: "本报通讯员 宋华敏" }],
  ],
  [
    "000: a headline broken before 及, then a kicker",
    [heading("新疆准东东部矿区专用铁路"), heading("及物流园项目开工建设"), heading("推进典范地州建设 准东在行动")],
    [
      {
        title: "新疆准东东部矿区专用铁路及物流园项目开工建设",
        section: null,
        subtitle: "推进典范地州建设 准东在行动",
        byline: null,
      },
    ],
  ],
  [
    "002: a headline with a second line of its own",
    [heading("昌吉州获批一个自治区重点实验室项目"), heading("研究无人驾驶矿卡多源协同定位方法")],
    [{ title: "昌吉州获批一个自治区重点实验室项目", section: null, subtitle: "研究无人驾驶矿卡多源协同定位方法", byline: null }],
  ],
  ["003: a label with no headline", [subtitle("— 开栏语 —")], [null]],
];

describe("groupHeadlines + pickHeadline", () => {
  it.each(table)("%s", (_, run, expected) => {
    expect(headlinesOf(run)).toEqual(expected);
  });

  it("opens a new group for a heading that follows a sub-headline", () => {
    const groups = groupHeadlines([heading("用心用情书写新时代文明创建答卷"), subtitle("——昌吉州住建局精神文明创建工作综述"), heading("走基层 看民主")]);
    expect(groups.map((g) => g.lines.map((l) => l.text))).toEqual([["用心用情书写新时代文明创建答卷"], ["走基层 看民主"]]);
  });
});

describe("cleanByline", () => {
  it.each([
    ["□本报记者 杨 鹤摄", "本报记者 杨鹤"],
    ["□毕金录摄", "毕金录"],
    ["梁宏涛 摄", "梁宏涛"],
    ["本报记者 左晓雨 摄", "本报记者 左晓雨"],
    ["□本报通讯员 余再兴 周李", "本报通讯员 余再兴 周李"],
    ["□本报通讯员 梁宏涛 吕振江", "本报通讯员 梁宏涛 吕振江"],
    ["□程晓", "程晓"],
  ])("%s → %s", (raw, expected) => {
    expect(cleanByline(raw)).toBe(expected);
  });
});
