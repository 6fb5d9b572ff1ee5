import { describe, expect, it } from "vitest";
import { metaFromFileName } from "../../src/ingest/file-name.js";
import type { PageMeta } from "../../src/ingest/types.js";

// Convention: <报名>/<YYYY-MM-DD 或 YYYY-MM>[_NN版][_总N期][_说明].txt
const table: Array<[string, Partial<PageMeta>]> = [
  ["corpus/昌吉日报/2025-12-23_01版_总12403期.txt", { paper: "昌吉日报", date: "2025-12-23", dateInferred: false, page: 1, issue: 12403 }],
  ["corpus/昌吉日报/2025-08-07_02版.txt", { paper: "昌吉日报", date: "2025-08-07", dateInferred: false, page: 2 }],
  ["corpus/昌吉日报/2025-05-29_昌吉市营商环境.txt", { paper: "昌吉日报", date: "2025-05-29", dateInferred: false }],
  // Month precision; "12345热线" is a description, not an issue number (no 期).
  ["corpus/昌吉日报/2021-12_12345热线.txt", { paper: "昌吉日报", date: "2021-12", dateInferred: false }],
  ["corpus/昌吉日报/2025-07_准东投资热土.txt", { paper: "昌吉日报", date: "2025-07", dateInferred: false }],
  ["昌吉日报/2025-12-23_第1版_第12403期.txt", { paper: "昌吉日报", date: "2025-12-23", dateInferred: false, page: 1, issue: 12403 }],
  ["昌吉日报/2025-12-23_01版_总第12403期.txt", { paper: "昌吉日报", date: "2025-12-23", dateInferred: false, page: 1, issue: 12403 }],
  ["/srv/archive/新疆日报/2025-12-20.txt", { paper: "新疆日报", date: "2025-12-20", dateInferred: false }],
  // Names outside the convention say nothing.
  ["corpus/misc/page.txt", {}],
  ["corpus/seeds/003_a41930f59203b030.txt", {}],
  ["corpus/昌吉日报/20251223.txt", { paper: "昌吉日报" }],
  // An impossible month is no date; the page number still reads.
  ["corpus/昌吉日报/2025-13-01_03版.txt", { paper: "昌吉日报", page: 3 }],
];

describe("metaFromFileName", () => {
  it.each(table)("%s", (path, expected) => {
    expect(metaFromFileName(path)).toEqual(expected);
  });

  it("takes the paper only from a folder named like a newspaper", () => {
    expect(metaFromFileName("corpus/2025/2025-12-23_01版.txt").paper).toBeUndefined();
    expect(metaFromFileName("corpus/scans/2025-12-23_01版.txt").paper).toBeUndefined();
  });
});
