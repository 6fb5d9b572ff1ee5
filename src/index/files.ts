/** The files of an index folder. `manifest.json` is written last: without it the folder is incomplete. */
export const FILES = {
  manifest: "manifest.json",
  chunks: "chunks.jsonl",
  articles: "articles.json",
  lexical: "lexical.bin",
  embeddings: "embeddings.json",
  vectors: "vectors",
} as const;
