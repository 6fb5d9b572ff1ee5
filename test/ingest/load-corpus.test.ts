import { createHash } from "node:crypto";
import { copyFile, cp, mkdir, mkdtemp, readFile, rm, symlink, truncate, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { AppError } from "../../src/errors.js";
import { loadCorpus, MAX_PAGE_BYTES, type LoadedCorpus } from "../../src/ingest/load-corpus.js";
import { CORPUS_PAPER_DIR, encodeGb18030, PAGE_FILES } from "./helpers.js";

/** 001, lines 143–159: one short story with its photo, stored as GB18030 below. */
const RAIN_GAUGES = `呼图壁县新建5座自动雨量站

本报讯 通讯员王文霞、秦琳琳报道:近日,呼图壁县工业园区自动雨量站完成安装调试工作。

今年,呼图壁县投资90万元新建的5座自动雨量监测站全部投入使用,进一步提高了汛期雨情监测数据精准度,全方位织密防汛减灾“安全网”。

呼图壁县气象局工程师杨国钰说:“今年,我们对呼图壁河流域和南部山区山洪地质灾害易发区进行勘察后,在相应点位安装了5座自动雨量

站,可有效提高山洪地质灾害防御能力,最大限度地减轻或避免山洪地质灾害造成的人员伤亡和财产损失。”



技术人员正在安装调试自动气象站设备。

□秦琳琳摄
`;

/** 002, lines 61–65 (cut short): a page that says nothing about where or when it was printed. */
const UNDATED = `昌吉州获批一个自治区重点实验室项目

研究无人驾驶矿卡多源协同定位方法

本报讯 通讯员宋一鸣报道：近日，自治区科技厅正式批准了新疆天池能源有限责任公司申报的“卫星信号失稳下超大型露天矿无人驾驶矿卡多源协同定位方法研究”重点实验室项目。
`;

const PNG = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d, 0x49, 0x48, 0x44, 0x52]);

let dir: string;
let corpus: LoadedCorpus;
const progress: Array<[number, number]> = [];
const at = (...parts: string[]) =>
  join(dir, ...parts)
    .split("\\")
    .join("/");

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), "baoku-corpus-"));
  await mkdir(join(dir, "昌吉日报"));
  await mkdir(join(dir, "misc"));
  for (const name of Object.values(PAGE_FILES)) await copyFile(join(CORPUS_PAPER_DIR, name), join(dir, "昌吉日报", name));
  await writeFile(join(dir, "昌吉日报", "2025-07_呼图壁雨量站.txt"), encodeGb18030(RAIN_GAUGES));
  await writeFile(join(dir, "昌吉日报", "2025-12-24_01版.txt"), PNG);
  await writeFile(join(dir, "昌吉日报", "2025-12-25_01版.txt"), "");
  await writeFile(join(dir, "昌吉日报", "2025-12-26_全年合订本.txt"), "昌吉日报\n");
  await truncate(join(dir, "昌吉日报", "2025-12-26_全年合订本.txt"), MAX_PAGE_BYTES + 1);
  await writeFile(join(dir, "misc", "page.txt"), UNDATED);
  await writeFile(join(dir, "misc", "scan.png"), PNG); // a page image, but only a PNG header: skipped
  await writeFile(join(dir, "misc", "notes.docx"), UNDATED); // not a page file: ignored
  await writeFile(join(dir, ".draft.txt"), UNDATED); // hidden: ignored
  corpus = await loadCorpus(dir, (done, total) => progress.push([done, total]));
});

afterAll(async () => {
  if (dir) await rm(dir, { recursive: true, force: true });
});

describe("loadCorpus: a corpus with bad files among good ones", () => {
  it("skips the empty, binary and oversized files, saying which and why", () => {
    const reasons = Object.fromEntries(corpus.skipped.map((s) => [s.source, s.reason]));
    expect(Object.keys(reasons).sort()).toEqual(
      [
        at("昌吉日报", "2025-12-24_01版.txt"),
        at("昌吉日报", "2025-12-25_01版.txt"),
        at("昌吉日报", "2025-12-26_全年合订本.txt"),
        at("misc", "scan.png"),
      ].sort(),
    );
    expect(reasons[at("昌吉日报", "2025-12-24_01版.txt")]).toMatch(/二进制/);
    expect(reasons[at("昌吉日报", "2025-12-25_01版.txt")]).toMatch(/为空/);
    expect(reasons[at("昌吉日报", "2025-12-26_全年合订本.txt")]).toMatch(/过大/);
    for (const [source, reason] of Object.entries(reasons)) expect(reason).toContain(source);
  });

  it("still loads every other page: the five seeds, the GB18030 page and the undated one", () => {
    expect(corpus.pages.map((p) => p.source).sort()).toEqual(
      [...Object.values(PAGE_FILES), "2025-07_呼图壁雨量站.txt"]
        .map((n) => at("昌吉日报", n))
        .concat(at("misc", "page.txt"))
        .sort(),
    );
    const seeds = corpus.articles.filter((a) => Object.values(PAGE_FILES).some((n) => a.source === at("昌吉日报", n)));
    expect(seeds).toHaveLength(29);
    expect(corpus.problems).toEqual([]);
  });

  it("reads the GB18030 page like any other", () => {
    const articles = corpus.articles.filter((a) => a.source === at("昌吉日报", "2025-07_呼图壁雨量站.txt"));
    expect(articles).toHaveLength(1);
    expect(articles[0]).toMatchObject({ title: "呼图壁县新建5座自动雨量站", date: "2025-07", dateInferred: false, paper: "昌吉日报" });
    expect(articles[0]!.body).toContain("呼图壁县投资90万元新建的5座自动雨量监测站");
    expect(articles[0]!.captions).toEqual(["技术人员正在安装调试自动气象站设备。（秦琳琳 摄）"]);
  });

  it("keeps a page with no metadata at all, dated null", () => {
    const page = corpus.pages.find((p) => p.source === at("misc", "page.txt"));
    expect(page).toMatchObject({ meta: { paper: null, date: null, dateInferred: false, issue: null, page: null }, articles: 1 });
    const article = corpus.articles.find((a) => a.source === at("misc", "page.txt"));
    expect(article).toMatchObject({ title: "昌吉州获批一个自治区重点实验室项目", date: null });
  });

  it("fingerprints each page by the sha256 of its bytes", async () => {
    const source = at("昌吉日报", PAGE_FILES["2025-12-23"]);
    const bytes = await readFile(source);
    expect(corpus.pages.find((p) => p.source === source)?.sha256).toBe(createHash("sha256").update(bytes).digest("hex"));
  });

  it("reports progress once per page file, hidden and non-text files not counted", () => {
    expect(progress).toEqual(Array.from({ length: 11 }, (_, i) => [i + 1, 11]));
  });
});

describe("loadCorpus: the corpus folder itself", () => {
  it("reads the operator's words from userdict.txt and does not take it for a page", async () => {
    const small = await mkdtemp(join(tmpdir(), "baoku-userdict-"));
    try {
      await writeFile(join(small, "userdict.txt"), "# 人名与媒体名\n石榴云 100\n盖有军\n\n");
      await writeFile(join(small, "page.txt"), UNDATED);
      const loaded = await loadCorpus(small);
      expect(loaded.userWords).toEqual(["石榴云 100", "盖有军"]);
      expect(loaded.pages.map((p) => p.source)).toEqual([join(small, "page.txt").split("\\").join("/")]);
      expect(loaded.skipped).toEqual([]);
    } finally {
      await rm(small, { recursive: true, force: true });
    }
  });

  it.each([
    ["a folder that does not exist", () => join(dir, "没有这个目录")],
    ["a file instead of a folder", () => join(dir, "misc", "page.txt")],
  ])("rejects %s with corpus:missing naming it", async (_, path) => {
    const missing = path();
    const error = await loadCorpus(missing).then(
      () => null,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(AppError);
    expect(error).toMatchObject({ code: "corpus:missing", detail: missing });
    expect((error as AppError).userMessage).toContain(missing);
  });
});

describe("a page that leads outside the corpus folder", () => {
  it("is refused with its path and the rest is still read", async () => {
    const base = await mkdtemp(join(tmpdir(), "baoku-outside-"));
    try {
      const corpus = join(base, "corpus");
      await mkdir(join(corpus, "昌吉日报"), { recursive: true });
      await cp("corpus/昌吉日报/2025-07_准东投资热土.txt", join(corpus, "昌吉日报", "2025-07_准东投资热土.txt"));
      const secret = join(base, "secret.txt");
      await writeFile(secret, "不应被索引的文字。这是语料目录以外的文件。");
      await symlink(secret, join(corpus, "昌吉日报", "2025-08_link.txt"));
      const loaded = await loadCorpus(corpus);
      expect(loaded.pages.map((p) => p.source.split("/").pop())).toEqual(["2025-07_准东投资热土.txt"]);
      expect(loaded.skipped).toHaveLength(1);
      expect(loaded.skipped[0]!.reason).toContain("2025-08_link.txt");
      expect(loaded.skipped[0]!.reason).toContain("已拒绝");
      expect(loaded.articles.some((a) => a.body.includes("不应被索引"))).toBe(false);
    } finally {
      await rm(base, { recursive: true, force: true });
    }
  });
});
