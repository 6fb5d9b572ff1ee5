import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { containsAnyExpected, dateMatches, DEFAULT_QUESTIONS, rankMetrics, readQuestions, type EvalQuestion } from "../../src/eval/questions.js";
import { openIndex } from "../../src/index/open-index.js";
import { createRetriever, type Fusion, type Retriever } from "../../src/retrieve/retriever.js";
import { ROOT } from "../ingest/helpers.js";
import { configFor, tempArchive, type TempArchive } from "../index/helpers.js";

// The quality gate, scored as `npm run eval` scores retrieval: a question is a hit at rank r
// when the r-th passage holds an expected figure and comes from a page of the expected date.

let archive: TempArchive;
let retriever: Retriever;
let answerable: EvalQuestion[];

beforeAll(async () => {
  archive = await tempArchive("baoku-gate-");
  retriever = createRetriever(await openIndex(configFor(archive)));
  answerable = (await readQuestions(join(ROOT, DEFAULT_QUESTIONS))).filter((q) => q.answerable);
});

afterAll(async () => {
  await archive?.remove();
});

async function ranks(fusion: Fusion, k: number): Promise<{ ranks: Array<number | null>; misses: string[] }> {
  const out: Array<number | null> = [];
  const misses: string[] = [];
  for (const q of answerable) {
    const results = await retriever.search(q.question, { fusion, k });
    const i = results.findIndex((r) => dateMatches(r.article.date, q) && containsAnyExpected(r.chunk.text, q));
    out.push(i < 0 ? null : i + 1);
    if (i < 0) misses.push(`${q.id} ${q.question}`);
  }
  return { ranks: out, misses };
}

describe("retrieval quality on the project's question set", () => {
  it("has answerable questions with expected figures to score", () => {
    expect(answerable.length).toBeGreaterThanOrEqual(50);
    expect(answerable.every((q) => (q.expect_any?.length ?? 0) + (q.expect_all?.length ?? 0) > 0)).toBe(true);
  });

  it("rrf: hit@5 is at least 0.9", async () => {
    const { ranks: found, misses } = await ranks("rrf", 5);
    const metrics = rankMetrics(found);
    expect(metrics.questions).toBe(answerable.length);
    expect(metrics.hitAt5, `missed in the top 5:\n${misses.join("\n")}`).toBeGreaterThanOrEqual(0.9);
  });
});
