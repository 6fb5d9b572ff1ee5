import type { Callbacks } from "@langchain/core/callbacks/manager";
import type { Document } from "@langchain/core/documents";
import type { EmbeddingsInterface } from "@langchain/core/embeddings";
import { VectorStore } from "@langchain/core/vectorstores";
import type { ArticleMeta, Chunk } from "../chunk/types.js";
import { AppError } from "../errors.js";
import { dateKey, dateRange } from "../index/dates.js";
import type { LoadedIndex } from "../index/load-index.js";
import { normalizeQuery } from "../retrieve/normalize-query.js";
import type { SearchFilters } from "../retrieve/retriever.js";
import { chunkDocument, citationMetadata, type CitationMetadata, type VectorMetadata } from "./documents.js";

/** Nearest neighbours as hnswlib gives them: labels and their cosine distances, nearest first. */
export interface Neighbours {
  neighbors: number[];
  distances: number[];
}

/**
 * What the store needs of an index's vector side — all it knows of the index, so that a single
 * HNSW file, a set of segments or anything else with labelled chunk vectors can supply it.
 */
export interface VectorSide {
  /** The embeddings the chunk vectors were made with (questions are embedded with it too). */
  embeddings: EmbeddingsInterface;
  /**
   * At most `k` labels nearest to `vector` (fewer when the side holds fewer, or fewer pass
   * `allow`), nearest first. May be asynchronous (segments loaded on demand).
   */
  searchKnn(vector: number[], k: number, allow?: (label: number) => boolean): Neighbours | Promise<Neighbours>;
  /** The chunk a label stands for. */
  chunkAt(label: number): Chunk;
  articleOf(chunk: Chunk): ArticleMeta;
}

/**
 * Which passages a search may return: Baoku's date and paper filters (dates as the retriever
 * reads them: a month-precise date is inside a bound that admits some day of its month), or a
 * predicate on a passage's citation metadata, as LangChain's HNSWLib takes one.
 */
export type ArchiveFilter = SearchFilters | ((doc: Document<CitationMetadata>) => boolean);

/**
 * The archive's HNSW graph as a LangChain vector store: `similaritySearch("问题", k, filter)`,
 * `similaritySearchVectorWithScore` and `asRetriever()` search the graph and return `Document`s
 * built from the index's chunks and articles (the HNSW docstore is saved empty; this is its
 * replacement). Scores are cosine distances (lower is closer), as LangChain's HNSWLib gives.
 * Questions are normalised as for Baoku's own search (繁→简, 请问… removed).
 *
 * Read-only: `addDocuments`, `addVectors`, `delete`, `fromTexts` and `fromDocuments` throw
 * `AppError` `index:read-only` — pages enter the archive through corpus/ and `npm run index`.
 */
export class ArchiveVectorStore extends VectorStore {
  declare FilterType: ArchiveFilter;

  constructor(private readonly side: VectorSide) {
    super(side.embeddings, {});
  }

  _vectorstoreType(): string {
    return "baoku-hnsw";
  }

  override async similaritySearchVectorWithScore(query: number[], k: number, filter?: ArchiveFilter): Promise<[Document<VectorMetadata>, number][]> {
    // A question of grammar words only embeds to zero: it has no nearest neighbours.
    if (k <= 0 || !query.some((x) => x !== 0)) return [];
    const found = await this.side.searchKnn(query, k, filter ? this.allow(filter) : undefined);
    return found.neighbors.map((label, r) => {
      const chunk = this.side.chunkAt(label);
      const distance = found.distances[r]!;
      return [chunkDocument<VectorMetadata>(chunk, this.side.articleOf(chunk), { distance }), distance];
    });
  }

  override async similaritySearchWithScore(
    query: string,
    k = 4,
    filter?: ArchiveFilter,
    _callbacks?: Callbacks,
  ): Promise<[Document<VectorMetadata>, number][]> {
    const question = normalizeQuery(query);
    if (!question) return [];
    return this.similaritySearchVectorWithScore(await this.embeddings.embedQuery(question), k, filter);
  }

  override async similaritySearch(query: string, k = 4, filter?: ArchiveFilter, callbacks?: Callbacks): Promise<Document<VectorMetadata>[]> {
    return (await this.similaritySearchWithScore(query, k, filter, callbacks)).map(([doc]) => doc);
  }

  /** @throws AppError `index:read-only` */
  override async addVectors(_vectors: number[][], _documents: Document[]): Promise<never> {
    throw readOnly("addVectors");
  }

  /** @throws AppError `index:read-only` */
  override async addDocuments(_documents: Document[]): Promise<never> {
    throw readOnly("addDocuments");
  }

  /** @throws AppError `index:read-only` */
  override async delete(): Promise<never> {
    throw readOnly("delete");
  }

  /** @throws AppError `index:read-only`: a store is made from an index (`vectorStoreOf`). */
  static override fromTexts(): Promise<VectorStore> {
    return Promise.reject(readOnly("fromTexts"));
  }

  /** @throws AppError `index:read-only`: a store is made from an index (`vectorStoreOf`). */
  static override fromDocuments(): Promise<VectorStore> {
    return Promise.reject(readOnly("fromDocuments"));
  }

  /** The label predicate a filter means. */
  private allow(filter: ArchiveFilter): (label: number) => boolean {
    if (typeof filter === "function") {
      return (label) => {
        const chunk = this.side.chunkAt(label);
        return filter({ pageContent: chunk.text, metadata: citationMetadata(chunk, this.side.articleOf(chunk)), id: chunk.id });
      };
    }
    const { dateFrom, dateTo, paper } = filter;
    return (label) => {
      const article = this.side.articleOf(this.side.chunkAt(label));
      if (paper && article.paper !== paper) return false;
      return !(dateFrom || dateTo) || withinDates(article.date, dateFrom, dateTo);
    };
  }
}

/** Whether a date passes the bounds exactly as the retriever's date ranges decide. */
function withinDates(date: string | null, dateFrom?: string, dateTo?: string): boolean {
  const [from, to] = dateRange(Int32Array.of(dateKey(date)), dateFrom, dateTo);
  return from < to;
}

function readOnly(method: string): AppError {
  return new AppError("index:read-only", `ArchiveVectorStore.${method}`);
}

/**
 * The vector side of a loaded index: the HNSW graph of each of its segments (the base and every
 * update's), a chunk labelled by its segment's offset plus its number there. Chunks of changed or
 * removed pages (dead in their segment) are never returned.
 */
export function vectorSideOf(index: Pick<LoadedIndex, "segments" | "embeddings">): VectorSide {
  const segments = index.segments;
  const offsets: number[] = [];
  let total = 0;
  for (const s of segments) {
    offsets.push(total);
    total += s.chunks.length;
  }
  const newestFirst = [...segments].reverse();
  const at = (label: number) => {
    let i = segments.length - 1;
    while (i > 0 && offsets[i]! > label) i--;
    return { segment: segments[i]!, local: label - offsets[i]! };
  };
  return {
    embeddings: index.embeddings,
    searchKnn(vector, k, allow) {
      const found: Array<{ label: number; distance: number }> = [];
      segments.forEach((s, i) => {
        const graph = s.vectors?.index;
        const n = graph?.getCurrentCount() ?? 0;
        if (!graph || n === 0) return;
        const live = s.live;
        const ok = (local: number) => (!live || live[local] === 1) && (!allow || allow(offsets[i]! + local));
        const hits = graph.searchKnn(vector, Math.min(k, n), live || allow ? ok : undefined);
        hits.neighbors.forEach((local, r) => found.push({ label: offsets[i]! + local, distance: hits.distances[r]! }));
      });
      found.sort((x, y) => x.distance - y.distance);
      const top = found.slice(0, k);
      return { neighbors: top.map((f) => f.label), distances: top.map((f) => f.distance) };
    },
    chunkAt: (label) => {
      const { segment, local } = at(label);
      return segment.chunks[local]!;
    },
    // A replaced page's articles keep their ids: the newest segment holding one has its live version.
    articleOf: (chunk) => {
      for (const s of newestFirst) {
        const a = s.articles.get(chunk.articleId);
        if (a) return a;
      }
      throw new Error(`段落 ${chunk.id} 的文章不在索引中`);
    },
  };
}

/** A LangChain vector store over a loaded index's HNSW graph. */
export function vectorStoreOf(index: Pick<LoadedIndex, "segments" | "embeddings">): ArchiveVectorStore {
  return new ArchiveVectorStore(vectorSideOf(index));
}
