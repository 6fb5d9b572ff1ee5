import type { CallbackManagerForRetrieverRun } from "@langchain/core/callbacks/manager";
import type { Document } from "@langchain/core/documents";
import { BaseRetriever, type BaseRetrieverInput } from "@langchain/core/retrievers";
import type { Retriever, SearchOptions } from "../retrieve/retriever.js";
import { chunkDocument, type RetrievedMetadata } from "./documents.js";

/** LangChain's retriever fields (callbacks, tags, metadata, verbose) and Baoku's search options. */
export interface ArchiveRetrieverInput extends BaseRetrieverInput, SearchOptions {}

/**
 * The archive as a LangChain retriever: `invoke("问题")` runs Baoku's hybrid search (BM25 + HNSW,
 * fused; date and paper filters) and returns one `Document` a passage, best first, whose
 * metadata cites it (`RetrievedMetadata`). It depends only on the `Retriever` interface, so any
 * index behind that interface (one file, segments, a search engine) serves it unchanged.
 * Errors of the search (`AppError` `embed:failed`, …) reach the caller as they are.
 */
export class ArchiveRetriever extends BaseRetriever<RetrievedMetadata> {
  static override lc_name() {
    return "ArchiveRetriever";
  }

  lc_namespace = ["baoku", "retrievers", "archive"];

  /** The search options every call uses (`k` 8 and fusion `rrf` unless given). */
  readonly options: SearchOptions;

  constructor(
    private readonly retriever: Retriever,
    fields: ArchiveRetrieverInput = {},
  ) {
    const { callbacks, tags, metadata, verbose, ...options } = fields;
    // Only LangChain's own fields go to the base: they are what it serialises.
    super({ callbacks, tags, metadata, verbose });
    this.options = options;
  }

  /** The same retriever with some search options replaced (`{ dateFrom: "2025-07" }`). */
  withOptions(options: SearchOptions): ArchiveRetriever {
    return new ArchiveRetriever(this.retriever, {
      callbacks: this.callbacks,
      tags: this.tags,
      metadata: this.metadata,
      verbose: this.verbose,
      ...this.options,
      ...options,
    });
  }

  override async _getRelevantDocuments(query: string, _runManager?: CallbackManagerForRetrieverRun): Promise<Document<RetrievedMetadata>[]> {
    const results = await this.retriever.search(query, this.options);
    return results.map((r) =>
      chunkDocument<RetrievedMetadata>(r.chunk, r.article, { score: r.score, lexicalRank: r.lexicalRank, vectorRank: r.vectorRank, distance: r.distance }),
    );
  }
}
