import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { z } from "zod";
import { realApp, type RealApp } from "../support/real-app.js";
import { appEnv, runScript } from "./run.js";

/** The `ask --json` object of docs/DESIGN.md, exactly: no other key, each of its type. */
const citationSchema = z.strictObject({
  id: z.number().int().positive(),
  paper: z.string().min(1).nullable(),
  date: z
    .string()
    .regex(/^\d{4}-\d{2}(-\d{2})?$/)
    .nullable(),
  dateInferred: z.boolean(),
  issue: z.number().int().positive().nullable(),
  page: z.number().int().positive().nullable(),
  title: z.string().min(1).nullable(),
  source: z.string().min(1),
  quote: z.string().min(1),
});
const answerSchema = z
  .strictObject({
    question: z.string(),
    answered: z.boolean(),
    answer: z.string().min(1),
    citations: z.array(citationSchema),
    confidence: z.number().min(0).max(1),
    short: z.string().min(1).nullable(),
  })
  .refine((r) => r.short === null || r.citations.some((c) => c.quote.includes(r.short!)), "short is words of a quote")
  .refine((r) => r.answered || r.citations.length === 0, "a refusal cites nothing")
  .refine((r) => !r.answered || r.citations.length > 0, "an answer cites something");

/** stdout as JSON lines: each line one object of the schema. */
function jsonLines(stdout: string) {
  expect(stdout.endsWith("\n")).toBe(true);
  return stdout
    .slice(0, -1)
    .split("\n")
    .map((line) => answerSchema.parse(JSON.parse(line)));
}

/** An error as docs/DESIGN.md wants it: one line on stderr, nothing on stdout, no stack trace. */
function expectOneLineError(run: { code: number | null; stdout: string; stderr: string }) {
  expect(run.code).not.toBe(0);
  expect(run.stdout).toBe("");
  const lines = run.stderr.trimEnd().split("\n");
  expect(lines).toHaveLength(1);
  expect(run.stderr).not.toContain("    at ");
  expect(run.stderr).not.toMatch(/Error:|ZodError|node:internal/);
  expect(lines[0]).toMatch(/[\u4e00-\u9fff]{4}/);
  return lines[0]!;
}

let app: RealApp;

beforeAll(async () => {
  app = await realApp();
});
afterAll(() => app.cleanup());

describe("npm run --silent ask -- --json", () => {
  it("prints exactly one JSON object of the docs/DESIGN.md shape for an answered question (exit 0)", async () => {
    const run = await runScript("ask.ts", ["--json", "智慧物流园每年能降低多少物流成本？"], { env: appEnv(app.config) });
    expect(run.code).toBe(0);
    const [result, ...rest] = jsonLines(run.stdout);
    expect(rest).toEqual([]);
    expect(result!.question).toBe("智慧物流园每年能降低多少物流成本？");
    expect(result!.answered).toBe(true);
    expect(result!.answer).toContain("6.8亿元");
    expect(result!.citations[0]).toMatchObject({ id: 1, paper: "昌吉日报", date: "2025-05-29", dateInferred: true, issue: null });
    expect(result!.citations[0]!.quote).toContain("6.8亿元");
    // The same answer as the library gives: the command is a thin shell.
    expect(result).toEqual(await app.answerer.answer("智慧物流园每年能降低多少物流成本？"));
  });

  it("exits 0 with answered:false for an honestly refused question", async () => {
    const run = await runScript("ask.ts", ["--json", "玛纳斯县新建了多少座自动雨量站？"], { env: appEnv(app.config) });
    expect(run.code).toBe(0);
    const [result, ...rest] = jsonLines(run.stdout);
    expect(rest).toEqual([]);
    expect(result).toMatchObject({ question: "玛纳斯县新建了多少座自动雨量站？", answered: false, citations: [] });
    expect(result!.answer).toMatch(/^抱歉/);
  });

  it("reads one question per line from stdin and writes one JSON line per question, in order, in one process", async () => {
    const questions = ["奇台县城区智慧停车场将配备多少套公共充电桩？", "帮我写一首诗", "昌吉州“红码事项”共计多少项？"];
    const run = await runScript("ask.ts", ["--json"], { env: appEnv(app.config), input: `${questions.join("\n")}\n` });
    expect(run.code).toBe(0);
    const results = jsonLines(run.stdout);
    expect(results.map((r) => r.question)).toEqual(questions);
    expect(results.map((r) => r.answered)).toEqual([true, false, true]);
    expect(results[0]!.answer).toContain("160套");
    expect(results[2]!.answer).toContain("47项");
    expect(results[2]!.citations[0]).toMatchObject({ date: "2025-12-23", dateInferred: false, issue: 12403, page: 1, title: "昌吉州“三色清单”为企业减负" });
  });

  it("answers a blank or white-space line with a refusal of its own, so output line N is input line N's", async () => {
    const lines = ["昌吉州“红码事项”共计多少项？", "", "   ", "奇台县城区智慧停车场将配备多少套公共充电桩？", " \t ", ""];
    const run = await runScript("ask.ts", ["--json"], { env: appEnv(app.config), input: `${lines.join("\n")}\n` });
    expect(run.code).toBe(0);
    const results = jsonLines(run.stdout);
    expect(results).toHaveLength(lines.length);
    expect(results.map((r) => r.question)).toEqual(lines);
    expect(results.map((r) => r.answered)).toEqual([true, false, false, true, false, false]);
    for (const blank of [results[1]!, results[2]!, results[4]!, results[5]!]) expect(blank.citations).toEqual([]);
    // The answers after a blank line are still the ones to their own questions, not shifted.
    expect(results[0]!.answer).toContain("47项");
    expect(results[3]!.answer).toContain("160套");
  });

  it("without --json prints the answer and its citation for a person", async () => {
    const run = await runScript("ask.ts", ["昌吉州“红码事项”共计多少项？"], { env: appEnv(app.config) });
    expect(run.code).toBe(0);
    expect(run.stdout).toContain("47项");
    expect(run.stdout).toContain("[1] 《昌吉日报》2025年12月23日 第12403期 第1版《昌吉州“三色清单”为企业减负》");
    expect(() => JSON.parse(run.stdout)).toThrow();
  });
});

describe("ask errors: one line saying what to do, non-zero exit, no stack", () => {
  it("a bad config value names the key (EMBEDDINGS=foo)", async () => {
    const run = await runScript("ask.ts", ["--json", "准东开发区有多少家企业？"], { env: { ...appEnv(app.config), EMBEDDINGS: "foo" } });
    const line = expectOneLineError(run);
    expect(line).toContain("EMBEDDINGS");
    expect(line).toContain("foo");
  });

  it("a missing corpus and no index says so in Chinese, naming CORPUS_DIR", async () => {
    const env = { ...appEnv(app.config), CORPUS_DIR: join(app.dir, "没有这个目录"), INDEX_DIR: join(app.dir, "no-index") };
    const run = await runScript("ask.ts", ["--json", "准东开发区有多少家企业？"], { env });
    const line = expectOneLineError(run);
    expect(line).toContain("CORPUS_DIR");
    expect(line).toContain("没有这个目录");
  });

  it("LOG_LEVEL=debug adds the stack trace the default leaves out", async () => {
    const run = await runScript("ask.ts", ["--json", "问题"], { env: { ...appEnv(app.config), EMBEDDINGS: "foo", LOG_LEVEL: "debug" } });
    expect(run.code).not.toBe(0);
    expect(run.stderr).toContain("EMBEDDINGS");
    expect(run.stderr).toContain("    at ");
  });
});
