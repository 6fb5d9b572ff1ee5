/**
 * A running app (what the bot and chat hold) picks up an updated index without a restart: a
 * question in flight finishes on the index it started on, the next one sees the new pages, and
 * a removed page is no longer cited.
 */
import { rm, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { LlmAnswerer } from "../src/answer/llm.js";
import type { AnswerResult } from "../src/answer/types.js";
import { createApp, type App } from "../src/app.js";
import type { Config } from "../src/config.js";
import type { Manifest } from "../src/index/manifest.js";
import { refreshIndex } from "../src/index/open-index.js";
import { configFor, smallPage, tempArchive, type TempArchive } from "./index/helpers.js";
import { PAGE_FILES } from "./ingest/helpers.js";

const SECONDMENT = "借调干部一般不超过多久？";
const PARK = (n: number) => `玛纳斯县第${n}座智慧灌溉示范园覆盖农田多少亩？`;

/** An LLM stand-in that holds each answer until released: a question kept in flight. */
function gatedLlm() {
  let release!: () => void;
  let entered!: () => void;
  const gate = new Promise<void>((r) => (release = r));
  const inside = new Promise<void>((r) => (entered = r));
  const llm: LlmAnswerer = {
    async improve(_question, _passages, extractive): Promise<AnswerResult> {
      entered();
      await gate;
      return extractive;
    },
  };
  return { llm, inside, release: () => release() };
}

let archive: TempArchive;
let config: Config;
const paper = () => join(archive.corpusDir, "昌吉日报");

beforeAll(async () => {
  archive = await tempArchive("baoku-app-swap-");
  config = configFor(archive);
});

afterAll(async () => {
  await archive?.remove();
});

describe("app.refresh: swapping in an updated index", () => {
  let app: App;
  const gated = gatedLlm();
  let inFlight: Promise<AnswerResult>;

  beforeAll(async () => {
    app = await createApp(config, { llm: gated.llm });
  });

  it("does nothing while the index folder is unchanged", async () => {
    const before = app.index;
    expect(await app.refresh()).toBe(false);
    expect(app.index).toBe(before);
  });

  it("a question in flight during the swap finishes on the old index, citing the page since removed", async () => {
    const old = app.index;
    inFlight = app.answerer.answer(SECONDMENT);
    await gated.inside;

    await rm(join(paper(), PAGE_FILES["2025-08-07"]));
    await writeFile(join(paper(), "2026-01-05_03版.txt"), smallPage(7));
    expect((await refreshIndex(config)).action).toBe("updated");
    expect(await app.refresh()).toBe(true);
    expect(app.index).not.toBe(old);
    expect(app.index.segments).toHaveLength(2);

    gated.release();
    const result = await inFlight;
    expect(result.answered).toBe(true);
    expect(result.short).toBe("6个月");
    expect(result.citations[0]?.source).toContain(PAGE_FILES["2025-08-07"]);
  });

  it("after the swap a new page is answered and cited, and the removed one is not", async () => {
    const park = await app.answerer.answer(PARK(7));
    expect(park.answered).toBe(true);
    expect(park.answer).toContain("3107亩");
    expect(park.citations[0]).toMatchObject({ date: "2026-01-05", source: expect.stringContaining("2026-01-05_03版.txt") });
    const again = await app.answerer.answer(SECONDMENT);
    expect(again.citations.every((c) => !c.source.includes(PAGE_FILES["2025-08-07"]))).toBe(true);
    expect(app.archive.coverage.to).toBe("2026-01-05");
  });
});

describe("app.watchIndex", () => {
  it("notices an update written by another process's run and swaps it in; stops when asked", async () => {
    const app = await createApp(config);
    const swaps: Manifest[] = [];
    const stop = app.watchIndex({ intervalMs: 100, onSwap: (m) => swaps.push(m) });
    try {
      await writeFile(join(paper(), "2026-01-06_03版.txt"), smallPage(8, "玛纳斯县", 6));
      await refreshIndex(config);
      const deadline = Date.now() + 30_000;
      while (swaps.length === 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
      expect(swaps).toHaveLength(1);
      expect(swaps[0]?.coverage.to).toBe("2026-01-06");
      expect((await app.answerer.answer(PARK(8))).answer).toContain("3108亩");
    } finally {
      stop();
    }
    await writeFile(join(paper(), "2026-01-07_03版.txt"), smallPage(9, "玛纳斯县", 7));
    await refreshIndex(config);
    await new Promise((r) => setTimeout(r, 400));
    expect(swaps).toHaveLength(1);
  });
});
