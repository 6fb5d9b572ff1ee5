import { readFile } from "node:fs/promises";
import { z } from "zod";

export const questionSchema = z.object({
  id: z.string(),
  persona: z.string().optional(),
  question: z.string(),
  answerable: z.boolean(),
  expect_any: z.array(z.string()).optional(),
  expect_all: z.array(z.string()).optional(),
  source_date: z.string().optional(),
  expect_min_dates: z.number().int().optional(),
  note: z.string().optional(),
});

/** One evaluation question (DESIGN.md, "Evaluation file format"). */
export type EvalQuestion = z.infer<typeof questionSchema>;

/** The project's own question set, kept in the repository. */
export const DEFAULT_QUESTIONS = "test/eval/questions.jsonl";

/**
 * Reads a JSON Lines question file; blank lines are skipped.
 * @throws Error naming the line that is not a valid question.
 */
export async function readQuestions(path: string): Promise<EvalQuestion[]> {
  const text = await readFile(path, "utf8");
  const out: EvalQuestion[] = [];
  text.split(/\r?\n/).forEach((line, i) => {
    if (!line.trim()) return;
    const parsed = questionSchema.safeParse(JSON.parse(line));
    if (!parsed.success) throw new Error(`${path}:${i + 1}: ${parsed.error.issues[0]?.message}`);
    out.push(parsed.data);
  });
  return out;
}

const squash = (s: string) => s.replace(/\s+/g, "");

/** Whether a text carries the expected figures: one of `expect_any` and all of `expect_all`. */
export function containsExpected(text: string, q: EvalQuestion): boolean {
  const t = squash(text);
  const any = !q.expect_any?.length || q.expect_any.some((e) => t.includes(squash(e)));
  const all = !q.expect_all?.length || q.expect_all.every((e) => t.includes(squash(e)));
  return any && all;
}

/** Whether a passage holds at least one expected string (retrieval hit, DESIGN.md). */
export function containsAnyExpected(text: string, q: EvalQuestion): boolean {
  const t = squash(text);
  return [...(q.expect_any ?? []), ...(q.expect_all ?? [])].some((e) => t.includes(squash(e)));
}

export function dateMatches(date: string | null, q: EvalQuestion): boolean {
  return !q.source_date || (date ?? "").startsWith(q.source_date);
}

export interface RankMetrics {
  questions: number;
  hitAt1: number;
  hitAt5: number;
  mrr: number;
}

/** hit@1, hit@5 and MRR (over the ranks given; null = not found) */
export function rankMetrics(ranks: ReadonlyArray<number | null>): RankMetrics {
  const n = ranks.length || 1;
  return {
    questions: ranks.length,
    hitAt1: ranks.filter((r) => r === 1).length / n,
    hitAt5: ranks.filter((r) => r !== null && r <= 5).length / n,
    mrr: ranks.reduce<number>((s, r) => s + (r ? 1 / r : 0), 0) / n,
  };
}
