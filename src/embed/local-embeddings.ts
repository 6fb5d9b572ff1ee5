import { Embeddings } from "@langchain/core/embeddings";
import { fnv1a, HashedDf, type HashedDfJson } from "../text/hashed-df.js";
import type { Tokenizer } from "../text/tokenize.js";

/** 256 dimensions: a million chunks' vectors fit in 1 GB; more bought no accuracy here. */
export const LOCAL_DIMENSIONS = 384;

/** Corpus statistics the local embedding is weighted by; stored with the index. */
export interface LocalEmbeddingStats extends HashedDfJson {
  dimensions: number;
}

/**
 * The features of a text: jieba words (search mode, local place names kept whole) and character
 * bigrams of its Han runs, which catch names jieba does not know. Figures are kept as words.
 */
export function localFeatures(text: string, tokenizer: Tokenizer, terms?: readonly string[]): string[] {
  // Archive texts were normalised at ingestion and questions by normalizeQuery: used as given.
  const clean = text;
  const words = (terms ?? tokenizer.terms(clean)).map((w) => `w:${w}`);
  const grams: string[] = [];
  for (const run of clean.match(/\p{Script=Han}{2,}/gu) ?? []) {
    for (let i = 0; i + 1 < run.length; i++) grams.push(`g:${run.slice(i, i + 2)}`);
  }
  return [...words, ...grams];
}

/**
 * An offline LangChain `Embeddings`: hashed bag of jieba words and character bigrams, weighted by
 * sublinear term frequency × inverse document frequency from corpus statistics, L2-normalised to
 * `dimensions`. Needs no model file and no network; the same text always gives the same vector.
 * Call `fit` on the corpus before embedding, or construct with saved `stats`.
 */
export class LocalEmbeddings extends Embeddings {
  readonly dimensions: number;
  private readonly df: HashedDf;

  constructor(
    private readonly tokenizer: Tokenizer,
    stats?: LocalEmbeddingStats,
  ) {
    super({});
    this.dimensions = stats?.dimensions ?? LOCAL_DIMENSIONS;
    this.df = new HashedDf(stats);
  }

  /**
   * Counts document frequencies over `texts` (adds to what is already counted). A sample of a
   * large archive gives the same weights as the whole, at a fraction of the cost.
   */
  fit(texts: Iterable<string>): void {
    for (const text of texts) this.df.add(localFeatures(text, this.tokenizer));
  }

  stats(): LocalEmbeddingStats {
    return { dimensions: this.dimensions, ...this.df.toJSON() };
  }

  /**
   * The vector of one text, synchronously (the async API wraps this). `terms`, when the caller
   * has already tokenised the text the same way (`tokenizer.terms`), saves a second jieba pass.
   */
  embed(text: string, terms?: readonly string[]): number[] {
    const counts = new Map<string, number>();
    for (const f of localFeatures(text, this.tokenizer, terms)) counts.set(f, (counts.get(f) ?? 0) + 1);
    const v = new Float64Array(this.dimensions);
    for (const [f, tf] of counts) {
      const h = fnv1a(f, 0x9747b28c);
      const sign = h & 1 ? 1 : -1;
      const weight = (1 + Math.log(tf)) * this.df.idf(f) * (f.startsWith("w:") ? 1 : 0.5);
      v[(h >>> 1) % this.dimensions]! += sign * weight;
    }
    let norm = 0;
    for (const x of v) norm += x * x;
    norm = Math.sqrt(norm) || 1;
    return Array.from(v, (x) => x / norm);
  }

  /** A batch of already-tokenised texts (the index builder's single jieba pass). */
  embedWithTerms(texts: readonly string[], terms: ReadonlyArray<readonly string[]>): number[][] {
    return texts.map((t, i) => this.embed(t, terms[i]));
  }

  override async embedDocuments(texts: string[]): Promise<number[][]> {
    return texts.map((t) => this.embed(t));
  }

  override async embedQuery(text: string): Promise<number[]> {
    return this.embed(text);
  }
}
