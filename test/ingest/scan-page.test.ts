import { createHash } from "node:crypto";
import { cp, mkdir, mkdtemp, readdir, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ocrCacheDir } from "../../src/index/files.js";
import { loadCorpus, type LoadedCorpus } from "../../src/ingest/load-corpus.js";
import { parsePage } from "../../src/ingest/parse-page.js";
import { defaultTokenizer } from "../../src/text/tokenize.js";
import { appEnv, runScript } from "../cli/run.js";
import { emptyArchive, place, seedImagePdf, seedPdf, seedScans, seedSidecar, sharedOcrCache } from "../support/fixtures.js";
import { hasCjkFont, hasOcrTools } from "../support/paper-pdf.js";
import { CORPUS_PAPER_DIR, PAGE_FILES } from "./helpers.js";

const ocr = hasCjkFont() && (await hasOcrTools());
const squeeze = (s: string) => s.replace(/\s+/g, "");
const TXT = parsePage(await readFile(join(CORPUS_PAPER_DIR, PAGE_FILES["2021-12"]), "utf8"), "x", defaultTokenizer([]));

let archive: Awaited<ReturnType<typeof emptyArchive>>;
let corpus: LoadedCorpus;
let cache: string;
const of = (name: string) => corpus.articles.filter((a) => a.source.endsWith(`/${name}`));

describe.skipIf(!ocr)("scanned pages: page images and image-only PDFs, read by OCR", () => {
  beforeAll(async () => {
    archive = await emptyArchive("baoku-scan-");
    const sidecar = await seedSidecar("2021-12");
    await place((await seedScans("2021-12"))[0]!, archive.paperDir, "2021-12_热线扫描.png", sidecar);
    await place(await seedImagePdf("2021-12"), archive.paperDir, "2021-12_热线扫描版.pdf", sidecar);
    // A private copy of the run's OCR cache: the test below edits it.
    cache = join(archive.root, "data", "ocr-cache");
    await mkdir(cache, { recursive: true });
    await cp(await sharedOcrCache(), cache, { recursive: true }).catch(() => {});
    corpus = await loadCorpus(join(archive.root, "corpus"), undefined, { ocrCacheDir: cache });
    await cp(cache, await sharedOcrCache(), { recursive: true });
  }, 600_000);
  afterAll(() => archive?.remove());

  it("reads both, marks them as OCR'd, and takes their metadata from the sidecar", () => {
    expect(corpus.skipped).toEqual([]);
    expect(corpus.pages.map((p) => [p.source.split("/").pop(), p.via, p.meta.date, p.meta.dateInferred])).toEqual([
      ["2021-12_热线扫描.png", "ocr", "2021-12", true],
      ["2021-12_热线扫描版.pdf", "ocr", "2021-12", true],
    ]);
    for (const a of corpus.articles) expect(a.textFrom).toBe("ocr");
  });

  it.each(["2021-12_热线扫描.png", "2021-12_热线扫描版.pdf"])("%s: finds the headlines and most of the text verbatim, Chinese without spaces", (name) => {
    const titles = of(name).map((a) => squeeze(a.title ?? ""));
    expect(titles).toContain("我州扎实推进政务服务标准化数字化建设");
    const text = squeeze(
      of(name)
        .map((a) => [a.body, ...a.captions].join(""))
        .join(""),
    );
    const sentences = TXT.articles
      .flatMap((a) => a.body.split(/(?<=。)/u))
      .map(squeeze)
      .filter((s) => s.length > 8);
    expect(sentences.filter((s) => text.includes(s)).length / sentences.length).toBeGreaterThanOrEqual(0.5);
    expect(of(name).some((a) => /\p{Script=Han} \p{Script=Han}/u.test(a.body))).toBe(false);
  });

  it("keeps each page's OCR in the cache, keyed by the file's hash, and reads it from there next time", async () => {
    const png = join(archive.paperDir, "2021-12_热线扫描.png");
    const sha256 = createHash("sha256")
      .update(await readFile(png))
      .digest("hex");
    const files = (await readdir(cache)).filter((f) => f.startsWith(sha256));
    expect(files).toHaveLength(1);
    // Change a word in the cached output: a second load that shows it did not OCR again.
    const path = join(cache, files[0]!);
    const tsv = await readFile(path, "utf8");
    expect(tsv).toContain("热线");
    await writeFile(path, tsv.replaceAll("热线", "热綫"));
    const again = await loadCorpus(join(archive.root, "corpus"), undefined, { ocrCacheDir: cache });
    const body = again.articles.filter((a) => a.source.endsWith(".png")).map((a) => a.body + (a.title ?? ""));
    expect(body.join("")).toContain("热綫");
    // A new sidecar changes the metadata, not the OCR: still read from the cache.
    await writeFile(png.replace(/\.png$/, ".meta"), "date: 2021-12-28\ndateInferred: true\n");
    const third = await loadCorpus(join(archive.root, "corpus"), undefined, { ocrCacheDir: cache });
    expect(third.pages.find((p) => p.source.endsWith(".png"))?.meta.date).toBe("2021-12-28");
    expect(third.articles.some((a) => a.source.endsWith(".png") && (a.body + (a.title ?? "")).includes("热綫"))).toBe(true);
  });
});

describe.skipIf(!hasCjkFont())("without Tesseract", () => {
  let root: string;
  beforeAll(async () => {
    root = await mkdtemp(join(tmpdir(), "baoku-no-ocr-"));
    const dir = join(root, "corpus", "昌吉日报");
    await mkdir(dir, { recursive: true });
    await place(await seedPdf("2021-12", "broadsheet"), dir, "2021-12_热线.pdf", await seedSidecar("2021-12"));
    await writeFile(join(dir, "2021-12_扫描.png"), await readFile((await seedScans("2021-12"))[0]!));
    await cp(join(CORPUS_PAPER_DIR, PAGE_FILES["2025-07"]), join(dir, PAGE_FILES["2025-07"]));
  }, 300_000);
  afterAll(() => rm(root, { recursive: true, force: true }));

  it("npm run corpus lists the PDF and the text page, and names the install command for the scan", async () => {
    // An empty PATH: no tesseract, no pdftoppm (node itself is started by its full path).
    const empty = await mkdtemp(join(tmpdir(), "baoku-empty-path-"));
    const env = { ...appEnv({ CORPUS_DIR: join(root, "corpus"), INDEX_DIR: join(root, "data", "index") }), PATH: empty };
    const run = await runScript("corpus.ts", [], { env });
    await rm(empty, { recursive: true, force: true });
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/2021-12_热线\.pdf · PDF 文字层/);
    expect(run.stdout).toContain(PAGE_FILES["2025-07"]);
    const skipped = run.stdout.split("\n").filter((l) => l.startsWith("已跳过："));
    expect(skipped).toHaveLength(1);
    expect(skipped[0]).toContain("2021-12_扫描.png");
    expect(skipped[0]).toContain("apt-get install -y tesseract-ocr tesseract-ocr-chi-sim");
    expect(ocrCacheDir(join(root, "data", "index"))).toBe(join(root, "data", "ocr-cache"));
  }, 120_000);
});
