import type { ArticleMeta, Chunk } from "../chunk/types.js";
import type { IndexSegment, LoadedIndex } from "../index/load-index.js";
import { dateRange } from "../index/dates.js";
import { lexicalTerms } from "../index/lexical.js";
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
/** Query vectors kept for the searches that follow (one question's date ranges). */
const RECENT_QUERIES = 8;
/** Reciprocal-rank-fusion constant (Cormack et al.). */
const RRF_K = 60;
/** Weighted fusion: share of the lexical score. */
const LEXICAL_WEIGHT = 0.7;

/** Reciprocal-rank-fusion share of a 1-based rank (0 when not ranked). */
function rrf(rank: number | null): number {
  return rank ? 1 / (RRF_K + rank) : 0;
}

/** One lexical candidate: chunk `doc` of segment `s`. */
interface Hit {
  s: number;
  doc: number;
  score: number;
}

/**
 * Hybrid retrieval over a loaded index: BM25 over jieba words and HNSW over the embeddings, each
 * giving its top candidates, fused by reciprocal rank (default) or by weighted normalised scores.
 * A date range restricts both sides to the chunks of those dates (stored contiguously); the
 * paper filter applies before ranking is cut to `k`. An updated index is searched segment by
 * segment (BM25 with the statistics of the whole index, so that scores compare), the candidates
 * merged, and chunks of changed or removed pages left out.
 */
export function createRetriever(index: LoadedIndex): Retriever {
  const paperOk = (article: ArticleMeta, f: SearchFilters) => !f.paper || article.paper === f.paper;
  const segments = index.segments;
  /** Chunk `doc` of segment `s` as one number: the key fusion works on. */
  const offsets: number[] = [];
  let total = 0;
  for (const seg of segments) {
    offsets.push(total);
    total += seg.chunks.length;
  }
  const keyOf = (s: number, doc: number) => offsets[s]! + doc;
  const locate = (key: number): [IndexSegment, number] => {
    let s = segments.length - 1;
    while (offsets[s]! > key) s--;
    return [segments[s]!, key - offsets[s]!];
  };
  const isLive = (seg: IndexSegment, doc: number) => !seg.live || seg.live[doc] === 1;

  const dims = index.manifest.embeddings.dimensions;
  /** Cosine distance of chunk `label` to the unit `vector`, from its 8-bit copy (±0.01). */
  const distanceTo = (codes: Int8Array, vector: number[], label: number) => {
    const at = label * dims;
    let dot = 0;
    for (let d = 0; d < dims; d++) dot += codes[at + d]! * vector[d]!;
    return 1 - dot / 127;
  };

  // One question searches several date ranges with the same text: its vector is computed once.
  const recentVectors = new Map<string, Promise<number[]>>();
  const vectorOf = (query: string) => {
    let v = recentVectors.get(query);
    if (!v) {
      if (recentVectors.size >= RECENT_QUERIES) recentVectors.delete(recentVectors.keys().next().value!);
      v = index.embeddings.embedQuery(query);
      recentVectors.set(query, v);
      // A failed embedding is not kept: the next search tries again.
      v.catch(() => recentVectors.delete(query));
    }
    return v;
  };
  const hasVectors = segments.some((seg) => seg.vectors && seg.codes);

  return {
    async search(question, options = {}) {
      const k = options.k ?? 8;
      const fusion = options.fusion ?? "rrf";
      const query = normalizeQuery(question);
      if (!query || total === 0) return [];
      const ranges = segments.map((seg) => dateRange(seg.dates, options.dateFrom, options.dateTo));
      if (ranges.every(([from, to]) => from >= to)) return [];
      const pool = options.paper ? CANDIDATES * 5 : CANDIDATES;

      const terms = lexicalTerms(query, index.tokenizer);
      let lexicalHits: Hit[] = [];
      segments.forEach((seg, s) => {
        const [from, to] = ranges[s]!;
        if (from >= to) return;
        // Dead chunks are dropped after ranking: ask for more where there are some.
        const found = seg.lexical.search(terms, seg.live ? pool * 2 : pool, from, to, index.lexicalStats);
        for (const hit of found) if (isLive(seg, hit.doc)) lexicalHits.push({ s, doc: hit.doc, score: hit.score });
      });
      if (segments.length > 1) lexicalHits = lexicalHits.sort((a, b) => b.score - a.score).slice(0, pool);

      const vectorHits: Array<{ i: number; distance: number }> = [];
      const vector = hasVectors ? await vectorOf(query) : [];
      // A question of grammar words only has no direction: its nearest neighbours mean nothing.
      if (hasVectors && vector.some((x) => x !== 0)) {
        segments.forEach((seg, s) => {
          const [from, to] = ranges[s]!;
          if (!seg.vectors || !seg.codes || from >= to) return;
          if (from === 0 && to === seg.chunks.length) {
            const live = seg.live;
            const count = Math.min(pool, seg.vectors.index.getCurrentCount());
            const found = live ? seg.vectors.index.searchKnn(vector, count, (label) => live[label] === 1) : seg.vectors.index.searchKnn(vector, count);
            found.neighbors.forEach((label, r) => vectorHits.push({ i: keyOf(s, label), distance: found.distances[r]! }));
          } else {
            // Inside a date range the graph is not searched: the lexical candidates are ranked by
            // their exact distance instead (cheap, and exact where the graph would be filtered).
            for (const hit of lexicalHits) if (hit.s === s) vectorHits.push({ i: keyOf(s, hit.doc), distance: distanceTo(seg.codes, vector, hit.doc) });
            if (segments.length === 1) vectorHits.sort((a, b) => a.distance - b.distance);
          }
        });
        if (segments.length > 1) {
          vectorHits.sort((a, b) => a.distance - b.distance);
          vectorHits.splice(pool);
        }
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
        const key = keyOf(hit.s, hit.doc);
        if (options.paper && !paperOk(articleOf(key), options)) continue;
        const e = entry(key);
        e.lexicalRank = ++rank;
        e.lexical = hit.score / maxLexical;
      }
      rank = 0;
      for (const hit of vectorHits) {
        if (options.paper && !paperOk(articleOf(hit.i), options)) continue;
        const e = entry(hit.i);
        e.vectorRank = ++rank;
        e.distance = hit.distance;
      }

      const scored = [...entries].map(([i, e]) => {
        const cosine = e.distance === null ? 0 : 1 - e.distance;
        const score =
          fusion === "rrf"
            ? rrf(e.lexicalRank) + rrf(e.vectorRank)
            : fusion === "weighted"
              ? LEXICAL_WEIGHT * e.lexical + (1 - LEXICAL_WEIGHT) * cosine
              : fusion === "lexical"
                ? rrf(e.lexicalRank)
                : rrf(e.vectorRank);
        const [seg, doc] = locate(i);
        return { chunk: seg.chunks[doc]!, article: articleOf(i), score, lexicalRank: e.lexicalRank, vectorRank: e.vectorRank, distance: e.distance };
      });
      scored.sort((a, b) => b.score - a.score || (a.lexicalRank ?? 1e9) - (b.lexicalRank ?? 1e9));
      return scored.filter((r) => r.score > 0).slice(0, k);
    },
  };

  function articleOf(key: number): ArticleMeta {
    const [seg, doc] = locate(key);
    return seg.articles.get(seg.chunks[doc]!.articleId)!;
  }
}
