import { MemoryVectorStore } from "@langchain/classic/vectorstores/memory";
import { Document } from "@langchain/core/documents";
import { retrievalText } from "../index/build-index.js";
import { dateRange } from "../index/dates.js";
import type { LoadedIndex } from "../index/load-index.js";
import { normalizeQuery } from "../retrieve/normalize-query.js";
import type { Retriever, SearchResult } from "../retrieve/retriever.js";

/**
 * The brute-force baseline: LangChain's MemoryVectorStore over the same chunks with the same
 * embeddings, behind the same Retriever interface so the same answerer runs on it.
 */
export async function memoryVectorStoreRetriever(index: LoadedIndex): Promise<Retriever> {
  const store = new MemoryVectorStore(index.embeddings);
  const texts = index.chunks.map(retrievalText);
  const BATCH = 2048;
  for (let i = 0; i < texts.length; i += BATCH) {
    const batch = texts.slice(i, i + BATCH);
    await store.addVectors(
      await index.embeddings.embedDocuments(batch),
      batch.map((_, j) => new Document({ pageContent: "", metadata: { i: i + j } })),
    );
  }
  return {
    async search(question, options = {}) {
      const query = normalizeQuery(question);
      if (!query) return [];
      // The same date filters as ours, applied by MemoryVectorStore's own filter.
      const [from, to] = dateRange(index.dates, options.dateFrom, options.dateTo);
      const filter = (doc: Document) => (doc.metadata.i as number) >= from && (doc.metadata.i as number) < to;
      const found = await store.similaritySearchVectorWithScore(await index.embeddings.embedQuery(query), options.k ?? 8, filter);
      return found.map(([doc, similarity], r): SearchResult => {
        const chunk = index.chunks[doc.metadata.i as number]!;
        return { chunk, article: index.articles.get(chunk.articleId)!, score: similarity, lexicalRank: null, vectorRank: r + 1, distance: 1 - similarity };
      });
    },
  };
}
