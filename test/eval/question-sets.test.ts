import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { containsExpected, readQuestions } from "../../src/eval/questions.js";
import { normalizeText } from "../../src/text/normalize.js";

// Every question set of the repository: a right answer is judged by its expected strings, so
// each must be printed on the page the question names, or the set would count right answers wrong.
const EVAL_DIR = fileURLToPath(new URL(".", import.meta.url));
const PAGES_DIR = fileURLToPath(new URL("../../corpus/昌吉日报/", import.meta.url));
const SETS = readdirSync(EVAL_DIR).filter((f) => f.endsWith(".jsonl"));
const PAGES = readdirSync(PAGES_DIR).filter((f) => f.endsWith(".txt"));

/** The pages a question's source_date names (2025-05 names 2025-05-29_…), as one text; null if none. */
function pageOf(date: string): string | null {
  const files = PAGES.filter((f) => f.startsWith(date));
  return files.length ? files.map((f) => readFileSync(join(PAGES_DIR, f), "utf8")).join("\n") : null;
}

describe.each(SETS)("%s", (set) => {
  it("parses, with unique ids, and every answerable question names what a right answer holds", async () => {
    const questions = await readQuestions(join(EVAL_DIR, set));
    expect(questions.length).toBeGreaterThan(0);
    expect(new Set(questions.map((q) => q.id)).size).toBe(questions.length);
    const unjudged = questions.filter((q) => q.answerable && !q.expect_any?.length && !q.expect_all?.length).map((q) => q.id);
    expect(unjudged).toEqual([]);
  });

  it("every expected string is printed on the page its question names", async () => {
    const questions = await readQuestions(join(EVAL_DIR, set));
    const unprinted = questions
      .filter((q) => q.answerable && q.source_date)
      .filter((q) => {
        const page = pageOf(q.source_date!);
        return page === null || !(containsExpected(page, q) || containsExpected(normalizeText(page), q));
      })
      .map((q) => q.id);
    expect(unprinted).toEqual([]);
  });
});
