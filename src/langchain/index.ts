/**
 * Baoku behind LangChain's interfaces: the hybrid search as a `BaseRetriever`, the HNSW side as
 * a `VectorStore`. See README「在 LangChain 中使用报库」.
 */
export type { CitationMetadata, RetrievedMetadata, VectorMetadata } from "./documents.js";
export { ArchiveRetriever, type ArchiveRetrieverInput } from "./retriever.js";
export { ArchiveVectorStore, vectorSideOf, vectorStoreOf, type ArchiveFilter, type Neighbours, type VectorSide } from "./vector-store.js";
