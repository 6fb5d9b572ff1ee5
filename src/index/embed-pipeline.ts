import { Worker } from "node:worker_threads";
import { LocalEmbeddings } from "../embed/local-embeddings.js";
import type { Tokenizer } from "../text/tokenize.js";

/** Terms and vectors of a batch of texts. */
export interface EmbeddedBatch {
  terms: string[][];
  /** `texts.length × dimensions` components, row by row. */
  vectors: Float32Array;
}

export interface EmbedPipeline {
  run(texts: string[]): Promise<EmbeddedBatch>;
  close(): Promise<void>;
}

/**
 * The worker's entry. Run from TypeScript sources (tsx), the worker registers tsx's loader
 * itself first: loader hooks do not pass from the main thread to workers on Node 20.
 */
function workerEntry(): URL {
  if (!import.meta.url.endsWith(".ts")) return new URL("./embed-worker.js", import.meta.url);
  const api = import.meta.resolve("tsx/esm/api");
  const entry = new URL("./embed-worker.ts", import.meta.url).href;
  const code = `import { register } from ${JSON.stringify(api)}; register(); await import(${JSON.stringify(entry)});`;
  return new URL(`data:text/javascript,${encodeURIComponent(code)}`);
}

/** The same work on the calling thread: tests, and machines where a worker cannot start. */
function inThread(embeddings: LocalEmbeddings, tokenizer: Tokenizer): EmbedPipeline {
  return {
    async run(texts) {
      const terms = texts.map((t) => tokenizer.terms(t));
      const rows = embeddings.embedWithTerms(texts, terms);
      const vectors = new Float32Array(texts.length * embeddings.dimensions);
      rows.forEach((row, i) => vectors.set(row, i * embeddings.dimensions));
      return { terms, vectors };
    },
    close: async () => {},
  };
}

/**
 * Tokenising and embedding on a worker thread, so that a two-core machine builds the graph and
 * computes vectors at once. Falls back to the calling thread when a worker cannot be started
 * (or when `BAOKU_BUILD_THREADS=1`, or for a `small` job: starting a worker and loading its
 * tokenizer dictionary costs more than a few thousand chunks gain from it). The fitted
 * statistics travel to the worker.
 */
export function createEmbedPipeline(embeddings: LocalEmbeddings, tokenizer: Tokenizer, userWords: readonly string[], small = false): EmbedPipeline {
  // A subclass may compute differently (tests use that): keep it on this thread.
  if (small || embeddings.constructor !== LocalEmbeddings || process.env.BAOKU_BUILD_THREADS === "1" || process.env.VITEST) {
    return inThread(embeddings, tokenizer);
  }
  let worker: Worker;
  try {
    worker = new Worker(workerEntry(), { workerData: { stats: embeddings.stats(), userWords: [...userWords] } });
  } catch {
    return inThread(embeddings, tokenizer);
  }
  const waiting = new Map<number, { resolve: (b: EmbeddedBatch) => void; reject: (e: Error) => void }>();
  let next = 0;
  let failed: Error | null = null;
  const failAll = (error: Error) => {
    failed = error;
    for (const w of waiting.values()) w.reject(error);
    waiting.clear();
  };
  worker.on("message", (m: { id: number; terms?: string[][]; vectors?: Float32Array; error?: string }) => {
    const w = waiting.get(m.id);
    waiting.delete(m.id);
    if (m.error) w?.reject(new Error(m.error));
    else w?.resolve({ terms: m.terms!, vectors: m.vectors! });
  });
  worker.on("error", failAll);
  worker.on("exit", (code) => code !== 0 && failAll(new Error(`embedding worker exited with code ${code}`)));
  return {
    run(texts) {
      if (failed) return Promise.reject(failed);
      const id = next++;
      return new Promise((resolve, reject) => {
        waiting.set(id, { resolve, reject });
        worker.postMessage({ id, texts });
      });
    },
    async close() {
      await worker.terminate();
    },
  };
}
