/** Hash buckets: a fixed-size table whatever the archive's vocabulary. */
const BUCKETS = 1 << 18;

export function fnv1a(text: string, seed = 0x811c9dc5): number {
  let h = seed;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

/** Saved form: documents counted and the table as base64. */
export interface HashedDfJson {
  documents: number;
  df: string;
}

/**
 * Document frequencies of terms in a fixed-size hashed table (collisions only blur rare terms a
 * little), for inverse-document-frequency weights that can be saved with the index.
 */
export class HashedDf {
  private documents: number;
  private readonly table: Uint32Array;

  constructor(saved?: HashedDfJson) {
    this.documents = saved?.documents ?? 0;
    this.table = saved ? new Uint32Array(new Uint8Array(Buffer.from(saved.df, "base64")).buffer) : new Uint32Array(BUCKETS);
    if (this.table.length !== BUCKETS) throw new RangeError(`df table has ${this.table.length} buckets, expected ${BUCKETS}`);
  }

  /** Counts one document's distinct terms. */
  add(terms: Iterable<string>): void {
    this.documents++;
    for (const t of new Set(terms)) this.table[fnv1a(t) % BUCKETS]!++;
  }

  df(term: string): number {
    return this.table[fnv1a(term) % BUCKETS]!;
  }

  /** Smoothed inverse document frequency: rare terms weigh more, unseen terms most. */
  idf(term: string): number {
    return Math.log(1 + (this.documents + 1) / (this.df(term) + 0.5));
  }

  toJSON(): HashedDfJson {
    return { documents: this.documents, df: Buffer.from(this.table.buffer, this.table.byteOffset, this.table.byteLength).toString("base64") };
  }
}
