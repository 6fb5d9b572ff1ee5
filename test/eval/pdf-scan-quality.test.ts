import { copyFile } from "node:fs/promises";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { formatCitation } from "../../src/answer/citation.js";
import { createApp } from "../../src/app.js";
import { parseConfig } from "../../src/config.js";
import { readQuestions, type EvalQuestion } from "../../src/eval/questions.js";
import { judgeAnswer } from "../../src/eval/score-answers.js";
import { CORPUS_PAPER_DIR, PAGE_FILES } from "../ingest/helpers.js";
import { emptyArchive, place, type SeedDate, seedPdf, seedScans, seedSidecar, seedStem, sharedOcrCache } from "../support/fixtures.js";
import { hasCjkFont, hasOcrTools } from "../support/paper-pdf.js";

// How well each page's questions are answered from its PDF and from its scan, against its .txt.
// The questions are the project's (test/eval/questions.jsonl and the shared development set); a
// question belongs to a page when its source_date is that page's date. Only the form of the page
// changes between the three archives: each holds that one page and the project's userdict.txt.
const PAGES: SeedDate[] = ["2021-12", "2025-05-29", "2025-07", "2025-08-07", "2025-12-23"];
type Form = "txt" | "pdf" | "scan";

const ocr = hasCjkFont() && (await hasOcrTools());
const scores = new Map<string, { right: number; of: number; wrong: string[]; ocrMarked: boolean[] }>();
const archives: Array<{ remove(): Promise<void> }> = [];
let questions: EvalQuestion[] = [];

async function archiveOf(date: SeedDate, form: Form): Promise<string> {
  const a = await emptyArchive(`baoku-quality-${form}-`);
  archives.push(a);
  await copyFile(join(CORPUS_PAPER_DIR, "..", "userdict.txt"), join(a.root, "corpus", "userdict.txt"));
  const sidecar = await seedSidecar(date);
  if (form === "txt") await copyFile(join(CORPUS_PAPER_DIR, PAGE_FILES[date]), join(a.paperDir, PAGE_FILES[date]));
  if (form === "pdf") await place(await seedPdf(date, "broadsheet"), a.paperDir, `${seedStem(date)}.pdf`, sidecar);
  if (form === "scan") {
    for (const [i, scan] of (await seedScans(date)).entries()) await place(scan, a.paperDir, `${seedStem(date)}_扫描${i + 1}.png`, sidecar);
  }
  return a.root;
}

async function score(date: SeedDate, form: Form): Promise<void> {
  const root = await archiveOf(date, form);
  const config = parseConfig({ CORPUS_DIR: join(root, "corpus"), INDEX_DIR: join(root, "data", "index"), LOG_LEVEL: "silent" });
  // The scans' OCR is shared by every test of the run (and the next): one minute a page, once.
  if (form === "scan") await copyOcrCache(join(root, "data"));
  const app = await createApp(config);
  const mine = questions.filter((q) => q.answerable && q.source_date && date.startsWith(q.source_date));
  const results = await Promise.all(mine.map((q) => app.answerer.answer(q.question)));
  const verdicts = mine.map((q, i) => judgeAnswer(q, results[i]!));
  scores.set(`${date} ${form}`, {
    right: verdicts.filter((v) => v.ok).length,
    of: mine.length,
    wrong: verdicts.filter((v) => !v.ok).map((v) => `${v.id} ${v.why}`),
    ocrMarked: results.flatMap((r) => r.citations.map((c) => c.ocr === true && formatCitation(c).includes("识别文本"))),
  });
}

/** Points the archive's OCR cache (beside its index) at the run's shared one. */
async function copyOcrCache(dataDir: string): Promise<void> {
  const { symlink, mkdir } = await import("node:fs/promises");
  await mkdir(dataDir, { recursive: true });
  const shared = await sharedOcrCache();
  await mkdir(shared, { recursive: true });
  await symlink(shared, join(dataDir, "ocr-cache"), "dir");
}

describe.skipIf(!ocr)("answer quality: the same page as text, as a PDF, and as a scan", () => {
  beforeAll(async () => {
    const own = await readQuestions("test/eval/questions.jsonl");
    const dev = await readQuestions("test/eval/dev-questions.jsonl");
    const seen = new Set<string>();
    questions = [...own, ...dev].filter((q) => !seen.has(q.question) && seen.add(q.question));
    for (const date of PAGES) for (const form of ["txt", "pdf", "scan"] as const) await score(date, form);
    const lines = [...scores].map(([k, s]) => `${k}: ${s.right}/${s.of}${s.wrong.length ? `（错：${s.wrong.join("；")}）` : ""}`);
    process.stderr.write(`\n答案质量（txt / pdf / scan）：\n${lines.join("\n")}\n`);
  }, 900_000);
  afterAll(async () => {
    for (const a of archives) await a.remove();
  });

  it.each(PAGES)("%s: the page has questions to score", (date) => {
    expect(scores.get(`${date} txt`)!.of).toBeGreaterThanOrEqual(4);
  });

  it.each(PAGES)("%s: its PDF answers as well as its text", (date) => {
    expect(scores.get(`${date} pdf`)!.right).toBeGreaterThanOrEqual(scores.get(`${date} txt`)!.right);
  });

  it.each(PAGES)("%s: its scan answers at least 70% as well as its text", (date) => {
    expect(scores.get(`${date} scan`)!.right).toBeGreaterThanOrEqual(0.7 * scores.get(`${date} txt`)!.right);
  });

  it.each(PAGES)("%s: every citation of the scan says it is recognised text, none of the text or PDF does", (date) => {
    const scan = scores.get(`${date} scan`)!.ocrMarked;
    expect(scan.length).toBeGreaterThan(0);
    expect(scan.every(Boolean)).toBe(true);
    for (const form of ["txt", "pdf"]) expect(scores.get(`${date} ${form}`)!.ocrMarked.some(Boolean)).toBe(false);
  });

  it("the text pages themselves answer most of their questions (else the comparison means little)", () => {
    const txt = PAGES.map((d) => scores.get(`${d} txt`)!);
    expect(txt.reduce((n, s) => n + s.right, 0)).toBeGreaterThanOrEqual(0.7 * txt.reduce((n, s) => n + s.of, 0));
  });
});
