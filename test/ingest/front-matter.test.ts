import { describe, expect, it } from "vitest";
import { parseFrontMatter, type StatedMeta } from "../../src/ingest/front-matter.js";
import { corpusPage, rawSeed } from "./helpers.js";

/** 004, line 1–2: what follows the metadata block in the examples below. */
const PAGE_START = ` 本报讯 记者左晓雨报道：“您好，这
里是昌吉州 12345 政务服务便民热线，请
`;

describe("parseFrontMatter: the project's own pages", () => {
  it("reads the block of the 2025-08-07 page and returns the page text after it", () => {
    const { stated, text, problems } = parseFrontMatter(corpusPage("2025-08-07"));
    expect(stated).toEqual({
      paper: "昌吉日报",
      date: "2025-08-07",
      dateInferred: true,
      issue: null,
      page: 2,
      note: "推定：载有《整治形式主义为基层减负若干规定》（上接01版），该规定全文于2025-08-06发布",
    });
    expect(problems).toEqual([]);
    expect(text).toBe(rawSeed("2025-08-07"));
  });

  it("skips '#' comment lines and states nothing it was not told (2025-12-23 page)", () => {
    const { stated, text, problems } = parseFrontMatter(corpusPage("2025-12-23"));
    expect(stated).toEqual({ paper: "昌吉日报", note: "头版，报头可读" });
    expect(problems).toEqual([]);
    expect(text).toBe(rawSeed("2025-12-23"));
  });

  it.each([
    ["2021-12", { paper: "昌吉日报", date: "2021-12", dateInferred: true, issue: null, page: null }],
    ["2025-05-29", { paper: "昌吉日报", date: "2025-05-29", dateInferred: true, issue: null, page: null }],
    ["2025-07", { paper: "昌吉日报", date: "2025-07", dateInferred: true, issue: null, page: null }],
  ] as const)("reads the inferred date of the %s page", (date, expected) => {
    const { stated, problems } = parseFrontMatter(corpusPage(date));
    expect(stated).toMatchObject(expected);
    expect(stated.note).toMatch(/^推定：/);
    expect(problems).toEqual([]);
  });
});

describe("parseFrontMatter: other ways to write it", () => {
  const table: Array<[string, string, StatedMeta]> = [
    [
      "Chinese keys and full-width colons",
      "---\n报名：昌吉日报\n日期：2025-07\n推定：是\n期号：未知\n版次：不详\n备注：上半年数据（“截至6月30日”“7月10日”）\n---\n",
      { paper: "昌吉日报", date: "2025-07", dateInferred: true, issue: null, page: null, note: "上半年数据（“截至6月30日”“7月10日”）" },
    ],
    [
      "a byte order mark, CRLF line ends, quoted values, any key case",
      "\uFEFF---\r\nPaper: \"昌吉日报\"\r\nDATE: '2021-12'\r\ndate_inferred: yes\r\n---\r\n",
      { paper: "昌吉日报", date: "2021-12", dateInferred: true },
    ],
    [
      "a certain date with issue and page",
      "---\npaper: 昌吉日报\ndate: 2025-12-23\ndateInferred: false\nissue: 12403\npage: 01\n---\n",
      { paper: "昌吉日报", date: "2025-12-23", dateInferred: false, issue: 12403, page: 1 },
    ],
  ];

  it.each(table)("%s", (_, block, expected) => {
    const { stated, text, problems } = parseFrontMatter(block + PAGE_START);
    expect(stated).toEqual(expected);
    expect(problems).toEqual([]);
    expect(text).toBe(PAGE_START);
  });
});

describe("parseFrontMatter: what it does not take", () => {
  it("returns a page without a block unchanged, stating nothing", () => {
    const raw = rawSeed("2021-12");
    expect(parseFrontMatter(raw)).toEqual({ stated: {}, text: raw, problems: [] });
  });

  it("does not take an unclosed block for metadata", () => {
    const raw = `---\npaper: 昌吉日报\n${PAGE_START}`;
    expect(parseFrontMatter(raw)).toEqual({ stated: {}, text: raw, problems: [] });
  });

  it("reports each line it cannot use, naming the key, and keeps the rest", () => {
    const block = ["---", "paper: 昌吉日报", "date: 2025年12月23日", "dateInferred: 也许", "issue: 总第12403期", "page: 0", "作者: 左晓雨", "---", ""].join(
      "\n",
    );
    const { stated, text, problems } = parseFrontMatter(block + PAGE_START);
    expect(stated).toEqual({ paper: "昌吉日报" });
    expect(text).toBe(PAGE_START);
    expect(problems).toHaveLength(5);
    expect(problems[0]).toMatch(/^date: "2025年12月23日"/);
    expect(problems[1]).toMatch(/^dateInferred: "也许"/);
    expect(problems[2]).toMatch(/^issue: "总第12403期"/);
    expect(problems[3]).toMatch(/^page: "0"/);
    expect(problems[4]).toMatch(/^作者: 左晓雨/);
  });

  it("rejects an impossible date", () => {
    const { stated, problems } = parseFrontMatter(`---\ndate: 2025-13-07\n---\n${PAGE_START}`);
    expect(stated.date).toBeUndefined();
    expect(problems).toEqual([expect.stringContaining("2025-13-07")]);
  });
});
