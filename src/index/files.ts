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
} as const;

/** Where OCR output of scanned pages is kept: beside the index folder, so a rebuild reuses it. */
export function ocrCacheDir(indexDir: string): string {
  return join(dirname(indexDir), "ocr-cache");
}
