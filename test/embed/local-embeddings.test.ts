import { Socket } from "node:net";
import { join } from "node:path";
import { afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { LOCAL_DIMENSIONS, LocalEmbeddings, localFeatures, type LocalEmbeddingStats } from "../../src/embed/local-embeddings.js";
import { chunkCorpus, retrievalText } from "../../src/index/build-index.js";
import { DEFAULT_CHUNK_OPTIONS } from "../../src/chunk/chunk-article.js";
import { loadCorpus } from "../../src/ingest/load-corpus.js";
import { createTokenizer, defaultTokenizer } from "../../src/text/tokenize.js";
import { ROOT } from "../ingest/helpers.js";

// Passages cut from the seed pages.
const ZHUNDONG = "截至6月30日，共有来自疆内外的245家企业来准东注册登记，其中注册资本1千万元以上56家，1亿元以上10家。";
const HOTLINE = "自10月10日，便民热线归并整合以来，共接到企业和群众有效诉求20372件，通过调阅知识库和“三方通话”等方式直接答复13475件。";
const SHEEP = "新疆首例基因编辑疾病模型羊培育成功";
const RAILWAY = "其中，投资16.32亿元的专用铁路从老君庙矿区通往将淖铁路别勒站，承担老君庙及部分西黑山矿区的疆煤外运任务。";

const dot = (a: readonly number[], b: readonly number[]) => a.reduce((s, x, i) => s + x * b[i]!, 0);
const norm = (v: readonly number[]) => Math.sqrt(dot(v, v));

/** Fitted on the retrieval texts of the whole seed corpus, as the index builder does. */
let fitted: LocalEmbeddings;
let texts: string[];

beforeAll(async () => {
  const corpus = await loadCorpus(join(ROOT, "corpus"));
  texts = chunkCorpus(corpus, DEFAULT_CHUNK_OPTIONS).chunks.map(retrievalText);
  fitted = new LocalEmbeddings(defaultTokenizer());
  fitted.fit(texts);
});

afterEach(() => {
  vi.restoreAllMocks();
});

describe("LocalEmbeddings: vectors", () => {
  it.each([ZHUNDONG, HOTLINE, SHEEP, RAILWAY])("gives %s a vector of 384 numbers with length 1", async (text) => {
    const [v] = await fitted.embedDocuments([text]);
    expect(LOCAL_DIMENSIONS).toBe(384);
    expect(v).toHaveLength(384);
    expect(v!.every(Number.isFinite)).toBe(true);
    expect(norm(v!)).toBeCloseTo(1, 10);
  });

  it("gives the same text the same vector every time, by query or by document", async () => {
    const first = await fitted.embedQuery(ZHUNDONG);
    expect(await fitted.embedQuery(ZHUNDONG)).toEqual(first);
    expect((await fitted.embedDocuments([HOTLINE, ZHUNDONG]))[1]).toEqual(first);
  });

  it("gives different texts different vectors", async () => {
    const [a, b] = await fitted.embedDocuments([ZHUNDONG, HOTLINE]);
    expect(a).not.toEqual(b);
  });

  // A question is nearer (cosine) to the passage that shares its words than to an unrelated one.
  it.each([
    ["今年上半年准东开发区有多少家企业注册登记？", ZHUNDONG, SHEEP],
    ["12345热线接到了多少件有效诉求？", HOTLINE, RAILWAY],
    ["老君庙到别勒站的专用铁路投资多少？", RAILWAY, HOTLINE],
    ["基因编辑羊", SHEEP, ZHUNDONG],
  ])("puts %s nearer its passage than an unrelated one", async (question, related, unrelated) => {
    const q = await fitted.embedQuery(question);
    const [near, far] = await fitted.embedDocuments([related, unrelated]);
    expect(dot(q, near!)).toBeGreaterThan(dot(q, far!) + 0.05);
  });

  it("counts figures and local place names as words (245家, 准东开发区)", () => {
    const features = localFeatures(ZHUNDONG, defaultTokenizer());
    expect(features).toContain("w:245");
    expect(features).toContain("w:准东");
    expect(features).toContain("g:注册");
  });
});

describe("LocalEmbeddings: corpus statistics", () => {
  it("counts one document per fitted text", () => {
    expect(fitted.stats()).toMatchObject({ dimensions: 384, documents: texts.length });
  });

  it("survives a JSON round trip: two instances from the saved stats give identical vectors", async () => {
    const saved = JSON.parse(JSON.stringify(fitted.stats())) as LocalEmbeddingStats;
    const a = new LocalEmbeddings(defaultTokenizer(), saved);
    const b = new LocalEmbeddings(createTokenizer(), JSON.parse(JSON.stringify(saved)) as LocalEmbeddingStats);
    expect(a.stats()).toEqual(fitted.stats());
    for (const text of [ZHUNDONG, SHEEP, "昌吉州“三色清单”为企业减负"]) {
      const expected = await fitted.embedQuery(text);
      expect(await a.embedQuery(text)).toEqual(expected);
      expect(await b.embedQuery(text)).toEqual(expected);
    }
  });

  it("weighs by the statistics: an unfitted instance gives another vector", async () => {
    const unfitted = new LocalEmbeddings(defaultTokenizer());
    expect(unfitted.stats().documents).toBe(0);
    expect(await unfitted.embedQuery(ZHUNDONG)).not.toEqual(await fitted.embedQuery(ZHUNDONG));
  });

  it("rejects saved statistics whose table has the wrong size", () => {
    const saved = fitted.stats();
    expect(() => new LocalEmbeddings(defaultTokenizer(), { ...saved, df: saved.df.slice(0, 1024) })).toThrow(RangeError);
  });
});

describe("LocalEmbeddings: offline", () => {
  it("opens no socket and calls no fetch while loading, fitting and embedding", async () => {
    const connect = vi.spyOn(Socket.prototype, "connect");
    const fetch = vi.spyOn(globalThis, "fetch");
    const embeddings = new LocalEmbeddings(createTokenizer());
    embeddings.fit(texts.slice(0, 20));
    await embeddings.embedDocuments([ZHUNDONG, HOTLINE]);
    await embeddings.embedQuery("準東開發區");
    expect(connect).not.toHaveBeenCalled();
    expect(fetch).not.toHaveBeenCalled();
  });
});
