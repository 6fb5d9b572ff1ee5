/**
 * `npm run index` on a changed corpus updates the index instead of rebuilding it: new pages in
 * a segment of their own, changed pages replaced, removed pages gone from answers; an index that
 * was never updated is one folder that behaves as before.
 */
import { appendFile, readdir, rm, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Config } from "../../src/config.js";
import { retrievalText } from "../../src/index/build-index.js";
import { SEGMENTS } from "../../src/index/files.js";
import type { LoadedIndex } from "../../src/index/load-index.js";
import { fingerprint } from "../../src/index/manifest.js";
import { modelDigest } from "../../src/index/model-digest.js";
import { openIndex, refreshIndex } from "../../src/index/open-index.js";
import { readSegmentList } from "../../src/index/segments.js";
import { MAX_SEGMENTS } from "../../src/index/update-index.js";
import { scanCorpus } from "../../src/ingest/load-corpus.js";
import { archiveOf } from "../../src/retrieve/archive.js";
import { createRetriever } from "../../src/retrieve/retriever.js";
import { vectorStoreOf } from "../../src/langchain/index.js";
import { PAGE_FILES } from "../ingest/helpers.js";
import { configFor, recordEvents, smallPage, tempArchive, type TempArchive } from "./helpers.js";

// The tests of this file run in order on one index folder, as a newsroom's successive days would.

let archive: TempArchive;
let config: Config;
let first: LoadedIndex;
const paper = () => join(archive.corpusDir, "昌吉日报");
const HOTLINE = "昌吉州12345热线的回访满意率是多少？";

const open = async () => {
  const run = recordEvents();
  const index = await openIndex(config, { onEvent: run.onEvent });
  return { index, events: run.events, rebuilds: run.rebuilds() };
};
const texts = async (index: LoadedIndex, question: string, k = 5) => (await createRetriever(index).search(question, { k })).map((r) => r.chunk.text);

beforeAll(async () => {
  archive = await tempArchive("baoku-update-");
  config = configFor(archive);
  first = await openIndex(config);
});

afterAll(async () => {
  await archive?.remove();
});

describe("an index never updated", () => {
  it("is one segment, every chunk live, scored with its own statistics", () => {
    expect(first.segments).toHaveLength(1);
    expect(first.segments[0]).toMatchObject({ name: "", live: null });
    expect(first.segments[0]!.chunks).toBe(first.chunks);
    expect(first.lexicalStats).toBeUndefined();
  });
});

describe("npm run index on a changed corpus", () => {
  let updated: Awaited<ReturnType<typeof open>>;

  beforeAll(async () => {
    await writeFile(join(paper(), "2026-01-05_03版.txt"), smallPage(7));
    await appendFile(join(paper(), PAGE_FILES["2025-12-23"]), "\n");
    await rm(join(paper(), PAGE_FILES["2021-12"]));
    updated = await open();
  });

  it("updates instead of rebuilding: one new page, one replaced, one removed, in one new segment", async () => {
    expect(updated.rebuilds).toEqual([]);
    expect(updated.events).toContainEqual({ type: "update", added: 1, replaced: 1, removed: 1 });
    const done = updated.events.find((e) => e.type === "updated");
    expect(done).toMatchObject({ result: { added: 1, replaced: 1, removed: 1, merged: 0 } });
    const list = await readSegmentList(config.INDEX_DIR);
    expect(list?.segments).toEqual(["seg-000001"]);
    expect(await readdir(join(config.INDEX_DIR, SEGMENTS.dir))).toEqual(["seg-000001"]);
    expect(updated.index.segments.map((s) => s.name)).toEqual(["", "seg-000001"]);
  });

  it("the manifest counts the corpus as it is now, and its fingerprint is the corpus's: the next run does nothing", async () => {
    const { manifest } = updated.index;
    expect(manifest.counts.pages).toBe(5);
    expect(manifest.coverage).toEqual({ papers: ["昌吉日报"], from: "2025-05-29", to: "2026-01-05" });
    const pages = await scanCorpus(archive.corpusDir);
    expect(manifest.fingerprint).toBe(
      fingerprint({ pages, embeddings: { kind: "local", model: null }, chunking: { size: 220, overlap: 40 }, userWords: [], modelSha256: await modelDigest() }),
    );
    const again = await open();
    expect(again.events).toEqual([]);
    expect(again.index.manifest).toEqual(manifest);
  });

  it("a new page is found, in the base's vector space (its chunk is its own nearest neighbour)", async () => {
    const top = await texts(updated.index, "玛纳斯县第7座智慧灌溉示范园覆盖多少亩农田？", 3);
    expect(top[0]).toContain("3107亩");
    const segment = updated.index.segments[1]!;
    const chunk = segment.chunks.find((c) => c.text.includes("3107亩"))!;
    const found = segment.vectors!.index.searchKnn(await updated.index.embeddings.embedQuery(retrievalText(chunk)), 1);
    expect(found.distances[0]).toBeLessThan(1e-4);
  });

  it("a removed page vanishes from search and from the archive", async () => {
    expect(first.chunks.some((c) => c.text.includes("20372件"))).toBe(true);
    expect((await texts(first, HOTLINE, 20)).some((t) => t.includes("12345"))).toBe(true);
    expect((await texts(updated.index, HOTLINE, 20)).some((t) => t.includes("20372件"))).toBe(false);
    const hotlineArticle = [...first.articles.values()].find((a) => a.source.endsWith(PAGE_FILES["2021-12"]))!;
    expect(archiveOf(updated.index).articleText(hotlineArticle.id)).toBe("");
  });

  it("a replaced page is found once, from its new version only", async () => {
    const results = await createRetriever(updated.index).search("新能源重卡补贴", { k: 20 });
    const ids = results.map((r) => r.chunk.id);
    expect(new Set(ids).size).toBe(ids.length);
    expect(results.some((r) => r.article.date === "2025-12-23")).toBe(true);
    const base = updated.index.segments[0]!;
    const stale = base.chunks.flatMap((c, i) => (base.articles.get(c.articleId)!.source.endsWith(PAGE_FILES["2025-12-23"]) ? [i] : []));
    expect(stale.length).toBeGreaterThan(0);
    expect(stale.every((i) => base.live![i] === 0)).toBe(true);
  });

  it("the LangChain vector store searches every segment and never returns a dead chunk", async () => {
    const store = vectorStoreOf(updated.index);
    const [top] = await store.similaritySearch("玛纳斯县第7座智慧灌溉示范园覆盖多少亩农田？", 1);
    expect(top?.pageContent).toContain("3107亩");
    const all = await store.similaritySearchWithScore("昌吉州12345热线 新能源重卡补贴", 200);
    expect(all.some(([d]) => d.pageContent.includes("20372件"))).toBe(false);
    const ids = all.map(([d]) => d.metadata.chunkId);
    expect(new Set(ids).size).toBe(ids.length);
    expect(all.every(([, distance], i) => i === 0 || distance >= all[i - 1]![1])).toBe(true);
  });

  it("BM25 statistics are those of the live chunks of both segments, exactly (dead chunks not counted)", () => {
    const stats = updated.index.lexicalStats!;
    expect(stats.documentCount).toBe(updated.index.manifest.counts.chunks);
    const live = updated.index.segments.flatMap((seg) => seg.chunks.filter((_, i) => !seg.live || seg.live[i]));
    for (const term of ["新能源", "示范园", "企业"]) {
      const expected = live.filter((c) => updated.index.tokenizer.terms(retrievalText(c)).includes(term)).length;
      expect(expected).toBeGreaterThan(0);
      expect(stats.df(term)).toBe(expected);
    }
    expect(archiveOf(updated.index).idf("示范园")).toBeGreaterThan(0);
  });
});

describe("many updates", () => {
  it(`never leave more than ${MAX_SEGMENTS} segments: the next one merges them, and every page still answers`, async () => {
    const counts: number[] = [];
    expect((await readSegmentList(config.INDEX_DIR))!.segments).toHaveLength(1);
    for (let n = 10; n < 10 + MAX_SEGMENTS; n++) {
      await writeFile(join(paper(), `2026-01-${n}_03版.txt`), smallPage(n, "吉木萨尔县", n));
      const state = await refreshIndex(config);
      expect(state.action).toBe("updated");
      counts.push((await readSegmentList(config.INDEX_DIR))!.segments.length);
    }
    expect(counts).toEqual([2, 3, 4, 5, 6, 7, 8, 1]);
    expect((await readdir(join(config.INDEX_DIR, SEGMENTS.dir))).length).toBe(1);
    const { index } = await open();
    for (const n of [7, 10, 17]) expect((await texts(index, `第${n}座智慧灌溉示范园覆盖多少亩农田？`, 3)).some((t) => t.includes(`${3100 + n}亩`))).toBe(true);
    expect(index.manifest.counts.pages).toBe(5 + MAX_SEGMENTS);
  });

  it("--force rebuilds from scratch: one folder again, no segments", async () => {
    const run = recordEvents();
    const index = await openIndex(config, { force: true, onEvent: run.onEvent });
    expect(run.rebuilds()).toEqual(["按要求重建"]);
    expect(index.segments).toHaveLength(1);
    expect(await readSegmentList(config.INDEX_DIR)).toBeNull();
    expect(index.manifest.counts.pages).toBe(5 + MAX_SEGMENTS);
  });
});
