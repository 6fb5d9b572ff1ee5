import { Embeddings } from "@langchain/core/embeddings";
import { normalizeText } from "../text/normalize.js";
import type { Tokenizer } from "../text/tokenize.js";

/** Hash buckets for document frequencies: fixed size, whatever the archive's vocabulary. */
const DF_BUCKETS = 1 << 18;
export const LOCAL_DIMENSIONS = 384;

/** Corpus statistics the local embedding is weighted by; stored with the index. */
export interface LocalEmbeddingStats {
  dimensions: number;
  documents: number;
  /** Base64 of a Uint32Array(DF_BUCKETS): hashed document frequencies. */
  df: string;
}

function fnv1a(text: string, seed = 0x811c9dc5): number {
  let h = seed;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

/**
 * The features of a text: jieba words (search mode, local place names kept whole) and character
 * bigrams of its Han runs, which catch names jieba does not know. Figures are kept as words.
 */
export function localFeatures(text: string, tokenizer: Tokenizer): string[] {
  const clean = normalizeText(text);
  const words = tokenizer.terms(clean).map((w) => `w:${w}`);
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
  private documents: number;
  private df: Uint32Array;

  constructor(
    private readonly tokenizer: Tokenizer,
    stats?: LocalEmbeddingStats,
  ) {
    super({});
    this.dimensions = stats?.dimensions ?? LOCAL_DIMENSIONS;
    this.documents = stats?.documents ?? 0;
    this.df = stats ? new Uint32Array(new Uint8Array(Buffer.from(stats.df, "base64")).buffer) : new Uint32Array(DF_BUCKETS);
    if (this.df.length !== DF_BUCKETS) throw new RangeError(`df table has ${this.df.length} buckets, expected ${DF_BUCKETS}`);
  }

  /** Counts document frequencies over `texts` (adds to what is already counted). */
  fit(texts: Iterable<string>): void {
    for (const text of texts) {
      this.documents++;
      for (const f of new Set(localFeatures(text, this.tokenizer))) this.df[fnv1a(f) % DF_BUCKETS]!++;
    }
  }

  stats(): LocalEmbeddingStats {
    return {
      dimensions: this.dimensions,
      documents: this.documents,
      df: Buffer.from(this.df.buffer, this.df.byteOffset, this.df.byteLength).toString("base64"),
    };
  }

  idf(feature: string): number {
    const df = this.df[fnv1a(feature) % DF_BUCKETS]!;
    return Math.log(1 + (this.documents + 1) / (df + 0.5));
  }

  /** The vector of one text, synchronously (the async API wraps this). */
  embed(text: string): number[] {
    const counts = new Map<string, number>();
    for (const f of localFeatures(text, this.tokenizer)) counts.set(f, (counts.get(f) ?? 0) + 1);
    const v = new Float64Array(this.dimensions);
    for (const [f, tf] of counts) {
      const h = fnv1a(f, 0x9747b28c);
      const sign = h & 1 ? 1 : -1;
      const weight = (1 + Math.log(tf)) * this.idf(f) * (f.startsWith("w:") ? 1 : 0.5);
      v[(h >>> 1) % this.dimensions]! += sign * weight;
    }
    let norm = 0;
    for (const x of v) norm += x * x;
    norm = Math.sqrt(norm) || 1;
    return Array.from(v, (x) => x / norm);
  }

  override async embedDocuments(texts: string[]): Promise<number[][]> {
    return texts.map((t) => this.embed(t));
  }

  override async embedQuery(text: string): Promise<number[]> {
    return this.embed(text);
  }
}
