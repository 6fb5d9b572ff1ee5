import { describe, expect, it } from "vitest";
import { MASTHEAD_TITLE, mastheadText, readMasthead, type Masthead } from "../../src/ingest/masthead.js";
import { parsePage } from "../../src/ingest/parse-page.js";
import { defaultTokenizer } from "../../src/text/tokenize.js";
import { rawSeed } from "./helpers.js";

/** 003 as extracted (no front matter): the only seed page with a masthead. */
const FRONT_PAGE = rawSeed("2025-12-23");

/** The masthead's own lines on 003 (lines 5–26), none of which is article text. */
const MASTHEAD_TEXT = [
  "丝路昌吉客户端",
  "中共昌吉回族自治州委员会主管主办",
  "昌吉州融媒体中心出版",
  "CHANGJI RIBAO",
  "星期二",
  "乙巳年十一月初四",
  "总第12403期",
  "今日4版",
  "国内统一刊号",
  "cjrb@sina.com",
  "2881100",
];

describe("readMasthead", () => {
  it("reads 003's masthead: date split over three lines, 总第12403期, up to the registration line", () => {
    const masthead = readMasthead(FRONT_PAGE);
    expect(masthead).toEqual({
      paper: "昌吉日报",
      date: "2025-12-23",
      dateInferred: false,
      issue: 12403,
      page: 1,
      lineCount: 26,
    });
    const lines = FRONT_PAGE.split("\n");
    expect(lines[masthead.lineCount - 1]).toMatch(/^国内统一刊号/);
    expect(lines.slice(masthead.lineCount).find((l) => l.trim() !== "")).toBe("## 学习贯彻党的二十届四中全会精神");
  });

  const table: Array<[string, string, Masthead]> = [
    [
      "the date on one line",
      "# 昌吉日报\n\n2025年12月23日 星期二\n\n总第12403期\n\n今日4版\n\n国内统一刊号 CN 65—0010 邮发代号 57—103\n",
      { paper: "昌吉日报", date: "2025-12-23", dateInferred: false, issue: 12403, page: 1, lineCount: 9 },
    ],
    [
      "the day missing: month precision only",
      "# 昌吉日报\n\n2025年12月\n\n星期二\n\n总第12403期\n\n今日4版\n",
      { paper: "昌吉日报", date: "2025-12", dateInferred: false, issue: 12403, page: 1, lineCount: 8 },
    ],
    [
      "an impossible day: no date rather than a wrong one",
      "# 昌吉日报\n\n2025年12月32日\n\n总第12403期\n\n",
      { paper: "昌吉日报", issue: 12403, page: 1, lineCount: 6 },
    ],
  ];

  it.each(table)("%s", (_, text, expected) => {
    expect(readMasthead(text)).toEqual(expected);
  });

  it.each([
    ["2021-12", "004, which opens with a story"],
    ["2025-07", "001, which opens with a banner"],
    ["2025-08-07", "002, an inside page"],
  ] as const)("finds no masthead on %s (%s)", (date, _page) => {
    expect(readMasthead(rawSeed(date))).toEqual({ lineCount: 0 });
  });

  it("does not take 总第N期 deep inside a story for a masthead", () => {
    const story = rawSeed("2025-05-29").split("\n").slice(0, 50).join("\n");
    expect(readMasthead(`${story}\n本版为总第12403期特刊。\n`)).toEqual({ lineCount: 0 });
  });
});

describe("a page whose opening lines print 总第N期 but no paper name or date", () => {
  it("gets no 报头 article: its story lines stay in the story", () => {
    const [first, ...rest] = rawSeed("2025-05-29").split("\n");
    const page = parsePage([first, "本栏目已播出总第300期", ...rest].join("\n"), "incoming/page.txt", defaultTokenizer());
    expect(page.articles.length).toBeGreaterThan(0);
    expect(page.articles.filter((a) => a.title === MASTHEAD_TITLE)).toEqual([]);
  });
});

describe("parsePage on 003 with nothing stated about it", () => {
  const page = parsePage(FRONT_PAGE, "incoming/page.txt", defaultTokenizer());

  it("takes paper, date, issue and page from the masthead, as printed (not inferred)", () => {
    expect(page.meta).toEqual({ paper: "昌吉日报", date: "2025-12-23", dateInferred: false, issue: 12403, page: 1 });
    expect(page.articles).toHaveLength(7);
    for (const a of page.articles) {
      expect(a).toMatchObject({ source: "incoming/page.txt", paper: "昌吉日报", date: "2025-12-23", dateInferred: false, issue: 12403, page: 1 });
    }
  });

  it("leaves the masthead out of every story", () => {
    const stories = page.articles.filter((a) => a.title !== MASTHEAD_TITLE);
    expect(stories).toHaveLength(6);
    for (const a of stories) {
      const printed = [a.title, a.section, a.subtitle, a.byline, a.body, ...a.captions, ...a.subheads].join("\n");
      for (const line of MASTHEAD_TEXT) expect(printed).not.toContain(line);
    }
  });

  it("gives the masthead an article of its own, first, headed 报头, holding every printed line", () => {
    const [first] = page.articles;
    expect(first).toMatchObject({
      title: MASTHEAD_TITLE,
      subtitle: "昌吉日报 2025年12月23日 星期二",
      byline: null,
      captions: [],
      date: "2025-12-23",
      issue: 12403,
      page: 1,
    });
    for (const line of MASTHEAD_TEXT) expect(first!.body).toContain(line);
    expect(first!.body.split("\n")).toContain("邮发代号 57—103。");
    expect(page.articles.filter((a) => a.title === MASTHEAD_TITLE)).toHaveLength(1);
  });
});

describe("mastheadText", () => {
  it("writes a date split over lines whole, keeps the paper's name to 总第N期 as one sentence, and cuts a line of items before each label", () => {
    const text =
      "某某融媒体中心出版\n\n# 某某日报\n\n2024年3月\n\n5\n\n星期二\n\n总第9001期\n\n今日8版\n\n邮发代号 58—12 新闻热线：1234567 网址: http://x.cn\n\n正文开始。";
    const { lineCount } = readMasthead(text);
    expect(mastheadText(text, lineCount)).toEqual({
      body: [
        "某某融媒体中心出版。",
        "某某日报 2024年3月5日 星期二 总第9001期 今日8版。",
        "邮发代号 58—12。",
        "新闻热线：1234567。",
        "网址: http://x.cn。",
      ].join("\n"),
      about: "某某日报 2024年3月5日 星期二",
    });
  });

  it("takes no 机关报 line for the paper's name, joins a day printed with its 日, and cuts labelled Han items apart", () => {
    const text =
      "中共某某州委机关报\n\n# 某某日报\n\n2024年3月\n\n5日\n\n星期二\n\n总第9001期\n\n主管：中共某某州委 主办：某某日报社\n\n邮发代号 58—12\n\n正文开始。";
    const masthead = readMasthead(text);
    expect(masthead).toMatchObject({ paper: "某某日报", date: "2024-03-05", issue: 9001 });
    expect(mastheadText(text, masthead.lineCount)).toEqual({
      body: ["中共某某州委机关报。", "某某日报 2024年3月5日 星期二 总第9001期。", "主管：中共某某州委。", "主办：某某日报社。", "邮发代号 58—12。"].join("\n"),
      about: "某某日报 2024年3月5日 星期二",
    });
  });

  it("gives null for a page without a masthead, so no 报头 article is made", () => {
    const story = rawSeed("2025-08-07");
    expect(mastheadText(story, readMasthead(story).lineCount)).toBeNull();
    expect(parsePage(story, "incoming/p2.txt", defaultTokenizer()).articles.some((a) => a.title === MASTHEAD_TITLE)).toBe(false);
  });
});
