/** The files of an index folder. `manifest.json` is written last: without it the folder is incomplete. */
export const FILES = {
  manifest: "manifest.json",
  chunks: "chunks.json",
  articles: "articles.json",
  lexical: "lexical.json",
  embeddings: "embeddings.json",
  terms: "terms.json",
  vectors: "vectors",
} as const;
