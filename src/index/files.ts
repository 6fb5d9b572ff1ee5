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
