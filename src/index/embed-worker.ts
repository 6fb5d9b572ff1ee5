/**
 * Worker thread of the index build: tokenises and embeds batches of chunk texts with the local
 * embedding while the main thread inserts the previous batch into the HNSW graph and BM25.
 */
import { parentPort, workerData } from "node:worker_threads";
import { LocalEmbeddings, type LocalEmbeddingStats } from "../embed/local-embeddings.js";
import { createTokenizer } from "../text/tokenize.js";

const { stats, userWords } = workerData as { stats: LocalEmbeddingStats; userWords: string[] };
const tokenizer = createTokenizer(userWords);
const embeddings = new LocalEmbeddings(tokenizer, stats);

parentPort!.on("message", ({ id, texts }: { id: number; texts: string[] }) => {
  try {
    const terms = texts.map((t) => tokenizer.terms(t));
    const vectors = new Float32Array(texts.length * embeddings.dimensions);
    texts.forEach((t, i) => vectors.set(embeddings.embed(t, terms[i]), i * embeddings.dimensions));
    parentPort!.postMessage({ id, terms, vectors }, [vectors.buffer]);
  } catch (error) {
    parentPort!.postMessage({ id, error: (error as Error).message });
  }
});
