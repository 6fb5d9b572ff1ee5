import type { Serialized } from "@langchain/core/load/serializable";
import { awaitAllCallbacks } from "@langchain/core/callbacks/promises";
import { Document, type DocumentInterface } from "@langchain/core/documents";
import { RunnableLambda, RunnableSequence } from "@langchain/core/runnables";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { formatCitation } from "../../src/answer/citation.js";
import { AppError } from "../../src/errors.js";
import { openIndex } from "../../src/index/open-index.js";
import type { LoadedIndex } from "../../src/index/load-index.js";
import { ArchiveRetriever, type RetrievedMetadata } from "../../src/langchain/index.js";
import { createRetriever, type Retriever } from "../../src/retrieve/retriever.js";
import { configFor, tempArchive, type TempArchive } from "../index/helpers.js";

/** A reporter's question about the 2025-07 page: "截至6月30日,共有来自疆内外的245家企业来准东注册登记". */
const ZHUNDONG = "今年上半年准东开发区有多少家企业注册登记？";
/** A staff question answered on the 2025-08-07 page (02版): "借调时间一般不超过6个月". */
const SECONDMENT = "借调干部一般不超过多久？";

let archive: TempArchive;
let index: LoadedIndex;
let search: Retriever;

beforeAll(async () => {
  archive = await tempArchive("baoku-lc-retriever-");
  index = await openIndex(configFor(archive));
  search = createRetriever(index);
});

afterAll(async () => {
  await archive?.remove();
});

const ids = (docs: DocumentInterface[]) => docs.map((d) => d.metadata.chunkId as string);

describe("ArchiveRetriever.invoke", () => {
  it("returns Documents holding the 245家 passage first, with its citation metadata", async () => {
    const docs = await new ArchiveRetriever(search, { fusion: "lexical" }).invoke(ZHUNDONG);
    const [top] = docs;
    expect(top).toBeInstanceOf(Document);
    expect(top?.pageContent).toContain("245家");
    expect(top?.metadata).toMatchObject({
      paper: "昌吉日报",
      date: "2025-07",
      dateInferred: true,
      issue: null,
      page: null,
      source: expect.stringMatching(/昌吉日报\/2025-07_准东投资热土\.txt$/),
      lexicalRank: 1,
    });
    expect(top?.metadata.title).toContain("245家企业注册登记");
    expect(top?.metadata.citation).toBe(`《昌吉日报》2025年7月（推定）《${top?.metadata.title}》`);
  });

  it("each Document is the printed passage of a chunk of its article, in the order Baoku's search gives", async () => {
    const docs = await new ArchiveRetriever(search).invoke(ZHUNDONG);
    const results = await search.search(ZHUNDONG);
    expect(ids(docs)).toEqual(results.map((r) => r.chunk.id));
    docs.forEach((doc, i) => {
      const r = results[i]!;
      expect(doc.pageContent).toBe(r.chunk.text);
      expect(doc.id).toBe(r.chunk.id);
      expect(doc.metadata).toEqual({
        paper: r.article.paper,
        date: r.article.date,
        dateInferred: r.article.dateInferred,
        issue: r.article.issue,
        page: r.article.page,
        title: r.article.title,
        source: r.article.source,
        articleId: r.article.id,
        chunkId: r.chunk.id,
        ocr: false,
        citation: formatCitation(r.article),
        score: r.score,
        lexicalRank: r.lexicalRank,
        vectorRank: r.vectorRank,
        distance: r.distance,
      } satisfies RetrievedMetadata);
    });
  });

  it("cites issue and page where the page prints them: 总第12403期, 第1版", async () => {
    const docs = await new ArchiveRetriever(search, { dateFrom: "2025-12", k: 3 }).invoke("新能源重卡补贴");
    expect(docs.length).toBeGreaterThan(0);
    for (const doc of docs) expect(doc.metadata).toMatchObject({ date: "2025-12-23", dateInferred: false, issue: 12403, page: 1 });
    expect(docs[0]?.metadata.citation).toMatch(/^《昌吉日报》2025年12月23日 第12403期 第1版《/);
  });

  it("k, date and paper options reach the search", async () => {
    expect(await new ArchiveRetriever(search, { k: 3 }).invoke(ZHUNDONG)).toHaveLength(3);
    const july = await new ArchiveRetriever(search, { dateFrom: "2025-07", dateTo: "2025-07", k: 20 }).invoke(ZHUNDONG);
    expect(july.length).toBeGreaterThan(0);
    expect(new Set(july.map((d) => d.metadata.date))).toEqual(new Set(["2025-07"]));
    expect(await new ArchiveRetriever(search, { paper: "新疆日报" }).invoke(ZHUNDONG)).toEqual([]);
  });

  it("withOptions: a copy with the options replaced, the original unchanged", async () => {
    const base = new ArchiveRetriever(search, { k: 5 });
    const recent = base.withOptions({ dateFrom: "2025-12" });
    expect(recent.options).toEqual({ k: 5, dateFrom: "2025-12" });
    expect(base.options).toEqual({ k: 5 });
    const docs = await recent.invoke("政务服务平台");
    expect(docs.length).toBeGreaterThan(0);
    expect(docs.every((d) => d.metadata.date === "2025-12-23")).toBe(true);
    expect((await base.invoke("政务服务平台")).some((d) => d.metadata.date !== "2025-12-23")).toBe(true);
  });

  it("a question of padding only gives no Documents", async () => {
    expect(await new ArchiveRetriever(search).invoke("请问？")).toEqual([]);
  });
});

describe("ArchiveRetriever as a LangChain runnable", () => {
  it("batch: one list a question, each what invoke gives", async () => {
    const retriever = new ArchiveRetriever(search, { k: 4 });
    const [zhundong, secondment] = await retriever.batch([ZHUNDONG, SECONDMENT]);
    expect(ids(zhundong!)).toEqual(ids(await retriever.invoke(ZHUNDONG)));
    expect(ids(secondment!)).toEqual(ids(await retriever.invoke(SECONDMENT)));
    expect(secondment?.some((d) => d.pageContent.includes("不超过6个月"))).toBe(true);
  });

  it("in a RunnableSequence: question in, numbered sources with citations out", async () => {
    const sources = (docs: DocumentInterface[]) => docs.map((d, i) => `[${i + 1}] ${d.metadata.citation}\n${d.pageContent}`).join("\n\n");
    const chain = RunnableSequence.from([(input: { question: string }) => input.question, new ArchiveRetriever(search, { k: 2 }), sources]);
    const text = await chain.invoke({ question: SECONDMENT });
    expect(text).toMatch(/^\[1\] 《昌吉日报》2025年8月7日（推定） 第2版/);
    expect(text).toContain("借调时间一般不超过6个月");
    expect(text).toContain("\n\n[2] ");
  });

  it("pipe: retriever.pipe(fn) runs the search, then fn", async () => {
    const dates = new ArchiveRetriever(search, { k: 20 }).pipe(
      RunnableLambda.from((docs: DocumentInterface[]) => [...new Set(docs.map((d) => d.metadata.date))].sort()),
    );
    expect(await dates.invoke("政务服务平台")).toEqual(expect.arrayContaining(["2021-12", "2025-12-23"]));
  });

  it("callbacks: handleRetrieverStart gets the question, handleRetrieverEnd the Documents returned", async () => {
    const seen: { start: Array<{ name: string; query: string }>; end: DocumentInterface[][] } = { start: [], end: [] };
    const handler = {
      handleRetrieverStart(retriever: Serialized, query: string) {
        seen.start.push({ name: retriever.id.at(-1)!, query });
      },
      handleRetrieverEnd(documents: DocumentInterface[]) {
        seen.end.push(documents);
      },
    };
    const docs = await new ArchiveRetriever(search, { k: 3 }).invoke(ZHUNDONG, { callbacks: [handler] });
    await awaitAllCallbacks();
    expect(seen.start).toEqual([{ name: "ArchiveRetriever", query: ZHUNDONG }]);
    expect(seen.end).toHaveLength(1);
    expect(ids(seen.end[0]!)).toEqual(ids(docs));
  });

  it("callbacks given to the constructor fire on every call, also through batch", async () => {
    const queries: string[] = [];
    const retriever = new ArchiveRetriever(search, { callbacks: [{ handleRetrieverStart: (_r: Serialized, query: string) => void queries.push(query) }] });
    await retriever.batch([ZHUNDONG, SECONDMENT]);
    await awaitAllCallbacks();
    expect(queries.sort()).toEqual([ZHUNDONG, SECONDMENT].sort());
  });

  it("a failing search rejects invoke with its error and fires handleRetrieverError", async () => {
    const failure = new AppError("embed:failed", "向量服务无响应");
    const failing: Retriever = { search: () => Promise.reject(failure) };
    const errors: Error[] = [];
    const retriever = new ArchiveRetriever(failing);
    await expect(retriever.invoke(ZHUNDONG, { callbacks: [{ handleRetrieverError: (e: Error) => void errors.push(e) }] })).rejects.toBe(failure);
    await awaitAllCallbacks();
    expect(errors).toEqual([failure]);
  });
});
