/**
 * A compact BM25 index in typed arrays (compressed-sparse-row postings). MiniSearch, used at
 * first, took 19 s to index 10,000 chunks here and serialises to one JSON string that cannot
 * hold a million-chunk archive; this keeps postings in a few flat arrays, builds at several
 * thousand chunks a second, loads by reading a binary file, and can score a contiguous range of
 * documents only — the index stores chunks newest first, so a date range is a document range.
 */
import { open, type FileHandle } from "node:fs/promises";

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
/**
 * Postings sorted at a time when the index is written to a file: the sorted arrays are written
 * range of terms by range of terms, never whole (at a million chunks they are ~0.4 GB).
 */
const WRITE_POSTINGS = 1 << 23;

/**
 * Collects documents (their terms, already tokenised) and freezes them into a `Bm25Index`, or
 * writes that index's file directly (`writeTo`). A posting is kept as its term and frequency
 * only (6 bytes): its document follows from where each document's postings start.
 */
export class Bm25Builder {
  private readonly vocab = new Map<string, number>();
  private termIds: Uint32Array[] = [];
  private tfs: Uint16Array[] = [];
  private postings = 0;
  private readonly lengths: number[] = [];
  /** Where each document's postings start, and the total at the end. */
  private readonly starts: number[] = [0];

  /** Per term id, its count in the document being added (0 outside `add`). */
  private counting = new Uint32Array(1 << 16);
  /** The term ids of the document being added, in first-occurrence order. */
  private readonly seen: number[] = [];

  /** Adds the next document (ids are given in order, from 0). */
  add(terms: readonly string[]): number {
    const doc = this.lengths.length;
    const seen = this.seen;
    for (const t of terms) {
      let id = this.vocab.get(t);
      if (id === undefined) {
        this.vocab.set(t, (id = this.vocab.size));
        if (id >= this.counting.length) {
          const grown = new Uint32Array(this.counting.length * 2);
          grown.set(this.counting);
          this.counting = grown;
        }
      }
      if (this.counting[id]!++ === 0) seen.push(id);
    }
    for (const id of seen) {
      const at = this.postings % BLOCK;
      if (at === 0) {
        this.termIds.push(new Uint32Array(BLOCK));
        this.tfs.push(new Uint16Array(BLOCK));
      }
      const block = this.termIds.length - 1;
      this.termIds[block]![at] = id;
      this.tfs[block]![at] = Math.min(this.counting[id]!, 65535);
      this.counting[id] = 0;
      this.postings++;
    }
    seen.length = 0;
    this.lengths.push(terms.length);
    this.starts.push(this.postings);
    return doc;
  }

  /** Where each term's postings start once sorted by term (and the total at the end). */
  private offsets(): Uint32Array {
    const v = this.vocab.size;
    const offsets = new Uint32Array(v + 1);
    for (let b = 0; b < this.termIds.length; b++) {
      const ids = this.termIds[b]!;
      const end = Math.min(BLOCK, this.postings - b * BLOCK);
      for (let at = 0; at < end; at++) offsets[ids[at]! + 1]!++;
    }
    for (let t = 0; t < v; t++) offsets[t + 1]! += offsets[t]!;
    return offsets;
  }

  /**
   * Sorts the postings of terms `from` ≤ term < `to` into `docs` and `tfs` (from their first
   * position): a counting sort, documents staying in order within a term.
   */
  private sortRange(offsets: Uint32Array, from: number, to: number, docs: Uint32Array, tfs: Uint16Array): void {
    const base = offsets[from]!;
    const cursor = offsets.slice(from, to);
    const starts = this.starts;
    let doc = 0;
    let next = starts[1] ?? 0;
    let i = 0;
    for (let b = 0; b < this.termIds.length; b++) {
      const ids = this.termIds[b]!;
      const freqs = this.tfs[b]!;
      const end = Math.min(BLOCK, this.postings - b * BLOCK);
      for (let at = 0; at < end; at++, i++) {
        while (i >= next) next = starts[++doc + 1]!;
        const term = ids[at]!;
        if (term < from || term >= to) continue;
        const p = cursor[term - from]!++ - base;
        docs[p] = doc;
        tfs[p] = freqs[at]!;
      }
    }
  }

  private terms(): string[] {
    const terms: string[] = new Array(this.vocab.size);
    for (const [t, id] of this.vocab) terms[id] = t;
    return terms;
  }

  /** Lets the collected postings go: a large build gives their memory back. */
  private release(): void {
    this.termIds = [];
    this.tfs = [];
    this.postings = 0;
  }

  /** Sorts the postings by term into an index in memory. */
  build(): Bm25Index {
    const offsets = this.offsets();
    const docs = new Uint32Array(this.postings);
    const tfs = new Uint16Array(this.postings);
    this.sortRange(offsets, 0, this.vocab.size, docs, tfs);
    const index = new Bm25Index(this.terms(), offsets, docs, tfs, Uint32Array.from(this.lengths));
    this.release();
    return index;
  }

  /**
   * Writes the file `Bm25Index.serialize` would give for `build()`, without holding the sorted
   * postings whole: they are sorted and written a range of terms at a time, `room` postings at
   * most (unless one term alone has more).
   */
  async writeTo(path: string, room = WRITE_POSTINGS): Promise<void> {
    const total = this.postings;
    const v = this.vocab.size;
    const offsets = this.offsets();
    const lengths = Uint32Array.from(this.lengths);
    const header = Buffer.from(JSON.stringify({ terms: this.terms(), postings: total, documents: lengths.length }));
    const prefix = Buffer.concat([Buffer.from(MAGIC), u32(VERSION), u32(header.length), header]);
    const docsAt = prefix.length + offsets.byteLength;
    const tfsAt = docsAt + 4 * total + lengths.byteLength;
    const file = await open(path, "w");
    try {
      await writeAll(file, prefix, 0);
      await writeAll(file, bytes(offsets), prefix.length);
      await writeAll(file, bytes(lengths), docsAt + 4 * total);
      let docs = new Uint32Array(Math.min(total, room));
      let tfs = new Uint16Array(docs.length);
      for (let from = 0; from < v; ) {
        let to = from + 1;
        while (to < v && offsets[to + 1]! - offsets[from]! <= room) to++;
        const count = offsets[to]! - offsets[from]!;
        // One term alone with more postings than the room: a range of its own.
        if (count > docs.length) {
          docs = new Uint32Array(count);
          tfs = new Uint16Array(count);
        }
        this.sortRange(offsets, from, to, docs, tfs);
        await writeAll(file, bytes(docs.subarray(0, count)), docsAt + 4 * offsets[from]!);
        await writeAll(file, bytes(tfs.subarray(0, count)), tfsAt + 2 * offsets[from]!);
        from = to;
      }
    } finally {
      await file.close();
    }
    this.release();
  }
}

/** Writes all of `data` at `position` of the file. */
async function writeAll(file: FileHandle, data: Buffer, position: number): Promise<void> {
  for (let done = 0; done < data.length; ) {
    const { bytesWritten } = await file.write(data, done, data.length - done, position + done);
    done += bytesWritten;
  }
}

/** A frozen BM25 index. `search` is synchronous and reuses one score buffer. */
export class Bm25Index {
  private readonly vocab: Map<string, number>;
  private readonly avgLength: number;
  private readonly scores: Float32Array;
  private readonly touched: Uint32Array;
  private norms: Float64Array | null = null;
  private normsFor = Number.NaN;

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
    const docs = this.docs;
    const tfs = this.tfs;
    const scores = this.scores;
    const touched = this.touched;
    const norms = this.lengthNorms(avgLength);
    for (const term of useful) {
      const id = this.vocab.get(term);
      if (id === undefined) continue;
      const start = this.offsets[id]!;
      const end = this.offsets[id + 1]!;
      const idf = bm25Idf(n, df(term));
      for (let p = lowerBound(docs, start, end, from); p < end; p++) {
        const doc = docs[p]!;
        if (doc >= to) break;
        const tf = tfs[p]!;
        const norm = tf + norms[doc]!;
        if (scores[doc] === 0) touched[touchedCount++] = doc;
        scores[doc]! += (idf * tf * (K1 + 1)) / norm;
      }
    }
    const hits = topK(scores, touched, touchedCount, k);
    for (let i = 0; i < touchedCount; i++) scores[touched[i]!] = 0;
    return hits;
  }

  /**
   * Per document, the length part of BM25's denominator, K1 · (1 − B + B · length / avgLength),
   * computed once for the average length asked (a search's postings loop then only adds tf).
   */
  private lengthNorms(avgLength: number): Float64Array {
    if (this.norms && this.normsFor === avgLength) return this.norms;
    const norms = this.norms ?? new Float64Array(this.lengths.length);
    for (let doc = 0; doc < norms.length; doc++) norms[doc] = K1 * (1 - B + (B * this.lengths[doc]!) / avgLength);
    this.norms = norms;
    this.normsFor = avgLength;
    return norms;
  }

  /** Binary form: magic, version, header length, JSON header, then the arrays. */
  serialize(): Buffer {
    const header = Buffer.from(JSON.stringify({ terms: this.terms, postings: this.docs.length, documents: this.lengths.length }));
    const parts = [Buffer.from(MAGIC), u32(VERSION), u32(header.length), header, bytes(this.offsets), bytes(this.docs), bytes(this.lengths), bytes(this.tfs)];
    return Buffer.concat(parts);
  }

  /** @throws Error when the buffer is not a serialised index of this version (truncated, corrupt). */
  static deserialize(buffer: Buffer): Promise<Bm25Index> {
    return Bm25Index.parse(buffer.length, async (into, position) => {
      into.set(buffer.subarray(position, position + into.length));
    });
  }

  /**
   * Reads a serialised index from a file, each array straight into its own memory (no copy of
   * the whole file is held: at a million chunks it is ~0.5 GB).
   * @throws Error when the file is not a serialised index of this version (truncated, corrupt).
   */
  static async read(path: string): Promise<Bm25Index> {
    const file = await open(path, "r");
    try {
      const { size } = await file.stat();
      return await Bm25Index.parse(size, async (into, position) => {
        for (let done = 0; done < into.length; ) {
          const { bytesRead } = await file.read(into, done, into.length - done, position + done);
          if (bytesRead === 0) throw new Error("BM25 index file is truncated");
          done += bytesRead;
        }
      });
    } finally {
      await file.close();
    }
  }

  /** The index in `size` bytes that `readAt` copies from (`into.length` bytes at `position`). */
  private static async parse(size: number, readAt: (into: Uint8Array, position: number) => Promise<void>): Promise<Bm25Index> {
    const start = Buffer.alloc(12);
    if (size >= 12) await readAt(start, 0);
    if (size < 12 || start.toString("latin1", 0, 4) !== MAGIC) throw new Error("not a BM25 index file");
    if (start.readUInt32LE(4) !== VERSION) throw new Error("BM25 index of another version");
    const headerLength = start.readUInt32LE(8);
    if (12 + headerLength > size) throw new Error("BM25 index file is truncated");
    const headerBytes = Buffer.alloc(headerLength);
    await readAt(headerBytes, 12);
    const header = JSON.parse(headerBytes.toString("utf8")) as { terms: string[]; postings: number; documents: number };
    let at = 12 + headerLength;
    const take = async <T>(count: number, width: number, make: (b: ArrayBuffer) => T): Promise<T> => {
      const end = at + count * width;
      if (end > size) throw new Error("BM25 index file is truncated");
      const copy = new ArrayBuffer(count * width);
      await readAt(new Uint8Array(copy), at);
      at = end;
      return make(copy);
    };
    const offsets = await take(header.terms.length + 1, 4, (b) => new Uint32Array(b));
    const docs = await take(header.postings, 4, (b) => new Uint32Array(b));
    const lengths = await take(header.documents, 4, (b) => new Uint32Array(b));
    const tfs = await take(header.postings, 2, (b) => new Uint16Array(b));
    if (at !== size || offsets[offsets.length - 1] !== header.postings) throw new Error("BM25 index file is inconsistent");
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
    const doc = touched[i]!;
    const score = scores[doc]!;
    if (heap.length < k) {
      heap.push({ doc, score });
      for (let j = heap.length - 1; j > 0; ) {
        const parent = (j - 1) >> 1;
        if (!less(heap[j]!, heap[parent]!)) break;
        [heap[j], heap[parent]] = [heap[parent]!, heap[j]!];
        j = parent;
      }
    } else if (k > 0 && (heap[0]!.score < score || (heap[0]!.score === score && heap[0]!.doc > doc))) {
      // Only a document that enters the heap is made an object: most touched ones never do.
      heap[0] = { doc, score };
      siftDown(0);
    }
  }
  return heap.sort((a, b) => b.score - a.score || a.doc - b.doc);
}
