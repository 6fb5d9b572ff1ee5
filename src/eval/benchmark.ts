import { mkdir, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { z } from "zod";
import { createApp, type App, type AppOptions } from "../app.js";
import { parseConfig } from "../config.js";
import { normalizeText } from "../text/normalize.js";

/** SQuAD-style reading comprehension JSON (CMRC 2018, DRCD, …): only the fields Baoku reads. */
const squadSchema = z.object({
  data: z.array(
    z.object({
      title: z.string().optional(),
      paragraphs: z.array(
        z.object({
          id: z.string().optional(),
          context: z.string(),
          qas: z.array(
            z.object({
              id: z.union([z.string(), z.number()]).transform(String),
              question: z.string(),
              answers: z.array(z.object({ text: z.string() })).default([]),
              is_impossible: z.boolean().optional(),
            }),
          ),
        }),
      ),
    }),
  ),
});

/** One question of a benchmark, tied to the page its paragraph became. */
export interface BenchmarkQuestion {
  id: string;
  question: string;
  /** Gold answers, end punctuation removed; empty for impossible questions. */
  golds: string[];
  /** 0-based number of the paragraph (= page) the question is about. */
  page: number;
  /** The page was left out of the archive: the right response is a refusal. */
  leftOut: boolean;
  impossible: boolean;
}

export interface BenchmarkPage {
  page: number;
  title: string;
  context: string;
  leftOut: boolean;
  /** The file name the page gets in the temporary archive. */
  file: string;
}

export interface Benchmark {
  pages: BenchmarkPage[];
  questions: BenchmarkQuestion[];
  /** YES/NO and empty questions, not scored. */
  skipped: number;
}

/** The paper name benchmark pages are filed under. */
export const BENCHMARK_PAPER = "评测集";
/** Every LEAVE_OUT-th paragraph is not put in the archive; its questions must be refused. */
export const LEAVE_OUT = 10;

/** Removes the end punctuation a gold answer may carry (。，, quotes) before comparing. */
export function cleanGold(text: string): string {
  return text.trim().replace(/^[“”"「」『』《》（）()\s]+|[。，、；：！？.,;:!?“”"「」『』《》（）()\s]+$/gu, "");
}

/** The page of paragraph `n`: a date in 2020 (one a day, all one year), the number as issue. */
export function pageDate(n: number): string {
  return new Date(Date.UTC(2020, 0, 1 + (n % 366))).toISOString().slice(0, 10);
}

export const pageFile = (n: number) => `${String(n + 1).padStart(5, "0")}.txt`;

/**
 * Reads a SQuAD-style file. Paragraph n becomes page n; every LEAVE_OUT-th page (n % 10 = 9) is
 * left out. YES/NO answers and empty questions are skipped.
 * @throws Error when the file is not SQuAD-shaped JSON.
 */
export async function readBenchmark(path: string): Promise<Benchmark> {
  const parsed = squadSchema.safeParse(JSON.parse(await readFile(path, "utf8")));
  if (!parsed.success) throw new Error(`${path}：不是 SQuAD 格式的阅读理解数据（${parsed.error.issues[0]?.message}）`);
  const pages: BenchmarkPage[] = [];
  const questions: BenchmarkQuestion[] = [];
  let skipped = 0;
  for (const item of parsed.data.data) {
    for (const paragraph of item.paragraphs) {
      const page = pages.length;
      const leftOut = page % LEAVE_OUT === LEAVE_OUT - 1;
      pages.push({ page, title: item.title?.trim() || `第${page + 1}篇`, context: paragraph.context, leftOut, file: pageFile(page) });
      for (const qa of paragraph.qas) {
        const golds = [...new Set(qa.answers.map((a) => cleanGold(a.text)).filter(Boolean))];
        const impossible = qa.is_impossible === true || golds.length === 0;
        if (!qa.question.trim() || golds.some((g) => /^(?:YES|NO)$/iu.test(g))) {
          skipped++;
          continue;
        }
        questions.push({ id: qa.id, question: qa.question.trim(), golds: impossible ? [] : golds, page, leftOut, impossible });
      }
    }
  }
  return { pages, questions, skipped };
}

/**
 * Writes the pages that are not left out as a corpus folder (`<dir>/评测集/00001.txt`), each with
 * front matter (paper, date, issue, page) and its title as a `#` headline, so that they are read
 * by the normal ingest path.
 */
export async function writeBenchmarkCorpus(benchmark: Benchmark, dir: string): Promise<void> {
  const folder = join(dir, BENCHMARK_PAPER);
  await mkdir(folder, { recursive: true });
  for (const p of benchmark.pages) {
    if (p.leftOut) continue;
    const front = ["---", `paper: ${BENCHMARK_PAPER}`, `date: ${pageDate(p.page)}`, `issue: ${p.page + 1}`, "page: 1", "---"].join("\n");
    await writeFile(join(folder, p.file), `${front}\n# ${p.title}\n\n${p.context.trim()}\n`, "utf8");
  }
}

/**
 * Whether an answer (citation markers removed) holds one of the gold answers. The gold is
 * normalised as the archive's pages are at ingest (ASCII punctuation in Chinese text → full
 * width, figures untouched), so a gold "(例如和)" matches the page's "（例如和）".
 */
export function holdsGold(answer: string, golds: readonly string[]): boolean {
  const squash = (s: string) => normalizeText(s).replace(/\s+/g, "");
  const text = squash(answer.replace(/\[\d+\]/g, ""));
  return golds.some((g) => text.includes(squash(g)));
}

/** A benchmark read and loaded as a temporary archive, with its index built. */
export interface BenchmarkArchive {
  benchmark: Benchmark;
  app: App;
  /** Removes the temporary archive and index. */
  close(): Promise<void>;
}

/**
 * Reads a SQuAD-style file and builds a temporary archive of it (every LEAVE_OUT-th page left
 * out), answered by the normal pipeline.
 */
export async function openBenchmark(path: string, options: AppOptions = {}): Promise<BenchmarkArchive> {
  const benchmark = await readBenchmark(path);
  const dir = await mkdtemp(join(tmpdir(), "baoku-benchmark-"));
  try {
    await writeBenchmarkCorpus(benchmark, join(dir, "corpus"));
    const config = parseConfig({ CORPUS_DIR: join(dir, "corpus"), INDEX_DIR: join(dir, "index"), LOG_LEVEL: "silent" });
    const app = await createApp(config, options);
    return { benchmark, app, close: () => rm(dir, { recursive: true, force: true }) };
  } catch (error) {
    await rm(dir, { recursive: true, force: true });
    throw error;
  }
}
