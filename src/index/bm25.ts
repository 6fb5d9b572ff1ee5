/**
 * A compact BM25 index in typed arrays (compressed-sparse-row postings). MiniSearch, used at
 * first, took 19 s to index 10,000 chunks here and serialises to one JSON string that cannot
 * hold a million-chunk archive; this keeps postings in a few flat arrays, builds at several
 * thousand chunks a second, loads by reading a binary file, and can score a contiguous range of
 * documents only — the index stores chunks newest first, so a date range is a document range.
 */

const K1 = 1.2;
const B = 0.75;
const MAGIC = "BK25";
const VERSION = 1;

export interface Bm25Hit {
  doc: number;
  score: number;
}

/**
 * Collection statistics BM25 weighs by. An index split into segments scores each segment with
 * the statistics of all of them, so that the segments' scores can be merged.
 */
export interface Bm25Stats {
  documentCount: number;
  avgLength: number;
  df(term: string): number;
}

/** Postings are collected in fixed-size blocks: growing one array by doubling would need twice the memory. */
const BLOCK = 1 << 20;

/** Collects documents (their terms, already tokenised) and freezes them into a `Bm25Index`. */
export class Bm25Builder {
  private readonly vocab = new Map<string, number>();
  private termIds: Uint32Array[] = [];
  private docIds: Uint32Array[] = [];
  private tfs: Uint16Array[] = [];
  private postings = 0;
  private readonly lengths: number[] = [];

  /** Adds the next document (ids are given in order, from 0). */
  add(terms: readonly string[]): number {
    const doc = this.lengths.length;
    const counts = new Map<string, number>();
    for (const t of terms) counts.set(t, (counts.get(t) ?? 0) + 1);
    for (const [t, tf] of counts) {
      let id = this.vocab.get(t);
      if (id === undefined) this.vocab.set(t, (id = this.vocab.size));
      const at = this.postings % BLOCK;
      if (at === 0) {
        this.termIds.push(new Uint32Array(BLOCK));
        this.docIds.push(new Uint32Array(BLOCK));
        this.tfs.push(new Uint16Array(BLOCK));
      }
      const block = this.termIds.length - 1;
      this.termIds[block]![at] = id;
      this.docIds[block]![at] = doc;
      this.tfs[block]![at] = Math.min(tf, 65535);
      this.postings++;
    }
    this.lengths.push(terms.length);
    return doc;
  }

  /** Sorts the postings by term (counting sort; documents stay in order within a term). */
  build(): Bm25Index {
    const v = this.vocab.size;
    const total = this.postings;
    const each = (visit: (term: number, doc: number, tf: number) => void) => {
      for (let i = 0; i < total; i++) {
        const b = Math.floor(i / BLOCK);
        const at = i % BLOCK;
        visit(this.termIds[b]![at]!, this.docIds[b]![at]!, this.tfs[b]![at]!);
      }
    };
    const offsets = new Uint32Array(v + 1);
    each((term) => offsets[term + 1]!++);
    for (let t = 0; t < v; t++) offsets[t + 1]! += offsets[t]!;
    const cursor = offsets.slice(0, v);
    const docs = new Uint32Array(total);
    const tfs = new Uint16Array(total);
    each((term, doc, tf) => {
      const at = cursor[term]!++;
      docs[at] = doc;
      tfs[at] = tf;
    });
    const terms: string[] = new Array(v);
    for (const [t, id] of this.vocab) terms[id] = t;
    // The unsorted postings are no longer needed: let a large build give their memory back.
    this.termIds = [];
    this.docIds = [];
    this.tfs = [];
    this.postings = 0;
    return new Bm25Index(terms, offsets, docs, tfs, Uint32Array.from(this.lengths));
  }
}

/** A frozen BM25 index. `search` is synchronous and reuses one score buffer. */
export class Bm25Index {
  private readonly vocab: Map<string, number>;
  private readonly avgLength: number;
  private readonly scores: Float32Array;
  private readonly touched: Uint32Array;

  constructor(
    private readonly terms: string[],
    private readonly offsets: Uint32Array,
    private readonly docs: Uint32Array,
    private readonly tfs: Uint16Array,
    private readonly lengths: Uint32Array,
  ) {
    this.vocab = new Map(terms.map((t, i) => [t, i]));
    let total = 0;
    for (const l of lengths) total += l;
    this.avgLength = lengths.length ? total / lengths.length : 1;
    this.scores = new Float32Array(lengths.length);
    this.touched = new Uint32Array(lengths.length);
  }

  get documentCount(): number {
    return this.lengths.length;
  }

  /** The number of terms of document `doc`. */
  lengthOf(doc: number): number {
    return this.lengths[doc]!;
  }

  /** The terms of all documents together. */
  get totalLength(): number {
    let total = 0;
    for (const l of this.lengths) total += l;
    return total;
  }

  /** Documents containing `term`. */
  df(term: string): number {
    const id = this.vocab.get(term);
    return id === undefined ? 0 : this.offsets[id + 1]! - this.offsets[id]!;
  }

  idf(term: string): number {
    return bm25Idf(this.documentCount, this.df(term));
  }

  /**
   * Document frequencies counting only the documents `keep` marks 1 (an index segment's live
   * chunks), computed once over all postings.
   */
  dfAmong(keep: Uint8Array): (term: string) => number {
    const counts = new Uint32Array(this.terms.length);
    for (let t = 0; t < this.terms.length; t++) {
      let c = 0;
      for (let p = this.offsets[t]!; p < this.offsets[t + 1]!; p++) c += keep[this.docs[p]!]!;
      counts[t] = c;
    }
    return (term) => {
      const id = this.vocab.get(term);
      return id === undefined ? 0 : counts[id]!;
    };
  }

  /**
   * The best `k` documents for the query terms by BM25, best first, among documents
   * `from` ≤ doc < `to` (the whole index by default). `stats` (default: this index's own) gives
   * the idf and average length, for an index that is one segment of several.
   */
  search(queryTerms: readonly string[], k: number, from = 0, to = this.documentCount, stats?: Bm25Stats): Bm25Hit[] {
    let touchedCount = 0;
    const known = [...new Set(queryTerms)].filter((t) => this.vocab.has(t));
    const n = stats?.documentCount ?? this.documentCount;
    const df = (t: string) => (stats ? stats.df(t) : this.df(t));
    const avgLength = stats?.avgLength ?? this.avgLength;
    // A word in more than a fifth of the documents barely ranks, but walking its postings costs
    // the most: it only counts when it is all the question has.
    const common = (t: string) => df(t) > n / 5;
    const useful = known.some((t) => !common(t)) ? known.filter((t) => !common(t)) : known;
    for (const term of useful) {
      const id = this.vocab.get(term);
      if (id === undefined) continue;
      const start = this.offsets[id]!;
      const end = this.offsets[id + 1]!;
      const idf = bm25Idf(n, df(term));
      for (let p = lowerBound(this.docs, start, end, from); p < end; p++) {
        const doc = this.docs[p]!;
        if (doc >= to) break;
        const tf = this.tfs[p]!;
        const norm = tf + K1 * (1 - B + (B * this.lengths[doc]!) / avgLength);
        if (this.scores[doc] === 0) this.touched[touchedCount++] = doc;
        this.scores[doc]! += (idf * tf * (K1 + 1)) / norm;
      }
    }
    const hits = topK(this.scores, this.touched, touchedCount, k);
    for (let i = 0; i < touchedCount; i++) this.scores[this.touched[i]!] = 0;
    return hits;
  }

  /** Binary form: magic, version, header length, JSON header, then the arrays. */
  serialize(): Buffer {
    const header = Buffer.from(JSON.stringify({ terms: this.terms, postings: this.docs.length, documents: this.lengths.length }));
    const parts = [Buffer.from(MAGIC), u32(VERSION), u32(header.length), header, bytes(this.offsets), bytes(this.docs), bytes(this.lengths), bytes(this.tfs)];
    return Buffer.concat(parts);
  }

  /** @throws Error when the buffer is not a serialised index of this version (truncated, corrupt). */
  static deserialize(buffer: Buffer): Bm25Index {
    if (buffer.length < 12 || buffer.toString("latin1", 0, 4) !== MAGIC) throw new Error("not a BM25 index file");
    if (buffer.readUInt32LE(4) !== VERSION) throw new Error("BM25 index of another version");
    const headerLength = buffer.readUInt32LE(8);
    let at = 12;
    const header = JSON.parse(buffer.toString("utf8", at, (at += headerLength))) as { terms: string[]; postings: number; documents: number };
    const take = <T>(count: number, size: number, make: (b: ArrayBuffer) => T): T => {
      const end = at + count * size;
      if (end > buffer.length) throw new Error("BM25 index file is truncated");
      const copy = new ArrayBuffer(count * size);
      new Uint8Array(copy).set(buffer.subarray(at, end));
      at = end;
      return make(copy);
    };
    const offsets = take(header.terms.length + 1, 4, (b) => new Uint32Array(b));
    const docs = take(header.postings, 4, (b) => new Uint32Array(b));
    const lengths = take(header.documents, 4, (b) => new Uint32Array(b));
    const tfs = take(header.postings, 2, (b) => new Uint16Array(b));
    if (at !== buffer.length || offsets[offsets.length - 1] !== header.postings) throw new Error("BM25 index file is inconsistent");
    return new Bm25Index(header.terms, offsets, docs, tfs, lengths);
  }
}

/** BM25's inverse document frequency of a term in `df` of `n` documents (never negative). */
export function bm25Idf(n: number, df: number): number {
  return Math.log(1 + (n - df + 0.5) / (df + 0.5));
}

function u32(n: number): Buffer {
  const b = Buffer.alloc(4);
  b.writeUInt32LE(n);
  return b;
}

function bytes(a: Uint32Array | Uint16Array): Buffer {
  return Buffer.from(a.buffer, a.byteOffset, a.byteLength);
}

/** First position in docs[start, end) holding a value ≥ target. */
function lowerBound(docs: Uint32Array, start: number, end: number, target: number): number {
  if (target === 0) return start;
  let lo = start;
  let hi = end;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (docs[mid]! < target) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** The k highest-scoring touched documents, best first (a small binary heap). */
function topK(scores: Float32Array, touched: Uint32Array, count: number, k: number): Bm25Hit[] {
  const heap: Bm25Hit[] = [];
  const less = (a: Bm25Hit, b: Bm25Hit) => a.score < b.score || (a.score === b.score && a.doc > b.doc);
  const siftDown = (i: number) => {
    for (;;) {
      const l = 2 * i + 1;
      const r = l + 1;
      let m = i;
      if (l < heap.length && less(heap[l]!, heap[m]!)) m = l;
      if (r < heap.length && less(heap[r]!, heap[m]!)) m = r;
      if (m === i) return;
      [heap[i], heap[m]] = [heap[m]!, heap[i]!];
      i = m;
    }
  };
  for (let i = 0; i < count; i++) {
    const hit = { doc: touched[i]!, score: scores[touched[i]!]! };
    if (heap.length < k) {
      heap.push(hit);
      for (let j = heap.length - 1; j > 0; ) {
        const parent = (j - 1) >> 1;
        if (!less(heap[j]!, heap[parent]!)) break;
        [heap[j], heap[parent]] = [heap[parent]!, heap[j]!];
        j = parent;
      }
    } else if (less(heap[0]!, hit)) {
      heap[0] = hit;
      siftDown(0);
    }
  }
  return heap.sort((a, b) => b.score - a.score || a.doc - b.doc);
}
