import { readFile } from "node:fs/promises";
import { metaFromFileName } from "./file-name.js";
import { parseFrontMatter } from "./front-matter.js";

/** The metadata file beside a PDF or image page: `<name>.meta`. */
export const SIDECAR = ".meta";
const MAX_SIDECAR_BYTES = 64 * 1024;

/** The sidecar path of a page file: `2025-08-07_02版.pdf` → `2025-08-07_02版.meta`. */
export function sidecarPath(page: string): string {
  return page.replace(/\.[^./\\]+$/, "") + SIDECAR;
}

/**
 * The sidecar's lines (front-matter keys, one a line), or null when there is none. Separator
 * lines (---) are dropped: the lines are the block, not a file with one.
 */
export async function readSidecar(page: string): Promise<string | null> {
  const bytes = await readFile(sidecarPath(page)).catch(() => null);
  if (!bytes) return null;
  const text = new TextDecoder("utf-8").decode(bytes.subarray(0, MAX_SIDECAR_BYTES)).replace(/^\uFEFF/, "");
  return text
    .split(/\r?\n/)
    .filter((l) => !/^\s*---\s*$/.test(l))
    .join("\n")
    .trim();
}

/**
 * The front matter that stands before page `page` of a laid-out file: the sidecar's lines, and
 * for the later pages of a file holding several, the 版 counted on from the first page's (when
 * the sidecar or the file name gives it). Empty when there is nothing to state. Pure.
 */
export function pageFrontMatter(sidecar: string | null, source: string, page: number, manyPages: boolean): string {
  const lines = sidecar ? [sidecar] : [];
  if (manyPages && page > 1) {
    const stated = sidecar ? parseFrontMatter(`---\n${sidecar}\n---\n`).stated.page : undefined;
    const first = stated === undefined ? metaFromFileName(source).page : stated;
    if (first) lines.push(`page: ${first + page - 1}`);
  }
  return lines.length ? `---\n${lines.join("\n")}\n---\n` : "";
}
