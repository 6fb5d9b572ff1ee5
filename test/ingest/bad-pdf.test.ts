import { copyFile, readFile, writeFile } from "node:fs/promises";
import { join } from "node:path";
import PDFDocument from "pdfkit";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createApp, type App } from "../../src/app.js";
import { parseConfig } from "../../src/config.js";
import { loadCorpus, type LoadedCorpus } from "../../src/ingest/load-corpus.js";
import { CORPUS_PAPER_DIR, PAGE_FILES } from "./helpers.js";
import { emptyArchive, place, seedPdf, seedSidecar, sharedOcrCache } from "../support/fixtures.js";
import { CJK_FACE, CJK_FONT, hasCjkFont, hasOcrTools } from "../support/paper-pdf.js";

/** A small PDF written with pdfkit: `draw` fills each page. */
async function pdf(pages: number, draw: (doc: PDFKit.PDFDocument, page: number) => void, options: PDFKit.PDFDocumentOptions = {}): Promise<Buffer> {
  const doc = new PDFDocument({ size: "A6", margin: 20, autoFirstPage: false, info: { CreationDate: new Date(0) }, ...options });
  const chunks: Buffer[] = [];
  doc.on("data", (c: Buffer) => chunks.push(c));
  const done = new Promise<void>((resolve) => doc.on("end", () => resolve()));
  for (let p = 1; p <= pages; p++) {
    doc.addPage();
    doc.font(CJK_FONT, CJK_FACE);
    draw(doc, p);
  }
  doc.end();
  await done;
  return Buffer.concat(chunks);
}

// 001, the rain-gauge story: a page of real text, short enough for A6.
const STORY = "今年，呼图壁县投资90万元新建的5座自动雨量监测站全部投入使用，进一步提高了汛期雨情监测数据精准度，全方位织密防汛减灾“安全网”。";

const ocr = hasCjkFont() && (await hasOcrTools());
let archive: Awaited<ReturnType<typeof emptyArchive>>;
let corpus: LoadedCorpus;
const reasonOf = (name: string) => corpus.skipped.filter((s) => s.source.endsWith(`/${name}`)).map((s) => s.reason);

// Only the pages that have no usable text layer need Tesseract; the rest is read without it.
describe.skipIf(!hasCjkFont())("bad PDFs and images: each reported in one line and skipped, the rest read", () => {
  beforeAll(async () => {
    archive = await emptyArchive("baoku-bad-pdf-");
    const dir = archive.paperDir;
    await copyFile(join(CORPUS_PAPER_DIR, PAGE_FILES["2025-07"]), join(dir, PAGE_FILES["2025-07"]));
    const good = await readFile(await seedPdf("2021-12", "broadsheet"));
    await place(await seedPdf("2021-12", "broadsheet"), dir, "2021-12_good.pdf", await seedSidecar("2021-12"));
    await writeFile(join(dir, "2025-01_encrypted.pdf"), await pdf(1, (d) => d.fontSize(9).text(STORY), { userPassword: "baoku", ownerPassword: "owner" }));
    await writeFile(
      join(dir, "2025-01_corrupt.pdf"),
      Buffer.concat([Buffer.from("%PDF-1.7\n"), Buffer.from(Array.from({ length: 4000 }, (_, i) => (i * 97) % 256))]),
    );
    await writeFile(join(dir, "2025-01_truncated.pdf"), good.subarray(0, Math.floor(good.length * 0.3)));
    await writeFile(join(dir, "2025-01_not-a-pdf.pdf"), Buffer.from("这不是PDF，只是改了扩展名的文本。"));
    await writeFile(join(dir, "2025-01_300pages.pdf"), await pdf(300, (d, p) => d.fontSize(9).text(`第${p}页 ${STORY}`)));
    // Latin-1 where Chinese should be: what a wrong font mapping extracts.
    await writeFile(join(dir, "2025-01_garbage.pdf"), await pdf(1, (d) => d.font("Helvetica").fontSize(9).text("ÌÈÕÁ¾ÆÅÖÐÄÜÎÒÃÇÀÈÎÆÕÜÄÁ ".repeat(12))));
    // A picture with no text at all, and bytes named .png that are no image.
    await writeFile(join(dir, "2025-01_photo.pdf"), await pdf(1, (d) => d.circle(140, 200, 80).fill("#888")));
    await writeFile(join(dir, "2025-01_broken.png"), Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 1, 2, 3]));
    await writeFile(join(dir, "2025-01_text.jpg"), Buffer.from("not a jpeg"));
    corpus = await loadCorpus(join(archive.root, "corpus"), undefined, { ocrCacheDir: await sharedOcrCache() });
  }, 600_000);
  afterAll(() => archive?.remove());

  const oneLine = (name: string, why: RegExp) => {
    const reasons = reasonOf(name);
    expect(reasons).toHaveLength(1);
    expect(reasons[0]).toMatch(why);
    expect(reasons[0]).toContain(name);
    expect(reasons[0]).not.toContain("\n");
    expect(corpus.pages.some((p) => p.source.endsWith(`/${name}`))).toBe(false);
  };

  it.each([
    ["2025-01_encrypted.pdf", /加密/],
    ["2025-01_corrupt.pdf", /不是有效的 PDF|无法打开|没有可读/],
    ["2025-01_not-a-pdf.pdf", /不是PDF/],
    ["2025-01_text.jpg", /不是JPEG/],
  ])("%s: one Chinese line naming the file and why", oneLine);

  describe.skipIf(!ocr)("pages OCR would read", () => {
    it.each([
      ["2025-01_garbage.pdf", /乱码|没有识别出/],
      ["2025-01_photo.pdf", /没有识别出|没有文字层/],
      ["2025-01_broken.png", /不是可识别的图片/],
    ])("%s: one Chinese line naming the file and why", oneLine);
  });

  it("a PDF cut to its first 30% is skipped as damaged: pdf.js cannot open it without its cross-reference table", () => {
    expect(corpus.pages.filter((p) => p.source.endsWith("/2025-01_truncated.pdf"))).toEqual([]);
    expect(reasonOf("2025-01_truncated.pdf")).toEqual([expect.stringMatching(/2025-01_truncated\.pdf：不是有效的 PDF 文件（已损坏或被截断）$/)]);
  });

  it("reads all 300 pages of a long PDF, each a page of its own", () => {
    const pages = corpus.pages.filter((p) => p.source.endsWith("/2025-01_300pages.pdf"));
    expect(pages).toHaveLength(300);
    const bodies = corpus.articles.filter((a) => a.source.endsWith("/2025-01_300pages.pdf")).map((a) => a.body);
    expect(bodies.some((b) => b.includes("第300页"))).toBe(true);
  });

  it("still reads the good PDF and the text page beside the bad ones", () => {
    expect(corpus.pages.some((p) => p.source.endsWith("/2021-12_good.pdf"))).toBe(true);
    expect(corpus.pages.some((p) => p.source.endsWith(`/${PAGE_FILES["2025-07"]}`))).toBe(true);
  });
});

// A text-layer PDF and two files that do not open: nothing here needs OCR.
describe.skipIf(!hasCjkFont())("the previous index keeps answering when bad files arrive", () => {
  let app: App;
  let dir: Awaited<ReturnType<typeof emptyArchive>>;
  beforeAll(async () => {
    dir = await emptyArchive("baoku-bad-index-");
    await place(await seedPdf("2021-12", "broadsheet"), dir.paperDir, "2021-12_热线.pdf", await seedSidecar("2021-12"));
    const config = parseConfig({ CORPUS_DIR: join(dir.root, "corpus"), INDEX_DIR: join(dir.root, "data", "index"), LOG_LEVEL: "silent" });
    await createApp(config);
    await writeFile(join(dir.paperDir, "2025-01_corrupt.pdf"), Buffer.from("%PDF-1.4\n%%EOF garbage"));
    await writeFile(join(dir.paperDir, "2025-01_encrypted.pdf"), await pdf(1, (d) => d.fontSize(9).text(STORY), { userPassword: "x", ownerPassword: "y" }));
    app = await createApp(config);
  }, 300_000);
  afterAll(() => dir?.remove());

  it("rebuilds, lists the bad files as skipped, and answers from the good PDF", async () => {
    expect(app.index.manifest.skipped.map((s) => s.source.split("/").pop()).sort()).toEqual(["2025-01_corrupt.pdf", "2025-01_encrypted.pdf"]);
    const r = await app.answerer.answer("昌吉州12345热线自10月10日归并整合以来接到了多少件有效诉求？");
    expect(r.answered).toBe(true);
    expect(r.citations[0]?.source).toMatch(/2021-12_热线\.pdf$/);
  });
});
