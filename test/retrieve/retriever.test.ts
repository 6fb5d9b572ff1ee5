import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openIndex } from "../../src/index/open-index.js";
import type { LoadedIndex } from "../../src/index/load-index.js";
import { createRetriever, type Fusion, type Retriever, type SearchResult } from "../../src/retrieve/retriever.js";
import { configFor, tempArchive, type TempArchive } from "../index/helpers.js";

/** A reporter's question about the 2025-07 page: "截至6月30日,共有来自疆内外的245家企业来准东注册登记". */
const ZHUNDONG = "今年上半年准东开发区有多少家企业注册登记？";
const ZHUNDONG_TRADITIONAL = "準東開發區有多少家企業註冊登記？";

let archive: TempArchive;
let index: LoadedIndex;
let retriever: Retriever;

beforeAll(async () => {
  archive = await tempArchive("baoku-retrieve-");
  index = await openIndex(configFor(archive));
  retriever = createRetriever(index);
});

afterAll(async () => {
  await archive?.remove();
});

const holds245 = (r: SearchResult) => r.chunk.text.includes("245家") && r.article.date === "2025-07";

describe("search: the 245家 passage", () => {
  it("lexical: the top result holds 245家, from the 2025-07 page", async () => {
    const [top] = await retriever.search(ZHUNDONG, { fusion: "lexical" });
    expect(top?.chunk.text).toContain("245家");
    expect(top?.article).toMatchObject({ date: "2025-07", paper: "昌吉日报", dateInferred: true });
    expect(top?.article.title).toContain("245家企业注册登记");
  });

  it.each(["rrf", "vector", "weighted"] as Fusion[])("%s: the passage is within the top 5", async (fusion) => {
    const results = await retriever.search(ZHUNDONG, { fusion, k: 5 });
    expect(results).toHaveLength(5);
    expect(results.some(holds245)).toBe(true);
  });

  it.each(["lexical", "rrf"] as Fusion[])("%s: a Traditional-Chinese question finds the same passage first", async (fusion) => {
    const simplified = await retriever.search(ZHUNDONG, { fusion, k: 3 });
    const traditional = await retriever.search(ZHUNDONG_TRADITIONAL, { fusion, k: 3 });
    expect(traditional[0] && holds245(traditional[0])).toBe(true);
    expect(traditional[0]?.chunk.id).toBe(simplified.find(holds245)?.chunk.id);
  });

  it("the default fusion is rrf, and k defaults to 8", async () => {
    const byDefault = await retriever.search(ZHUNDONG);
    expect(byDefault).toHaveLength(8);
    expect(byDefault.map((r) => r.chunk.id)).toEqual((await retriever.search(ZHUNDONG, { fusion: "rrf" })).map((r) => r.chunk.id));
  });
});

describe("search: what a result carries", () => {
  it("rrf: each result was found by at least one list, ranks are 1-based, distance goes with the vector rank", async () => {
    const results = await retriever.search(ZHUNDONG, { k: 8 });
    for (const r of results) {
      expect(r.lexicalRank !== null || r.vectorRank !== null).toBe(true);
      for (const rank of [r.lexicalRank, r.vectorRank]) if (rank !== null) expect(rank).toBeGreaterThanOrEqual(1);
      expect(r.distance === null).toBe(r.vectorRank === null);
      expect(index.chunks).toContain(r.chunk);
      expect(index.articles.get(r.chunk.articleId)).toBe(r.article);
    }
    const scores = results.map((r) => r.score);
    expect(scores).toEqual([...scores].sort((a, b) => b - a));
    expect(results.filter((r) => r.lexicalRank !== null && r.vectorRank !== null).length).toBeGreaterThan(0);
  });

  it("lexical: results in BM25 order, numbered 1, 2, 3…", async () => {
    const results = await retriever.search(ZHUNDONG, { fusion: "lexical", k: 6 });
    expect(results.map((r) => r.lexicalRank)).toEqual([1, 2, 3, 4, 5, 6]);
  });

  it("vector: results in order of cosine distance, each between 0 and 2", async () => {
    const results = await retriever.search(ZHUNDONG, { fusion: "vector", k: 6 });
    expect(results.map((r) => r.vectorRank)).toEqual([1, 2, 3, 4, 5, 6]);
    const distances = results.map((r) => r.distance!);
    expect(distances).toEqual([...distances].sort((a, b) => a - b));
    for (const d of distances) expect(d > 0 && d < 2).toBe(true);
  });

  it("returns nothing for a question that is only padding", async () => {
    expect(await retriever.search("请问？")).toEqual([]);
  });
});

describe("search: filters", () => {
  const dates = (results: SearchResult[]) => [...new Set(results.map((r) => r.article.date))].sort();

  it("dateFrom 2025-12 keeps only the 2025-12-23 page (the question also matches older pages)", async () => {
    const question = "新能源重卡补贴";
    expect(dates(await retriever.search(question)).length).toBeGreaterThan(1);
    const results = await retriever.search(question, { dateFrom: "2025-12" });
    expect(results.length).toBeGreaterThan(0);
    expect(dates(results)).toEqual(["2025-12-23"]);
    expect(results[0]?.lexicalRank).toBe(1);
  });

  it("dateTo 2021-12 keeps only the 2021-12 page", async () => {
    const question = "政务服务平台";
    expect(dates(await retriever.search(question, { k: 20 })).length).toBeGreaterThan(1);
    const results = await retriever.search(question, { dateTo: "2021-12", k: 20 });
    expect(results.length).toBeGreaterThan(0);
    expect(dates(results)).toEqual(["2021-12"]);
  });

  it("a range of months compares on the common precision: 2025-05 to 2025-07 takes 2025-05-29 and 2025-07", async () => {
    const results = await retriever.search("政务服务平台", { dateFrom: "2025-05", dateTo: "2025-07", k: 20 });
    expect(dates(results)).toEqual(["2025-05-29", "2025-07"]);
  });

  it("a date filter finds the 245家 passage inside its month and nothing of it outside", async () => {
    expect((await retriever.search(ZHUNDONG, { dateFrom: "2025-07", dateTo: "2025-07", k: 3 })).some(holds245)).toBe(true);
    expect((await retriever.search(ZHUNDONG, { dateFrom: "2025-08" })).some(holds245)).toBe(false);
  });

  it("paper: the archive's paper keeps every result, another paper gives none", async () => {
    const all = await retriever.search(ZHUNDONG, { k: 5 });
    expect((await retriever.search(ZHUNDONG, { paper: "昌吉日报", k: 5 })).map((r) => r.chunk.id)).toEqual(all.map((r) => r.chunk.id));
    expect(await retriever.search(ZHUNDONG, { paper: "新疆日报" })).toEqual([]);
  });
});
