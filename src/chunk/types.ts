import type { Article } from "../ingest/types.js";

/** A passage for retrieval: a few sentences of one article, with that article's metadata. */
export interface Chunk {
  /** `articleId#n` */
  id: string;
  /** `source#k`: the k-th article of its page. */
  articleId: string;
  /** The passage as printed (sentences of the body, or the captions). */
  text: string;
  /** Title, section and date: prepended to the text for retrieval, not part of quotes. */
  header: string;
  /** Position of the chunk in its article (0-based). */
  position: number;
  kind: "body" | "captions";
}

/** What the index keeps of an article: everything but the body (chunks carry the text). */
export type ArticleMeta = Omit<Article, "body"> & { id: string };
