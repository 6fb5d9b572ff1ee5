import { createHash } from "node:crypto";
import { readdir, readFile, realpath, stat } from "node:fs/promises";
import { join, relative, sep } from "node:path";
import { AppError } from "../errors.js";
import { defaultTokenizer } from "../text/tokenize.js";
import { decodePage } from "./decode.js";
import { parsePage } from "./parse-page.js";
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
    else if (/\.(txt|text)$/i.test(entry.name) && entry.name !== USER_DICT) out.push(path);
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
    const digest = outside
      ? "outside"
      : size > MAX_PAGE_BYTES
        ? `size:${size}`
        : createHash("sha256")
            .update(await readFile(path))
            .digest("hex");
    out.push({ path, source: displayPath(path), name: relative(dir, path).split(sep).join("/"), sha256: digest });
  }
  return out;
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
 * `onPage` is called after each file, for progress. `only` (paths as `scanCorpus` gives them)
 * reads just those files: an index update reads the pages added or changed.
 * @throws AppError `corpus:missing` when `dir` does not exist or is not a folder.
 */
export async function loadCorpus(
  dir: string,
  onPage: (done: number, total: number, source: string) => void = () => {},
  only?: ReadonlySet<string>,
): Promise<LoadedCorpus> {
  const files = (await corpusFiles(dir)).filter((f) => !only || only.has(f));
  const userWords = await readUserWords(dir);
  const tokenizer = defaultTokenizer(userWords);
  const result: LoadedCorpus = { articles: [], pages: [], skipped: [], problems: [], userWords };
  for (const [i, file] of files.entries()) {
    const source = displayPath(file);
    try {
      await assertInside(dir, file, source);
      const info = await stat(file);
      if (info.size > MAX_PAGE_BYTES) {
        throw new AppError("corpus:unreadable", `${source}：文件过大（${(info.size / 1048576).toFixed(1)} MB，上限 ${MAX_PAGE_BYTES / 1048576} MB）`);
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
    }
    onPage(i + 1, files.length, source);
  }
  return result;
}
