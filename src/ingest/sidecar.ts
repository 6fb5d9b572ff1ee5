import { readFile } from "node:fs/promises";
import { decodePage } from "./decode.js";
import { metaFromFileName } from "./file-name.js";
import { parseFrontMatter } from "./front-matter.js";
import type { PageMeta } from "./types.js";

/** The metadata file beside a PDF or image page: `<name>.meta`. */
export const SIDECAR = ".meta";
const MAX_SIDECAR_BYTES = 64 * 1024;

/** The sidecar path of a page file: `2025-08-07_02版.pdf` → `2025-08-07_02版.meta`. */
export function sidecarPath(page: string): string {
  return page.replace(/\.[^./\\]+$/, "") + SIDECAR;
}

/**
 * The sidecar's lines (front-matter keys, one a line), or null when there is none. Decoded as a
 * .txt page is (UTF-8, else GB18030/GBK). Separator lines (---) are dropped: the lines are the
 * block, not a file with one.
 * @throws AppError `corpus:unreadable` when the sidecar is binary or in neither encoding; the
 * detail names the sidecar as `source` (the page's display path) with .meta.
 */
export async function readSidecar(page: string, source = page): Promise<string | null> {
  const bytes = await readFile(sidecarPath(page)).catch(() => null);
  if (!bytes) return null;
  if (bytes.length === 0) return "";
  // Cut at a line end: a character cut in two would make UTF-8 look like GBK.
  const head = bytes.length > MAX_SIDECAR_BYTES ? bytes.subarray(0, bytes.lastIndexOf(0x0a, MAX_SIDECAR_BYTES) + 1) : bytes;
  if (head.every((b) => b === 0x20 || b === 0x09 || b === 0x0a || b === 0x0d)) return "";
  const text = decodePage(head, sidecarPath(source));
  return text
    .split(/\r?\n/)
    .filter((l) => !/^\s*---\s*$/.test(l))
    .join("\n")
    .trim();
}

/** A sidecar line stating the 版: for the later pages of a file it is the first page's, not theirs. */
const PAGE_LINE = /^\s*(page|版次|版)\s*[:：]/iu;

/** What stands before page `page` of a laid-out file when it is parsed like a .txt page. */
export interface PageFrontMatter {
  /** The front matter block (empty when there is nothing to state). */
  text: string;
  /** Known below the masthead, above the file name: the 版 counted on from the first page's. */
  fallback: Partial<PageMeta>;
}

/**
 * The front matter of page `page` of a laid-out file: the sidecar's lines; for the later pages of
 * a file holding several, without its 版 line, the 版 counted on from the first page's (the
 * sidecar's or the file name's) given as a fallback instead — a guess, below a masthead printed on
 * the page, so never stated. Pure.
 */
export function pageFrontMatter(sidecar: string | null, source: string, page: number, manyPages: boolean): PageFrontMatter {
  if (!manyPages || page <= 1) return { text: sidecar ? `---\n${sidecar}\n---\n` : "", fallback: {} };
  const stated = sidecar ? parseFrontMatter(`---\n${sidecar}\n---\n`).stated.page : undefined;
  const first = stated === undefined ? metaFromFileName(source).page : stated;
  const lines = (sidecar ?? "").split("\n").filter((l) => l.trim() !== "" && !PAGE_LINE.test(l));
  // Stated unknown stays unknown: the file name's 版 is the first page's, not this one's.
  const fallback = first === null ? { page: null } : first ? { page: first + page - 1 } : {};
  return { text: lines.length ? `---\n${lines.join("\n")}\n---\n` : "", fallback };
}
