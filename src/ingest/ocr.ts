import { spawn } from "node:child_process";
import { mkdir, mkdtemp, readFile, rename, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { AppError } from "../errors.js";
import type { TextBox } from "./layout.js";

/** What a user runs to be able to read scans (Debian/Ubuntu package names). */
export const OCR_INSTALL = "sudo apt-get install -y tesseract-ocr tesseract-ocr-chi-sim poppler-utils";
/** One page's OCR; an A3 page at 200 dpi takes about a minute on two cores. */
export const OCR_TIMEOUT_MS = 10 * 60_000;
/** Resolution scanned PDF pages are rendered at for OCR. */
export const RENDER_DPI = 200;
/** OCR settings that change what is read: part of the cache key. */
const OCR_ARGS = ["-l", "chi_sim", "--psm", "3"];

export interface OcrTools {
  /** `tesseract --version`'s first line, or null when Tesseract or its chi_sim model is missing. */
  tesseract: string | null;
  /** Whether `pdftoppm` (poppler-utils) is there to render scanned PDF pages. */
  pdftoppm: boolean;
}

interface RunResult {
  code: number | null;
  stdout: Buffer;
  stderr: string;
}

/** Runs a command without a shell, with a time limit and a cap on what it may print. */
function run(cmd: string, args: string[], timeoutMs: number, env: NodeJS.ProcessEnv = process.env): Promise<RunResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(cmd, args, { env, stdio: ["ignore", "pipe", "pipe"] });
    const out: Buffer[] = [];
    let size = 0;
    let stderr = "";
    const timer = setTimeout(() => {
      child.kill("SIGKILL");
      reject(new Error(`${cmd} 超时（${Math.round(timeoutMs / 1000)} 秒）`));
    }, timeoutMs);
    child.stdout.on("data", (d: Buffer) => {
      size += d.length;
      if (size > 64 * 1024 * 1024) child.kill("SIGKILL");
      else out.push(d);
    });
    child.stderr.on("data", (d: Buffer) => {
      if (stderr.length < 4000) stderr += d.toString();
    });
    child.on("error", (error) => {
      clearTimeout(timer);
      reject(error);
    });
    child.on("close", (code) => {
      clearTimeout(timer);
      resolve({ code, stdout: Buffer.concat(out), stderr });
    });
  });
}

let found: Promise<OcrTools> | undefined;

/** Which OCR tools this machine has; asked once per process. */
export function findOcrTools(): Promise<OcrTools> {
  found ??= (async () => {
    const version = await run("tesseract", ["--version"], 15_000).catch(() => null);
    const langs = version?.code === 0 ? await run("tesseract", ["--list-langs"], 15_000).catch(() => null) : null;
    const hasChinese = langs !== null && /^chi_sim$/m.test(langs.stdout.toString() + langs.stderr);
    const line = version ? (version.stdout.toString() + version.stderr).split("\n")[0]!.trim() : "";
    const pdftoppm = await run("pdftoppm", ["-v"], 15_000).then(
      (r) => r.code === 0,
      () => false,
    );
    return { tesseract: hasChinese && line ? line : null, pdftoppm };
  })();
  return found;
}

/** Words of a Tesseract TSV, each sized by the height of the line it is in. Pure. */
export function boxesFromTsv(tsv: string): Map<number, TextBox[]> {
  const lines = new Map<string, { top: number; height: number }>();
  const pages = new Map<number, TextBox[]>();
  for (const row of tsv.split("\n").slice(1)) {
    const f = row.split("\t");
    if (f.length < 12) continue;
    const [level, page, block, par, line, , left, top, width, height, conf] = f.slice(0, 11).map(Number);
    const key = `${page}.${block}.${par}.${line}`;
    if (level === 4) lines.set(key, { top: top!, height: height! });
    if (level !== 5) continue;
    const text = f.slice(11).join("\t").trim();
    if (text === "" || conf! < 0) continue;
    const ofLine = lines.get(key) ?? { top: top!, height: height! };
    const boxes = pages.get(page!) ?? [];
    boxes.push({ text, x: left!, y: ofLine.top, width: width!, size: ofLine.height });
    pages.set(page!, boxes);
  }
  return pages;
}

/**
 * Tesseract's TSV for an image, read once: the result is kept in `cacheDir` under `key` (the
 * file's sha256 and page), so a page is never read twice. OMP_THREAD_LIMIT defaults to 1: on a
 * small machine more threads only fight the index build (and each other) for the cores.
 * @throws AppError `corpus:unreadable` when Tesseract fails or takes longer than `timeoutMs`.
 */
export async function ocrImage(image: string, key: string, source: string, cacheDir: string | null, timeoutMs = OCR_TIMEOUT_MS): Promise<string> {
  const cached = cacheDir ? join(cacheDir, `${key}.tsv`) : null;
  if (cached) {
    const hit = await readFile(cached, "utf8").catch(() => null);
    if (hit !== null) return hit;
  }
  const env = { ...process.env, OMP_THREAD_LIMIT: process.env.OMP_THREAD_LIMIT ?? "1" };
  let result: RunResult;
  try {
    result = await run("tesseract", [image, "stdout", ...OCR_ARGS, "tsv"], timeoutMs, env);
  } catch (cause) {
    throw new AppError("corpus:unreadable", `${source}：文字识别失败（${(cause as Error).message}）`, { cause });
  }
  if (result.code !== 0) {
    const why = result.stderr.split("\n").find((l) => /error|cannot|unsupported|read/i.test(l)) ?? `退出码 ${result.code}`;
    throw new AppError("corpus:unreadable", `${source}：不是可识别的图片（${why.trim().slice(0, 120)}）`);
  }
  const tsv = result.stdout.toString("utf8");
  if (cached && cacheDir) {
    await mkdir(cacheDir, { recursive: true });
    const tmp = `${cached}.${process.pid}.tmp`;
    await writeFile(tmp, tsv);
    await rename(tmp, cached);
  }
  return tsv;
}

/**
 * Renders page `page` of a PDF to a PNG with pdftoppm and OCRs it (cached like `ocrImage`).
 * @throws AppError `corpus:unreadable` when rendering or OCR fails.
 */
export async function ocrPdfPage(pdf: string, page: number, key: string, source: string, cacheDir: string | null, timeoutMs = OCR_TIMEOUT_MS): Promise<string> {
  if (cacheDir) {
    const hit = await readFile(join(cacheDir, `${key}.tsv`), "utf8").catch(() => null);
    if (hit !== null) return hit;
  }
  const dir = await mkdtemp(join(tmpdir(), "baoku-render-"));
  try {
    const out = join(dir, "page");
    const rendered = await run(
      "pdftoppm",
      ["-r", String(RENDER_DPI), "-f", String(page), "-l", String(page), "-png", "-singlefile", pdf, out],
      timeoutMs,
    ).catch((cause: Error) => ({ code: -1, stdout: Buffer.alloc(0), stderr: cause.message }));
    if (rendered.code !== 0) throw new AppError("corpus:unreadable", `${source}：第 ${page} 页无法渲染为图片（${rendered.stderr.trim().slice(0, 120)}）`);
    return await ocrImage(`${out}.png`, key, source, cacheDir, timeoutMs);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

/** The cache key of an OCR'd page: the file's digest, the page, and what the reading depends on. */
export function ocrKey(sha256: string, page: number, tools: OcrTools): string {
  const version = (tools.tesseract ?? "").replace(/[^\w.]+/g, "_");
  return `${sha256}-p${page}-${RENDER_DPI}dpi-${OCR_ARGS.join("").replace(/[^\w]+/g, "")}-${version}`;
}
