import type { Article } from "../ingest/types.js";
import { splitClauses, splitSentences } from "./sentences.js";
import type { Chunk } from "./types.js";

export interface ChunkOptions {
  /** Target size in characters (a chunk may exceed it by one sentence, never a figure). */
  size: number;
  /** Characters of the previous chunk's last sentences repeated at the start of the next. */
  overlap: number;
}

export const DEFAULT_CHUNK_OPTIONS: ChunkOptions = { size: 220, overlap: 40 };

/** The retrieval header of an article: headline parts and the date as printed in citations. */
export function articleHeader(a: Pick<Article, "title" | "subtitle" | "section" | "date">): string {
  return [a.section, a.title, a.subtitle, a.date].filter(Boolean).join(" ");
}

/**
 * Cuts one article into sentence-aligned chunks of about `size` characters, each repeating up to
 * `overlap` characters of whole sentences from the one before. Chunks never cross articles and
 * never split a sentence unless it alone exceeds `size` (then at a comma, never inside a figure
 * and its unit). Captions, if any, form one extra chunk. Pure.
 * @throws RangeError when overlap >= size.
 */
export function chunkArticle(article: Article, articleId: string, options: ChunkOptions = DEFAULT_CHUNK_OPTIONS): Chunk[] {
  const { size, overlap } = options;
  if (overlap >= size) throw new RangeError(`overlap (${overlap}) must be smaller than size (${size})`);
  const header = articleHeader(article);
  const sentences = splitSentences(article.body).flatMap((s) => splitClauses(s, size));
  const texts: string[] = [];
  let current: string[] = [];
  let length = 0;
  let fresh = 0; // sentences in `current` not repeated from the previous chunk
  for (const s of sentences) {
    if (fresh > 0 && length + s.length > size) {
      texts.push(current.join(""));
      const carried: string[] = [];
      let carriedLength = 0;
      // Never carry the whole chunk: the next one would repeat it entirely.
      for (let i = current.length - 1; i >= 1; i--) {
        const t = current[i]!;
        if (carriedLength + t.length > overlap) break;
        carried.unshift(t);
        carriedLength += t.length;
      }
      current = carried;
      length = carriedLength;
      fresh = 0;
    }
    current.push(s);
    length += s.length;
    fresh++;
  }
  if (fresh > 0) texts.push(current.join(""));
  const chunks: Chunk[] = texts.map((text, position) => ({
    id: `${articleId}#${position}`,
    articleId,
    text,
    header,
    position,
    kind: "body",
  }));
  if (article.captions.length > 0) {
    chunks.push({
      id: `${articleId}#${chunks.length}`,
      articleId,
      text: article.captions.join(""),
      header,
      position: chunks.length,
      kind: "captions",
    });
  }
  return chunks;
}
