import { dirname, join } from "node:path";

/** The files of an index folder. `manifest.json` is written last: without it the folder is incomplete. */
export const FILES = {
  manifest: "manifest.json",
  chunks: "chunks.jsonl",
  articles: "articles.json",
  lexical: "lexical.bin",
  embeddings: "embeddings.json",
  vectors: "vectors",
  /** The vectors again, 8 bits a component: exact ranking inside a date range without the graph. */
  codes: "vectors.i8",
  /** Each page the folder was built from (name, digest, date, counts): what an update compares. */
  pages: "pages.json",
} as const;

/** Where OCR output of scanned pages is kept: beside the index folder, so a rebuild reuses it. */
export function ocrCacheDir(indexDir: string): string {
  return join(dirname(indexDir), "ocr-cache");
}

/**
 * Beside the base index's files, an updated index has `segments/<name>/` (each an index folder of
 * the same files, built from the pages added or changed in one update) and `segments.json`, the
 * list of live segments and of which segment holds each page. Writing that list is an update's
 * commit point.
 */
export const SEGMENTS = { dir: "segments", list: "segments.json" } as const;
