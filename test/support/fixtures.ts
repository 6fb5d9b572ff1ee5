import { createHash } from "node:crypto";
import { existsSync } from "node:fs";
import { copyFile, mkdir, mkdtemp, readdir, readFile, rename, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { CORPUS_PAPER_DIR, PAGE_FILES } from "../ingest/helpers.js";
import { imageOnlyPdf, type Layout, renderPages, seedArticles, writePaperPdf, writeReportlabPdf } from "./paper-pdf.js";

export type SeedDate = keyof typeof PAGE_FILES;

/** Scans are rendered at this resolution (a newsroom's scanner: 200–300 dpi). */
export const SCAN_DPI = 200;

/**
 * A folder shared by the test files of one run (and the next): fixtures are made once, and OCR
 * output cached there is reused. Its name holds a digest of the generator, so a changed
 * generator makes fresh fixtures.
 */
async function fixtureRoot(): Promise<string> {
  const generator = await readFile(new URL("./paper-pdf.ts", import.meta.url));
  const digest = createHash("sha256").update(generator).digest("hex").slice(0, 12);
  const root = join(tmpdir(), `baoku-pdf-fixtures-${digest}`);
  await mkdir(root, { recursive: true });
  return root;
}

/** Where OCR output of the fixtures is kept for every test of the run. */
export async function sharedOcrCache(): Promise<string> {
  return join(await fixtureRoot(), "ocr-cache");
}

/** Makes `name` under the fixture root with `make(tmpPath)` unless it is there (atomic). */
async function once(name: string, make: (tmp: string) => Promise<void>): Promise<string> {
  const path = join(await fixtureRoot(), name);
  if (existsSync(path)) return path;
  const tmp = `${path}.${process.pid}.${Date.now()}.tmp`;
  await make(tmp);
  await rename(tmp, path).catch(async () => rm(tmp, { recursive: true, force: true }));
  return path;
}

const stem = (date: SeedDate) => PAGE_FILES[date].replace(/\.txt$/, "");

/** The seed page's front matter, as a sidecar would hold it. */
export async function seedSidecar(date: SeedDate): Promise<string> {
  return (await seedArticles(join(CORPUS_PAPER_DIR, PAGE_FILES[date]))).sidecar;
}

/** The seed page as an e-paper PDF in `layout` (no sidecar: the caller decides). */
export async function seedPdf(date: SeedDate, layout: Layout): Promise<string> {
  return once(`${stem(date)}_${layout}.pdf`, async (tmp) => {
    const { articles, masthead } = await seedArticles(join(CORPUS_PAPER_DIR, PAGE_FILES[date]));
    await writePaperPdf(tmp, articles, masthead, layout);
  });
}

/** The seed page as ReportLab sets it (another writer, another layout), with `python`. */
export async function seedReportlabPdf(date: SeedDate, python: string): Promise<string> {
  return once(`${stem(date)}_reportlab.pdf`, async (tmp) => {
    const { articles } = await seedArticles(join(CORPUS_PAPER_DIR, PAGE_FILES[date]));
    await writeReportlabPdf(python, tmp, articles);
  });
}

/** The broadsheet PDF's pages as greyscale scans (PNG), in page order. */
export async function seedScans(date: SeedDate): Promise<string[]> {
  const dir = await once(`${stem(date)}_scans`, async (tmp) => {
    await mkdir(tmp, { recursive: true });
    await renderPages(await seedPdf(date, "broadsheet"), join(tmp, "page"), SCAN_DPI);
  });
  return (await readdir(dir))
    .filter((f) => f.endsWith(".png"))
    .sort()
    .map((f) => join(dir, f));
}

/** The scans wrapped in a PDF with no text layer at all, as a scanner's PDF is. */
export async function seedImagePdf(date: SeedDate): Promise<string> {
  return once(`${stem(date)}_scan.pdf`, async (tmp) => imageOnlyPdf(tmp, await seedScans(date), 842, 1191));
}

/** A fresh corpus folder `<tmp>/corpus/昌吉日报/` to put pages into; `remove()` deletes it. */
export async function emptyArchive(prefix: string): Promise<{ root: string; paperDir: string; remove(): Promise<void> }> {
  const root = await mkdtemp(join(tmpdir(), prefix));
  const paperDir = join(root, "corpus", "昌吉日报");
  await mkdir(paperDir, { recursive: true });
  return { root, paperDir, remove: () => rm(root, { recursive: true, force: true }) };
}

/** Copies `file` into `dir` as `name`, with `sidecar` beside it as `<name>.meta` when given. */
export async function place(file: string, dir: string, name: string, sidecar?: string): Promise<string> {
  const to = join(dir, name);
  await copyFile(file, to);
  if (sidecar !== undefined) await writeFile(to.replace(/\.[^.]+$/, ".meta"), sidecar);
  return to;
}

export { stem as seedStem };
