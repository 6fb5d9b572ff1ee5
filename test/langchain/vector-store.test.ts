import { awaitAllCallbacks } from "@langchain/core/callbacks/promises";
import { HNSWLib } from "@langchain/community/vectorstores/hnswlib";
import { Document, type DocumentInterface } from "@langchain/core/documents";
import { VectorStore } from "@langchain/core/vectorstores";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { AppError } from "../../src/errors.js";
import { retrievalText } from "../../src/index/build-index.js";
import { openIndex } from "../../src/index/open-index.js";
import type { LoadedIndex } from "../../src/index/load-index.js";
import { ArchiveVectorStore, vectorSideOf, vectorStoreOf, type Neighbours, type VectorSide } from "../../src/langchain/index.js";
import { configFor, tempArchive, type TempArchive } from "../index/helpers.js";

/** The 2025-07 page prints "共有来自疆内外的245家企业来准东注册登记". */
const ZHUNDONG = "准东开发区有多少家企业注册登记？";
const ZHUNDONG_TRADITIONAL = "準東開發區有多少家企業註冊登記？";

let archive: TempArchive;
let index: LoadedIndex;
let store: ArchiveVectorStore;

beforeAll(async () => {
  archive = await tempArchive("baoku-lc-store-");
  index = await openIndex(configFor(archive));
  store = vectorStoreOf(index);
});

afterAll(async () => {
  await archive?.remove();
});

const ids = (docs: DocumentInterface[]) => docs.map((d) => d.metadata.chunkId as string);
const dates = (docs: DocumentInterface[]) => [...new Set(docs.map((d) => d.metadata.date as string | null))].sort();

describe("ArchiveVectorStore: the HNSW graph with its passages", () => {
  it("is a LangChain VectorStore", () => {
    expect(store).toBeInstanceOf(VectorStore);
    expect(store._vectorstoreType()).toBe("baoku-hnsw");
    expect(store.embeddings).toBe(index.embeddings);
  });

  it("similaritySearch finds the 245家 passage among the 5 nearest, as a cited Document", async () => {
    const docs = await store.similaritySearch(ZHUNDONG, 5);
    expect(docs).toHaveLength(5);
    const hit = docs.find((d) => d.pageContent.includes("245家"));
    expect(hit).toBeInstanceOf(Document);
    expect(hit?.metadata).toMatchObject({ paper: "昌吉日报", date: "2025-07", dateInferred: true, issue: null, page: null });
    expect(hit?.metadata.title).toContain("245家企业注册登记");
    expect(hit?.metadata.citation).toMatch(/^《昌吉日报》2025年7月（推定）《/);
  });

  it("the neighbours are the graph's own, with their distances, each Document its chunk's text (not an empty docstore)", async () => {
    const vector = await index.embeddings.embedQuery(ZHUNDONG);
    const graph = index.vectors!.index.searchKnn(vector, 8);
    const found = await store.similaritySearchVectorWithScore(vector, 8);
    expect(found.map(([doc]) => doc.metadata.chunkId)).toEqual(graph.neighbors.map((label) => index.chunks[label]!.id));
    expect(found.map(([, distance]) => distance)).toEqual(graph.distances);
    for (const [doc, distance] of found) {
      const chunk = index.chunks.find((c) => c.id === doc.metadata.chunkId)!;
      expect(doc.pageContent).toBe(chunk.text);
      expect(doc.id).toBe(chunk.id);
      expect(doc.metadata.articleId).toBe(chunk.articleId);
      expect(doc.metadata.distance).toBe(distance);
    }
  });

  it("similaritySearchWithScore: distances (lower is closer) in ascending order, between 0 and 2", async () => {
    const found = await store.similaritySearchWithScore(ZHUNDONG, 6);
    const distances = found.map(([, d]) => d);
    expect(distances).toHaveLength(6);
    expect(distances).toEqual([...distances].sort((a, b) => a - b));
    for (const d of distances) expect(d > 0 && d < 2).toBe(true);
  });

  it("questions are normalised as for Baoku's search: a Traditional-Chinese question finds the same passages", async () => {
    expect(ids(await store.similaritySearch(ZHUNDONG_TRADITIONAL, 5))).toEqual(ids(await store.similaritySearch(ZHUNDONG, 5)));
  });

  it("a question of padding only, a zero vector or k 0 gives nothing; k beyond the archive gives every chunk once", async () => {
    expect(await store.similaritySearch("请问？", 5)).toEqual([]);
    expect(await store.similaritySearchVectorWithScore(new Array(index.manifest.embeddings.dimensions).fill(0), 5)).toEqual([]);
    expect(await store.similaritySearch(ZHUNDONG, 0)).toEqual([]);
    const all = await store.similaritySearch(ZHUNDONG, index.chunks.length + 50);
    expect(new Set(ids(all)).size).toBe(index.chunks.length);
  });
});

describe("ArchiveVectorStore: filters", () => {
  it("dateFrom 2025-12 keeps only the 2025-12-23 page, still k of them", async () => {
    expect(dates(await store.similaritySearch("政务服务平台", 20)).length).toBeGreaterThan(1);
    const docs = await store.similaritySearch("政务服务平台", 5, { dateFrom: "2025-12" });
    expect(docs).toHaveLength(5);
    expect(dates(docs)).toEqual(["2025-12-23"]);
  });

  it("a range of months compares on the common precision: 2025-05 to 2025-07 takes 2025-05-29 and 2025-07", async () => {
    const docs = await store.similaritySearch("政务服务平台", 200, { dateFrom: "2025-05", dateTo: "2025-07" });
    expect(dates(docs)).toEqual(["2025-05-29", "2025-07"]);
  });

  it("paper: the archive's paper keeps the results, another paper gives none", async () => {
    expect(ids(await store.similaritySearch(ZHUNDONG, 5, { paper: "昌吉日报" }))).toEqual(ids(await store.similaritySearch(ZHUNDONG, 5)));
    expect(await store.similaritySearch(ZHUNDONG, 5, { paper: "新疆日报" })).toEqual([]);
  });

  it("a predicate on the citation metadata, as HNSWLib takes one", async () => {
    const docs = await store.similaritySearch("政务服务平台", 5, (doc) => doc.metadata.date === "2021-12" && doc.pageContent.length > 0);
    expect(docs.length).toBeGreaterThan(0);
    expect(dates(docs)).toEqual(["2021-12"]);
  });
});

describe("ArchiveVectorStore.asRetriever", () => {
  it("invoke returns k Documents within the filter, and fires the retriever callbacks", async () => {
    const ended: DocumentInterface[][] = [];
    const retriever = store.asRetriever({
      k: 3,
      filter: { dateFrom: "2025-12" },
      callbacks: [{ handleRetrieverEnd: (d: DocumentInterface[]) => void ended.push(d) }],
    });
    const docs = await retriever.invoke("新能源重卡补贴");
    await awaitAllCallbacks();
    expect(docs).toHaveLength(3);
    expect(dates(docs)).toEqual(["2025-12-23"]);
    expect(ended.map(ids)).toEqual([ids(docs)]);
  });

  it("asRetriever(k) gives what similaritySearch gives", async () => {
    expect(ids(await store.asRetriever(4).invoke(ZHUNDONG))).toEqual(ids(await store.similaritySearch(ZHUNDONG, 4)));
  });
});

describe("ArchiveVectorStore is read-only", () => {
  const doc = new Document({ pageContent: "昌吉州新建自动雨量站30座。", metadata: {} });
  it.each([
    ["addDocuments", () => store.addDocuments([doc])],
    ["addVectors", () => store.addVectors([[0.1, 0.2]], [doc])],
    ["delete", () => store.delete()],
    ["fromTexts", () => ArchiveVectorStore.fromTexts()],
    ["fromDocuments", () => ArchiveVectorStore.fromDocuments()],
  ])("%s throws index:read-only, saying how pages are added", async (_name, call) => {
    const error = await call().then(
      () => null,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(AppError);
    expect((error as AppError).code).toBe("index:read-only");
    expect((error as AppError).userMessage).toMatch(/^索引是只读的：请把页面放进 corpus\/ 后运行 npm run index/);
  });

  it("the archive is unchanged afterwards", async () => {
    await store.addDocuments([doc]).catch(() => {});
    expect(index.vectors!.index.getCurrentCount()).toBe(index.chunks.length);
    expect((await store.similaritySearch("自动雨量站", 50)).every((d) => d.pageContent !== doc.pageContent)).toBe(true);
  });
});

describe("ArchiveVectorStore over another vector side", () => {
  /** The archive cut into two segments with a graph each, searched together (labels are per segment). */
  async function twoSegments(): Promise<VectorSide> {
    const { HierarchicalNSW } = await HNSWLib.imports();
    const cut = Math.floor(index.chunks.length / 2);
    const parts = [index.chunks.slice(0, cut), index.chunks.slice(cut)];
    const dims = index.manifest.embeddings.dimensions;
    const graphs = await Promise.all(
      parts.map(async (chunks) => {
        const graph = new HierarchicalNSW("cosine", dims);
        graph.initIndex(chunks.length);
        (await index.embeddings.embedDocuments(chunks.map(retrievalText))).forEach((v, i) => graph.addPoint(v, i));
        graph.setEf(chunks.length);
        return graph;
      }),
    );
    const SEGMENT = 1_000_000;
    const whole = vectorSideOf(index);
    return {
      embeddings: index.embeddings,
      // Asynchronous, as a side that loads its segments on demand would be.
      async searchKnn(vector, k, allow): Promise<Neighbours> {
        const merged = graphs.flatMap((graph, s) => {
          const found = graph.searchKnn(vector, Math.min(k, graph.getCurrentCount()), allow && ((label) => allow(s * SEGMENT + label)));
          return found.neighbors.map((label, r) => ({ label: s * SEGMENT + label, distance: found.distances[r]! }));
        });
        merged.sort((a, b) => a.distance - b.distance);
        const top = merged.slice(0, k);
        return { neighbors: top.map((m) => m.label), distances: top.map((m) => m.distance) };
      },
      chunkAt: (label) => parts[Math.floor(label / SEGMENT)]![label % SEGMENT]!,
      articleOf: whole.articleOf,
    };
  }

  it("two segments searched together give the single graph's nearest passages and filters", async () => {
    const segmented = new ArchiveVectorStore(await twoSegments());
    expect(ids(await segmented.similaritySearch(ZHUNDONG, 5))).toEqual(ids(await store.similaritySearch(ZHUNDONG, 5)));
    const filter = { dateFrom: "2025-05", dateTo: "2025-07" };
    expect(ids(await segmented.similaritySearch("政务服务平台", 5, filter))).toEqual(ids(await store.similaritySearch("政务服务平台", 5, filter)));
  });
});
