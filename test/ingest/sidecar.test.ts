import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parsePage } from "../../src/ingest/parse-page.js";
import { pageFrontMatter, readSidecar } from "../../src/ingest/sidecar.js";
import { defaultTokenizer } from "../../src/text/tokenize.js";
import { encodeGb18030 } from "./helpers.js";

// The front matter of the seed page 2021-12_12345热线.txt, in Chinese keys.
const META = "报名: 昌吉日报\n日期: 2021-12\n推定: 是\n备注: 推定：“12月25日”的活动、“迎冬奥”";

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), "baoku-sidecar-"));
});
afterAll(() => rm(dir, { recursive: true, force: true }));

describe("readSidecar: the .meta beside a PDF or image, decoded as a .txt page is", () => {
  it.each([
    ["UTF-8", new TextEncoder().encode(META)],
    ["UTF-8 with BOM", new Uint8Array([0xef, 0xbb, 0xbf, ...new TextEncoder().encode(META)])],
    ["GBK (GB18030)", encodeGb18030(META)],
  ])("reads a %s sidecar", async (what, bytes) => {
    const page = join(dir, `${what.replace(/\W+/g, "_")}.pdf`);
    await writeFile(page.replace(/\.pdf$/, ".meta"), bytes);
    expect(await readSidecar(page)).toBe(META);
  });

  it("gives null for no sidecar, empty for an empty one, and names a binary one", async () => {
    expect(await readSidecar(join(dir, "none.pdf"))).toBeNull();
    await writeFile(join(dir, "empty.meta"), "");
    expect(await readSidecar(join(dir, "empty.pdf"))).toBe("");
    await writeFile(join(dir, "binary.meta"), new Uint8Array([0x00, 0x01, 0x02, 0xff]));
    await expect(readSidecar(join(dir, "binary.pdf"), "corpus/昌吉日报/binary.pdf")).rejects.toMatchObject({
      code: "corpus:unreadable",
      detail: "corpus/昌吉日报/binary.meta：二进制文件，不是文本",
    });
  });
});

describe("pageFrontMatter: the 版 of a later page of a file is a guess, below the masthead", () => {
  const sidecar = "paper: 昌吉日报\ndate: 2025-12-23\npage: 4";
  it.each([
    ["page 1 of one", sidecar, "2025-12-23_04版.pdf", 1, false, `---\n${sidecar}\n---\n`, {}],
    ["page 1 of several", sidecar, "2025-12-23_04版.pdf", 1, true, `---\n${sidecar}\n---\n`, {}],
    ["page 2, 版 from the sidecar", sidecar, "x.pdf", 2, true, "---\npaper: 昌吉日报\ndate: 2025-12-23\n---\n", { page: 5 }],
    ["page 3, 版 from the file name", "报名: 昌吉日报", "2025-12-23_04版.pdf", 3, true, "---\n报名: 昌吉日报\n---\n", { page: 6 }],
    ["page 3, 版 stated unknown", "版次: unknown", "2025-12-23_04版.pdf", 3, true, "", { page: null }],
    ["page 2, no 版 known", null, "2025-12-23.pdf", 2, true, "", {}],
  ] as const)("%s", (_, side, source, page, many, text, fallback) => {
    expect(pageFrontMatter(side, source, page, many)).toEqual({ text, fallback });
  });

  // A whole issue in one file whose sidecar gives the first page as 4: the file's second page is
  // a front page, its masthead printed on it (cut from the seed page 2025-12-23_01版_总12403期.txt).
  const FRONT =
    "昌吉日报\n2025年12月23日 星期二\n总第12403期\n今日4版\n\n# 昌吉州“三色清单”为企业减负\n\n本报讯 记者喻兰报道：昌吉州推行涉企行政检查“三色清单”。\n";
  const BODY = "# 我州扎实推进政务服务标准化\n\n本报讯 记者左晓雨报道：昌吉州12345政务服务便民热线受理中心正式成立。\n";
  const parse = (text: string, page: number) => {
    const front = pageFrontMatter(sidecar, "corpus/昌吉日报/2025-12-23_合订.pdf", page, true);
    return parsePage(front.text + text, "corpus/昌吉日报/2025-12-23_合订.pdf", defaultTokenizer([]), front.fallback).meta;
  };

  it("lets the masthead printed on a later page say its 版, over the count from the first page", () => {
    expect(parse(FRONT, 2)).toMatchObject({ page: 1, issue: 12403, date: "2025-12-23" });
  });

  it("counts the 版 on from the first page where nothing is printed", () => {
    expect(parse(BODY, 2)).toMatchObject({ page: 5, date: "2025-12-23", paper: "昌吉日报" });
  });
});
