import { createHash } from "node:crypto";
import { readFile, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { readLaidOut } from "../../src/ingest/laid-out-page.js";
import { loadCorpus, type LoadedCorpus } from "../../src/ingest/load-corpus.js";
import { findOcrTools, type OcrTools } from "../../src/ingest/ocr.js";
import { defaultTokenizer } from "../../src/text/tokenize.js";
import { emptyArchive } from "../support/fixtures.js";
import { cacheScans, type MixedPage, writeMixedPdf } from "../support/mixed-pdf.js";
import { hasCjkFont } from "../support/paper-pdf.js";

// Cut from the seed page 2021-12_12345热线.txt.
const PAGES: MixedPage[] = [
  {
    kind: "text",
    lines: [
      { text: "热线大厅里一片忙碌", heading: true },
      {
        text: "本报讯 记者左晓雨报道：12月25日，记者走进昌吉州12345政务服务便民热线受理中心，热线大厅里一片忙碌，话务员们正在认真接听群众来电，详细记录并解答群众反映的问题。",
      },
      { text: "今年8月，昌吉州12345政务服务便民热线受理中心正式成立，作为政府与企业、群众沟通的桥梁，便民热线不断丰富服务内容，优化服务流程，" },
    ],
  },
  {
    kind: "scan",
    lines: [
      { text: "深化接诉即办工作机制，整合各类政务服务热线和行业自建热线39条，形成了州县乡村四级联动工作网络。" },
      { text: "话务员耐心与群众沟通", heading: true },
      { text: "与记者想象中电话铃声此起彼伏的热闹场景不同，每个工位上的话务员都佩戴着耳机，耐心地与来电群众进行着沟通。" },
    ],
  },
  {
    kind: "text",
    lines: [
      { text: "便民热线提升服务效率", heading: true },
      { text: "实现了多渠道诉求统一受理、分级办理、限期办结、百分之百回访的业务闭环，极大提升了政务服务效率和水平。" },
    ],
  },
];

/** Two text pages: the first story ends on a full stop, so the next page's opening is its own. */
const ENDS_SENTENCE: MixedPage[] = [
  { kind: "text", lines: [{ text: "热线大厅里一片忙碌", heading: true }, { text: PAGES[0]!.lines[1]!.text }] },
  { kind: "text", lines: [{ text: PAGES[2]!.lines[1]!.text }] },
];

/** The same, the first story stopping mid-sentence: the next page's opening is the rest of it. */
const MID_SENTENCE: MixedPage[] = [
  { kind: "text", lines: [{ text: "热线大厅里一片忙碌", heading: true }, { text: PAGES[0]!.lines[2]!.text }] },
  { kind: "text", lines: [{ text: PAGES[2]!.lines[1]!.text }] },
];

const tools: OcrTools | null = hasCjkFont() ? await findOcrTools() : null;
const canRead = tools !== null && tools.tesseract !== null && tools.pdftoppm;

let archive: Awaited<ReturnType<typeof emptyArchive>>;
let corpus: LoadedCorpus;
const squeeze = (s: string) => s.replace(/\s+/g, "");
const of = (name: string) => corpus.articles.filter((a) => a.source.endsWith(`/${name}`));

describe.skipIf(!canRead)("a PDF of text-layer and scanned pages (scan OCR taken from the cache)", () => {
  beforeAll(async () => {
    archive = await emptyArchive("baoku-mixed-");
    const cache = join(archive.root, "ocr-cache");
    const sidecar = "paper: 昌吉日报\ndate: 2021-12\ndateInferred: true\n";
    for (const [name, pages] of [
      ["2021-12_混合.pdf", PAGES],
      ["2021-12_句末.pdf", ENDS_SENTENCE],
      ["2021-12_句中.pdf", MID_SENTENCE],
    ] as const) {
      const pdf = join(archive.paperDir, name);
      await cacheScans(pdf, await writeMixedPdf(pdf, pages), cache, tools!);
      await writeFile(pdf.replace(/\.pdf$/, ".meta"), sidecar);
    }
    corpus = await loadCorpus(join(archive.root, "corpus"), undefined, { ocrCacheDir: cache });
  }, 120_000);
  afterAll(() => archive?.remove());

  it("gives the pages back in the file's order, each marked with how it was read", async () => {
    const pdf = join(archive.paperDir, "2021-12_混合.pdf");
    const sha256 = createHash("sha256")
      .update(await readFile(pdf))
      .digest("hex");
    const read = await readLaidOut(pdf, "混合.pdf", { tokenizer: defaultTokenizer([]), sha256, ocrCacheDir: join(archive.root, "ocr-cache"), tools: tools! });
    expect(read.pages.map((p) => [p.number, p.via])).toEqual([
      [1, "pdf"],
      [2, "ocr"],
      [3, "pdf"],
    ]);
    expect(corpus.pages.filter((p) => p.source.endsWith("/2021-12_混合.pdf")).map((p) => [p.filePage, p.via])).toEqual([
      [1, "pdf"],
      [2, "ocr"],
      [3, "pdf"],
    ]);
  });

  it("keeps OCR'd text at the top of a scanned page apart from the text-layer story before it, marked ocr", () => {
    expect(corpus.skipped).toEqual([]);
    const articles = of("2021-12_混合.pdf");
    expect(articles.map((a) => [a.title, a.textFrom])).toEqual([
      ["热线大厅里一片忙碌", "pdf"],
      [null, "ocr"],
      ["话务员耐心与群众沟通", "ocr"],
      ["便民热线提升服务效率", "pdf"],
    ]);
    expect(squeeze(articles[0]!.body)).not.toContain("接诉即办");
    expect(squeeze(articles[1]!.body)).toContain("深化接诉即办工作机制");
    // Every OCR'd sentence is in a story marked ocr.
    for (const a of articles.filter((x) => x.textFrom === "pdf")) expect(squeeze(a.body)).not.toMatch(/接诉即办|电话铃声/);
  });

  it("joins text at the top of a page to the story before only when that story stops mid-sentence", () => {
    expect(of("2021-12_句末.pdf").map((a) => a.title)).toEqual(["热线大厅里一片忙碌", null]);
    const joined = of("2021-12_句中.pdf");
    expect(joined.map((a) => a.title)).toEqual(["热线大厅里一片忙碌"]);
    expect(squeeze(joined[0]!.body)).toContain("优化服务流程，实现了多渠道诉求统一受理");
  });
});

describe.skipIf(!hasCjkFont())("a PDF with one page pdf.js cannot read", () => {
  it("keeps the pages it can read and reports the one it cannot, in one line", async () => {
    const dir = await emptyArchive("baoku-badpage-");
    try {
      const pdf = join(dir.paperDir, "2021-12_坏页.pdf");
      const page = PAGES[2]!;
      await writeMixedPdf(pdf, [page, page, page]);
      // Page 2 of the page tree points at an object that is not there.
      const bytes = (await readFile(pdf)).toString("latin1");
      const kids = /\/Kids \[(\d+) 0 R (\d+) 0 R (\d+) 0 R\]/.exec(bytes)!;
      const broken = bytes.replace(kids[0], `/Kids [${kids[1]} 0 R ${"9".repeat(kids[2]!.length)} 0 R ${kids[3]} 0 R]`);
      expect(broken).not.toBe(bytes);
      await writeFile(pdf, Buffer.from(broken, "latin1"));
      await writeFile(pdf.replace(/\.pdf$/, ".meta"), "paper: 昌吉日报\ndate: 2021-12\n");
      const loaded = await loadCorpus(join(dir.root, "corpus"));
      // (pdf.js then counts the file as 2 pages: page 3 is past the broken kid.)
      expect(loaded.pages.map((p) => p.filePage)).toContain(1);
      expect(loaded.articles[0]?.title).toBe("便民热线提升服务效率");
      expect(loaded.skipped.map((s) => s.reason)).toEqual([expect.stringMatching(/^.*2021-12_坏页\.pdf：第 2 页无法读取（.+），已跳过$/)]);
    } finally {
      await dir.remove();
    }
  });
});

describe.skipIf(!hasCjkFont())("scanned PDF pages OCR is not let loose on", () => {
  // Tesseract is said to be there; each scan's OCR waits in the cache, so none would run anyway.
  const fakeTools: OcrTools = { tesseract: "tesseract 5.3.0", pdftoppm: true };
  async function read(pages: MixedPage[], options: { ocrBudgetMs?: number } = {}) {
    const dir = await emptyArchive("baoku-ocr-limits-");
    try {
      const pdf = join(dir.paperDir, "2021-12_扫描.pdf");
      const cache = join(dir.root, "ocr-cache");
      await cacheScans(pdf, await writeMixedPdf(pdf, pages), cache, fakeTools);
      const sha256 = createHash("sha256")
        .update(await readFile(pdf))
        .digest("hex");
      return await readLaidOut(pdf, "扫描.pdf", { tokenizer: defaultTokenizer([]), sha256, ocrCacheDir: cache, tools: fakeTools, ...options });
    } finally {
      await dir.remove();
    }
  }

  it("skips a scanned page too large to render (200 dpi over the image pixel cap), reading the rest", async () => {
    // 5000 × 5000 pt at 200 dpi: 13 889 px square, 193 million pixels.
    const huge: MixedPage = { ...PAGES[1]!, size: [5000, 5000] };
    const read_ = await read([PAGES[0]!, huge, PAGES[2]!]);
    expect(read_.pages.map((p) => [p.number, p.via])).toEqual([
      [1, "pdf"],
      [3, "pdf"],
    ]);
    expect(read_.skipped).toEqual(["扫描.pdf：第 2 页页面过大（渲染后 193 百万像素，上限 80），未识别"]);
  });

  it("stops OCR of a file when its time budget is spent, and says how many scans were left", async () => {
    const read_ = await read(PAGES, { ocrBudgetMs: 0 });
    expect(read_.pages.map((p) => p.number)).toEqual([1, 3]);
    expect(read_.skipped).toEqual(["扫描.pdf：文字识别超过时限（0 分钟），其余 1 个扫描页未识别"]);
  });

  it("reads a scanned page of ordinary size from the cache within the budget", async () => {
    const read_ = await read(PAGES);
    expect(read_.pages.map((p) => [p.number, p.via])).toEqual([
      [1, "pdf"],
      [2, "ocr"],
      [3, "pdf"],
    ]);
    expect(read_.skipped).toEqual([]);
  });
});
