import { Document } from "@langchain/core/documents";
import { formatCitation } from "../answer/citation.js";
import type { Citation } from "../answer/types.js";
import type { ArticleMeta, Chunk } from "../chunk/types.js";

/**
 * What every archive `Document` carries: the fields of an `ask --json` citation (docs/DESIGN.md)
 * but its marker and quote (the passage is the `pageContent`), and the ids that locate it.
 */
export interface CitationMetadata extends Omit<Citation, "id" | "quote" | "ocr"> {
  articleId: string;
  chunkId: string;
  /** True when the page was read by OCR (a scan): its text may hold misreadings (识别文本). */
  ocr: boolean;
  /** The citation line as Baoku prints it: 《昌吉日报》2025年7月（推定）《…》, ending （识别文本，请以原版为准） for a scan. */
  citation: string;
}

/** A passage found by hybrid search (`ArchiveRetriever`). */
export interface RetrievedMetadata extends CitationMetadata {
  /** Fused relevance, higher is better (only comparable within one search). */
  score: number;
  /** 1-based rank in the BM25 list, null when not among its candidates. */
  lexicalRank: number | null;
  /** 1-based rank in the HNSW list, null when not among its candidates. */
  vectorRank: number | null;
  /** Cosine distance from the question (lower is closer), null when not a vector candidate. */
  distance: number | null;
}

/** A passage found by the vector side alone (`ArchiveVectorStore`). */
export interface VectorMetadata extends CitationMetadata {
  /** Cosine distance from the query (lower is closer). */
  distance: number;
}

/** The citation fields of a chunk of `article`. */
export function citationMetadata(chunk: Chunk, article: ArticleMeta): CitationMetadata {
  const { paper, date, dateInferred, issue, page, title, source } = article;
  const ocr = article.textFrom === "ocr";
  return {
    paper,
    date,
    dateInferred,
    issue,
    page,
    title,
    source,
    articleId: article.id,
    chunkId: chunk.id,
    ocr,
    citation: formatCitation(ocr ? { ...article, ocr } : article),
  };
}

/**
 * A LangChain `Document` for a chunk: the passage as printed (no header) with its citation
 * metadata, plus `extra`; `id` is the chunk id.
 */
export function chunkDocument<M extends CitationMetadata>(chunk: Chunk, article: ArticleMeta, extra: Omit<M, keyof CitationMetadata>): Document<M> {
  return new Document<M>({ pageContent: chunk.text, metadata: { ...citationMetadata(chunk, article), ...extra } as M, id: chunk.id });
}
