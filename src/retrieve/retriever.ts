import type { ArticleMeta, Chunk } from "../chunk/types.js";
import type { LoadedIndex } from "../index/load-index.js";
import { normalizeQuery } from "./normalize-query.js";

export interface SearchFilters {
  /** Inclusive, `YYYY`, `YYYY-MM` or `YYYY-MM-DD`. */
  dateFrom?: string;
  dateTo?: string;
  paper?: string;
}

export interface SearchOptions extends SearchFilters {
  /** How many results (default 8). */
  k?: number;
  fusion?: Fusion;
}

/** How the two lists are combined; "lexical" and "vector" use one list alone (for comparison). */
export type Fusion = "rrf" | "weighted" | "lexical" | "vector";

export interface SearchResult {
  chunk: Chunk;
  article: ArticleMeta;
  /** Fused relevance, higher is better (only comparable within one search). */
  score: number;
  /** 1-based rank in the lexical (BM25) list, null when not in its top candidates. */
  lexicalRank: number | null;
  /** 1-based rank in the vector (HNSW) list, null when not in its top candidates. */
  vectorRank: number | null;
  /** Cosine distance from the question (lower is closer), null when not a vector candidate. */
  distance: number | null;
}

export interface Retriever {
  search(question: string, options?: SearchOptions): Promise<SearchResult[]>;
}

/** Candidates taken from each list before fusing. */
const CANDIDATES = 60;
/** Reciprocal-rank-fusion constant (Cormack et al.). */
const RRF_K = 60;
/** Weighted fusion: share of the lexical score. */
const LEXICAL_WEIGHT = 0.7;

function inRange(date: string | null, f: SearchFilters): boolean {
  if (!f.dateFrom && !f.dateTo) return true;
  if (!date) return false;
  // Compare on the common precision: "2025-07" is inside 2025-07-01..2025-07-31.
  if (f.dateFrom && date.slice(0, f.dateFrom.length) < f.dateFrom.slice(0, date.length)) return false;
  if (f.dateTo && date.slice(0, f.dateTo.length) > f.dateTo.slice(0, date.length)) return false;
  return true;
}

/**
 * Hybrid retrieval over a loaded index: BM25 over jieba words and HNSW over the embeddings, each
 * giving its top candidates, fused by reciprocal rank (default) or by weighted normalised scores.
 * Filters (date range, paper) apply before ranking is cut to `k`.
 */
export function createRetriever(index: LoadedIndex): Retriever {
  const filterOk = (article: ArticleMeta, f: SearchFilters) =>
    inRange(article.date, f) && (!f.paper || article.paper === f.paper);

  return {
    async search(question, options = {}) {
      const k = options.k ?? 8;
      const fusion = options.fusion ?? "rrf";
      const query = normalizeQuery(question);
      if (!query || index.chunks.length === 0) return [];
      const filtered = Boolean(options.dateFrom || options.dateTo || options.paper);
      const pool = filtered ? CANDIDATES * 5 : CANDIDATES;

      const lexicalHits = index.lexical.search(query).slice(0, pool);
      const vectorHits: Array<{ i: number; distance: number }> = [];
      const vector = index.vectors ? await index.embeddings.embedQuery(query) : [];
      // A question of grammar words only has no direction: its nearest neighbours mean nothing.
      if (index.vectors && vector.some((x) => x !== 0)) {
        const n = Math.min(pool, index.vectors.index.getCurrentCount());
        const found = index.vectors.index.searchKnn(vector, n);
        found.neighbors.forEach((label, r) => vectorHits.push({ i: label, distance: found.distances[r]! }));
      }

      const entries = new Map<number, { lexicalRank: number | null; vectorRank: number | null; lexical: number; distance: number | null }>();
      const entry = (i: number) => {
        let e = entries.get(i);
        if (!e) entries.set(i, (e = { lexicalRank: null, vectorRank: null, lexical: 0, distance: null }));
        return e;
      };
      let rank = 0;
      const maxLexical = lexicalHits[0]?.score ?? 1;
      for (const hit of lexicalHits) {
        const article = index.articles.get(index.chunks[hit.id as number]!.articleId)!;
        if (!filterOk(article, options)) continue;
        const e = entry(hit.id as number);
        e.lexicalRank = ++rank;
        e.lexical = hit.score / maxLexical;
      }
      rank = 0;
      for (const hit of vectorHits) {
        const article = index.articles.get(index.chunks[hit.i]!.articleId)!;
        if (!filterOk(article, options)) continue;
        const e = entry(hit.i);
        e.vectorRank = ++rank;
        e.distance = hit.distance;
      }

      const scored = [...entries].map(([i, e]) => {
        const rrf = (r: number | null) => (r ? 1 / (RRF_K + r) : 0);
        const cosine = e.distance === null ? 0 : 1 - e.distance;
        const score =
          fusion === "rrf"
            ? rrf(e.lexicalRank) + rrf(e.vectorRank)
            : fusion === "weighted"
              ? LEXICAL_WEIGHT * e.lexical + (1 - LEXICAL_WEIGHT) * cosine
              : fusion === "lexical"
                ? rrf(e.lexicalRank)
                : rrf(e.vectorRank);
        const chunk = index.chunks[i]!;
        return { chunk, article: index.articles.get(chunk.articleId)!, score, lexicalRank: e.lexicalRank, vectorRank: e.vectorRank, distance: e.distance };
      });
      scored.sort((a, b) => b.score - a.score || (a.lexicalRank ?? 1e9) - (b.lexicalRank ?? 1e9));
      return scored.filter((r) => r.score > 0).slice(0, k);
    },
  };
}
