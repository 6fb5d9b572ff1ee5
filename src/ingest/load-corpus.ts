import { createHash } from "node:crypto";
import { readdir, readFile, realpath, stat } from "node:fs/promises";
import { join, relative, sep } from "node:path";
import { AppError } from "../errors.js";
import { defaultTokenizer } from "../text/tokenize.js";
import { decodePage } from "./decode.js";
import { LAID_OUT, MAX_LAID_OUT_BYTES, readLaidOut, type TextSource } from "./laid-out-page.js";
import { findOcrTools } from "./ocr.js";
import { parsePage } from "./parse-page.js";
import { pageFrontMatter, readSidecar, SIDECAR, sidecarPath } from "./sidecar.js";
import type { Article, PageMeta } from "./types.js";

/** Pages larger than this are not newspaper pages (a whole PDF dump, a log…). */
export const MAX_PAGE_BYTES = 5 * 1024 * 1024;
/** The operator's extra words for the tokenizer, one a line, in the corpus folder. */
export const USER_DICT = "userdict.txt";

export interface CorpusPage {
  source: string;
  meta: PageMeta;
  articles: number;
  /** sha256 of the file's bytes: what the index fingerprint is made of. */
  sha256: string;
  /** For a PDF or image: how the text was obtained (its text layer, or OCR). Absent for .txt. */
  via?: TextSource;
  /** For a PDF or image: the page of the file (1-based). */
  filePage?: number;
}

export interface LoadedCorpus {
  articles: Article[];
  pages: CorpusPage[];
  /** Files that were not indexed, each with why. */
  skipped: Array<{ source: string; reason: string }>;
  /** Metadata lines that were not understood (the page was still read). */
  problems: Array<{ source: string; problem: string }>;
  /** Extra tokenizer words from `userdict.txt`. */
  userWords: string[];
}

/** The path shown in citations: relative to the working directory when inside it. */
export function displayPath(file: string): string {
  const rel = relative(process.cwd(), file);
  return (rel.startsWith("..") ? file : rel).split(sep).join("/");
}

async function listPages(dir: string): Promise<string[]> {
  const out: string[] = [];
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.name.startsWith(".")) continue;
    const isDirectory = entry.isDirectory() || (entry.isSymbolicLink() && (await stat(path).catch(() => null))?.isDirectory());
    if (isDirectory) out.push(...(await listPages(path)));
    else if ((/\.(txt|text)$/i.test(entry.name) && entry.name !== USER_DICT) || LAID_OUT.test(entry.name)) out.push(path);
  }
  return out.sort();
}

/**
 * A page must really live inside the corpus folder: a link that leads elsewhere (another
 * user's files, /etc) is refused.
 * @throws AppError `corpus:outside`.
 */
async function assertInside(root: string, file: string, source: string): Promise<void> {
  const [realRoot, realFile] = await Promise.all([realpath(root), realpath(file)]);
  if (!realFile.startsWith(realRoot + sep)) throw new AppError("corpus:outside", `${source} → ${realFile}`);
}

/**
 * Reads `userdict.txt` (`word [frequency] [part of speech]` per line, # comments); missing file →
 * no words. Each entry is kept whole, white space folded.
 */
export async function readUserWords(dir: string): Promise<string[]> {
  try {
    const text = await readFile(join(dir, USER_DICT), "utf8");
    return text
      .split(/\r?\n/)
      .map((l) => l.replace(/#.*/, "").trim().split(/\s+/).join(" "))
      .filter((w) => w.length > 0);
  } catch {
    return [];
  }
}

export interface CorpusFile {
  path: string;
  source: string;
  /** The path inside the corpus folder: the same wherever the program is started from. */
  name: string;
  /** sha256 of the bytes, or of "size:<n>" for a file too large to be a page. */
  sha256: string;
}

/**
 * Lists the page files under `dir` with a digest of each: enough to tell whether anything changed
 * without parsing.
 * @throws AppError `corpus:missing` when `dir` does not exist or is not a folder.
 */
export async function scanCorpus(dir: string): Promise<CorpusFile[]> {
  const out: CorpusFile[] = [];
  for (const path of await corpusFiles(dir)) {
    const outside = await assertInside(dir, path, path).then(
      () => false,
      () => true,
    );
    const size = outside ? 0 : (await stat(path)).size;
    const digest = outside ? "outside" : size > maxBytes(path) ? `size:${size}` : await pageDigest(path);
    out.push({ path, source: displayPath(path), name: relative(dir, path).split(sep).join("/"), sha256: digest });
  }
  return out;
}

/** The size beyond which a file is not one page. */
const maxBytes = (path: string) => (LAID_OUT.test(path) ? MAX_LAID_OUT_BYTES : MAX_PAGE_BYTES);

/**
 * A page file's digest: sha256 of its bytes; for a PDF or image also of its sidecar and of the OCR
 * tools present, so that installing Tesseract (or editing the sidecar) rebuilds the index.
 */
async function pageDigest(path: string): Promise<string> {
  const bytes = await readFile(path);
  const plain = createHash("sha256").update(bytes).digest("hex");
  if (!LAID_OUT.test(path)) return plain;
  // An undecodable sidecar is reported when the page is read; here its bytes stand for it.
  const sidecar = await readSidecar(path).catch(async () =>
    createHash("sha256")
      .update(await readFile(sidecarPath(path)))
      .digest("hex"),
  );
  const tools = await findOcrTools();
  return createHash("sha256")
    .update(`${plain}\nmeta ${sidecar ?? ""}\nocr ${tools.tesseract ?? "none"} ${tools.pdftoppm}`)
    .digest("hex");
}

/** The page files of a corpus folder. @throws AppError `corpus:missing` when it is not a folder. */
async function corpusFiles(dir: string): Promise<string[]> {
  try {
    if (!(await stat(dir)).isDirectory()) throw new Error("not a directory");
    return await listPages(dir);
  } catch (cause) {
    throw new AppError("corpus:missing", dir, { cause });
  }
}

/**
 * Reads every page file under `dir` (recursively, `*.txt`) into articles. A file that cannot be
 * read (empty, binary, undecodable, too large) is reported in `skipped` and the rest goes on.
 * `onPage` is called after each file, for progress; `options.only` reads just some files.
 * @throws AppError `corpus:missing` when `dir` does not exist or is not a folder.
 */
export interface LoadOptions {
  /** Where OCR output is kept (beside the index), so each scanned page is read once; none: not kept. */
  ocrCacheDir?: string;
  /** Read just these files (paths as `scanCorpus` gives them): an index update reads the pages added or changed. */
  only?: ReadonlySet<string>;
}

export async function loadCorpus(
  dir: string,
  onPage: (done: number, total: number, source: string, note?: string) => void = () => {},
  options: LoadOptions = {},
): Promise<LoadedCorpus> {
  const only = options.only;
  const files = (await corpusFiles(dir)).filter((f) => !only || only.has(f));
  const userWords = await readUserWords(dir);
  const tokenizer = defaultTokenizer(userWords);
  const result: LoadedCorpus = { articles: [], pages: [], skipped: [], problems: [], userWords };
  for (const [i, file] of files.entries()) {
    const source = displayPath(file);
    let note: string | undefined;
    try {
      await assertInside(dir, file, source);
      const info = await stat(file);
      if (info.size > maxBytes(file)) {
        throw new AppError("corpus:unreadable", `${source}：文件过大（${(info.size / 1048576).toFixed(1)} MB，上限 ${maxBytes(file) / 1048576} MB）`);
      }
      if (LAID_OUT.test(file)) {
        note = await loadLaidOut(file, source, tokenizer, options, result);
        continue;
      }
      const bytes = await readFile(file);
      const page = parsePage(decodePage(bytes, source), source, tokenizer);
      if (page.articles.length === 0) throw new AppError("corpus:unreadable", `${source}：没有找到正文`);
      result.articles.push(...page.articles);
      result.pages.push({
        source,
        meta: page.meta,
        articles: page.articles.length,
        sha256: createHash("sha256").update(bytes).digest("hex"),
      });
      for (const problem of page.problems) result.problems.push({ source, problem });
    } catch (error) {
      const reason =
        error instanceof AppError
          ? error.code === "corpus:outside"
            ? `${error.detail}：链接指向语料目录以外，已拒绝`
            : error.detail
          : `${source}：${(error as Error).message}`;
      result.skipped.push({ source, reason });
      if (LAID_OUT.test(file)) note = "已跳过";
    } finally {
      onPage(i + 1, files.length, source, note);
    }
  }
  return result;
}

/**
 * Reads a PDF or page image: each page of the file is parsed like a .txt page, its sidecar
 * `<name>.meta` standing in for front matter. Pages that cannot be read are reported one line
 * each; the others are kept.
 * @throws AppError `corpus:unreadable` when no page of the file can be read.
 */
async function loadLaidOut(
  file: string,
  source: string,
  tokenizer: ReturnType<typeof defaultTokenizer>,
  options: LoadOptions,
  result: LoadedCorpus,
): Promise<string> {
  const sha256 = await pageDigest(file);
  const sidecar = await readSidecar(file, source);
  // OCR is cached by the file's own bytes: editing the sidecar must not cost another OCR.
  const fileSha256 = createHash("sha256")
    .update(await readFile(file))
    .digest("hex");
  const laidOut = await readLaidOut(file, source, { tokenizer, sha256: fileSha256, ocrCacheDir: options.ocrCacheDir ?? null });
  const many = laidOut.pages.length > 1 || laidOut.pages.some((p) => p.number > 1);
  let last: Article | null = null;
  for (const page of laidOut.pages) {
    const front = pageFrontMatter(sidecar, source, page.number, many);
    const parsed = parsePage(front.text + page.text, source, tokenizer, front.fallback);
    if (parsed.articles.length === 0) {
      result.skipped.push({ source, reason: `${source}：${many ? `第 ${page.number} 页` : ""}没有找到正文` });
      continue;
    }
    const articles: Article[] = parsed.articles.map((a) => ({ ...a, textFrom: page.via }));
    // A document set as one flow (pages not numbered as 版) goes on over a page break: text at
    // the top of a page before any headline is the end of the last story of the page before —
    // when that story stops mid-sentence, and only when both were read the same way: OCR'd text
    // joined to a text-layer story would be cited without its 识别文本 mark.
    const head = articles[0]!;
    if (last && head.title === null && head.continuedFrom === null && runsOn(last, head)) {
      last.body = `${last.body}\n${head.body}`;
      last.captions.push(...head.captions);
      articles.shift();
    }
    last = articles[articles.length - 1] ?? last;
    result.articles.push(...articles);
    result.pages.push({ source, meta: parsed.meta, articles: articles.length, sha256, via: page.via, filePage: page.number });
    if (page.number === laidOut.pages[0]!.number) for (const problem of parsed.problems) result.problems.push({ source, problem: `${SIDECAR}：${problem}` });
  }
  for (const reason of laidOut.skipped) result.skipped.push({ source, reason });
  const count = (via: TextSource) => laidOut.pages.filter((p) => p.via === via).length;
  return [
    count("pdf") ? `PDF 文字层 ${count("pdf")} 页` : "",
    count("ocr") ? `OCR 识别 ${count("ocr")} 页` : "",
    laidOut.skipped.length ? `跳过 ${laidOut.skipped.length} 项` : "",
  ]
    .filter(Boolean)
    .join("，");
}

/** Sentence ends: a story that stops on one of these does not go on over the page break. */
const SENTENCE_END = /[。！？!?”」』…]\s*$/u;

/** Whether `head`, headline-less at the top of a page, is the rest of `last`. Pure. */
export function runsOn(last: Article, head: Article): boolean {
  return last.page === head.page && last.date === head.date && last.textFrom === head.textFrom && !SENTENCE_END.test(last.body);
}
