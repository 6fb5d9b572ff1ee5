import { describe, expect, it } from "vitest";
import { parsePage, resolveMeta } from "../../src/ingest/parse-page.js";
import type { PageMeta } from "../../src/ingest/types.js";
import { defaultTokenizer } from "../../src/text/tokenize.js";
import { rawSeed } from "./helpers.js";

// What each source says about a page, as parseFrontMatter, readMasthead and metaFromFileName
// return it for the seed pages.
const MASTHEAD_003: Partial<PageMeta> = { paper: "昌吉日报", date: "2025-12-23", dateInferred: false, issue: 12403, page: 1 };
const NAME_OTHER_DAY: Partial<PageMeta> = { paper: "昌吉日报", date: "2025-12-22", dateInferred: false, issue: 12400, page: 3 };
const NAME_002: Partial<PageMeta> = { paper: "昌吉日报", date: "2025-08-07", dateInferred: false, page: 2 };

describe("resolveMeta: front matter > masthead > file name, field by field", () => {
  const table: Array<[string, Array<Partial<PageMeta>>, PageMeta]> = [
    [
      "the operator's date (and its inferred mark) beat the masthead; the masthead fills the rest",
      [{ date: "2025-12-24", dateInferred: true }, MASTHEAD_003, NAME_OTHER_DAY],
      { paper: "昌吉日报", date: "2025-12-24", dateInferred: true, issue: 12403, page: 1 },
    ],
    [
      "the masthead beats the file name",
      [{}, MASTHEAD_003, NAME_OTHER_DAY],
      { paper: "昌吉日报", date: "2025-12-23", dateInferred: false, issue: 12403, page: 1 },
    ],
    [
      "the file name is used only when nothing else states a date",
      [{}, {}, NAME_002],
      { paper: "昌吉日报", date: "2025-08-07", dateInferred: false, issue: null, page: 2 },
    ],
    [
      "an inferred mark stated without a date does not stick to the printed date",
      [{ dateInferred: true }, MASTHEAD_003, {}],
      { paper: "昌吉日报", date: "2025-12-23", dateInferred: false, issue: 12403, page: 1 },
    ],
    [
      "a stated date without an inferred mark is certain, though the name says otherwise",
      [{ date: "2025-07" }, {}, { date: "2025-07-15", dateInferred: true }],
      { paper: null, date: "2025-07", dateInferred: false, issue: null, page: null },
    ],
    ["nothing known", [{}, {}, {}], { paper: null, date: null, dateInferred: false, issue: null, page: null }],
  ];

  it.each(table)("%s", (_, sources, expected) => {
    expect(resolveMeta(...sources)).toEqual(expected);
  });
});

describe("parsePage: where each field comes from", () => {
  const tokenizer = defaultTokenizer();
  const OTHER_NAME = "corpus/昌吉日报/2025-12-22_03版_总12400期.txt";

  it("front matter overrides the masthead, which overrides the file name", () => {
    const raw = `---\ndate: 2025-12-24\ndateInferred: true\n---\n${rawSeed("2025-12-23")}`;
    const page = parsePage(raw, OTHER_NAME, tokenizer);
    expect(page.meta).toEqual({ paper: "昌吉日报", date: "2025-12-24", dateInferred: true, issue: 12403, page: 1 });
    expect(page.articles.map((a) => [a.date, a.dateInferred, a.issue, a.page])).toEqual(page.articles.map(() => ["2025-12-24", true, 12403, 1]));
  });

  it("the masthead overrides the file name", () => {
    const page = parsePage(rawSeed("2025-12-23"), OTHER_NAME, tokenizer);
    expect(page.meta).toEqual({ paper: "昌吉日报", date: "2025-12-23", dateInferred: false, issue: 12403, page: 1 });
  });

  it("the file name dates a page with neither front matter nor masthead", () => {
    const page = parsePage(rawSeed("2021-12"), "corpus/昌吉日报/2021-12-28_03版.txt", tokenizer);
    expect(page.meta).toEqual({ paper: "昌吉日报", date: "2021-12-28", dateInferred: false, issue: null, page: 3 });
    expect(page.articles.every((a) => a.date === "2021-12-28" && a.page === 3)).toBe(true);
  });

  it("keeps a page nothing dates, with every field unknown", () => {
    const page = parsePage(rawSeed("2021-12"), "corpus/misc/page.txt", tokenizer);
    expect(page.meta).toEqual({ paper: null, date: null, dateInferred: false, issue: null, page: null });
    expect(page.articles).toHaveLength(4);
    expect(page.articles.every((a) => a.date === null && a.source === "corpus/misc/page.txt")).toBe(true);
  });

  it("reports a front-matter date it cannot read and falls back to the file name", () => {
    const raw = `---\ndate: 2021年12月\n---\n${rawSeed("2021-12")}`;
    const page = parsePage(raw, "corpus/昌吉日报/2021-12_12345热线.txt", tokenizer);
    expect(page.problems).toEqual([expect.stringContaining("2021年12月")]);
    expect(page.meta).toMatchObject({ date: "2021-12", dateInferred: false });
  });
});
