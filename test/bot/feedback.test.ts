import { execFile } from "node:child_process";
import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { AnswerResult } from "../../src/answer/types.js";
import { createFeedbackStore, readFeedback } from "../../src/bot/feedback-store.js";
import { renderFeedbackSummary, summarizeFeedback } from "../../src/bot/feedback-summary.js";

const TSX = join(process.cwd(), "node_modules", "tsx", "dist", "cli.mjs");

const answered: AnswerResult = {
  question: "昌吉州12345热线的回访满意率是多少？",
  answered: true,
  answer: "回访满意率93.56%[1]。",
  citations: [
    {
      id: 1,
      paper: "昌吉日报",
      date: "2021-12",
      dateInferred: true,
      issue: null,
      page: null,
      title: "昌吉州12345热线",
      source: "corpus/昌吉日报/2021-12_12345热线.txt",
      quote: "回访满意率93.56%。",
    },
  ],
  confidence: 0.9,
  short: "93.56%",
};
const refused: AnswerResult = {
  question: "昌吉市公积金贷款最高能贷多少？",
  answered: false,
  answer: "抱歉，报库收录的报道中没有找到能回答这个问题的内容。",
  citations: [],
  confidence: 0,
  short: null,
};

let dir: string;
let file: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), "baoku-feedback-"));
  file = join(dir, "data", "feedback.jsonl");
  const store = createFeedbackStore(file, { now: () => new Date("2025-12-24T08:00:00Z") });
  await store.record({ vote: "up", userId: 111, chatType: "private", result: answered });
  await store.record({ vote: "down", userId: 222, chatType: "group", result: refused });
  await store.record({ vote: "down", userId: 333, chatType: "private", result: refused });
});
afterAll(() => rm(dir, { recursive: true, force: true }));

describe("the feedback file", () => {
  it("is JSON Lines, appended, with hashed ids only; the same user always hashes the same", async () => {
    const text = await readFile(file, "utf8");
    expect(text.trim().split("\n")).toHaveLength(3);
    for (const raw of ["111", "222", "333"]) expect(text).not.toMatch(new RegExp(`\\b${raw}\\b`));
    const store = createFeedbackStore(file);
    const { records } = await readFeedback(file);
    expect(records[0]!.user).toBe(await store.hashUser(111));
    expect(records[0]!.user).not.toBe(await store.hashUser(222));
    expect(records[0]!.user).toMatch(/^[0-9a-f]{64}$/);
  });

  it("a damaged line is skipped and counted; a missing file is no votes", async () => {
    const damaged = join(dir, "damaged.jsonl");
    await writeFile(damaged, `${(await readFile(file, "utf8")).trim()}\n{"vote":"up", broken\n`);
    expect(await readFeedback(damaged)).toMatchObject({ damaged: 1 });
    expect(await readFeedback(join(dir, "none.jsonl"))).toEqual({ records: [], damaged: 0 });
  });
});

describe("summary", () => {
  it("counts votes and people and lists the most disliked answers first", async () => {
    const { records } = await readFeedback(file);
    const summary = summarizeFeedback(records);
    expect(summary).toMatchObject({ total: 3, up: 1, down: 2, users: 3, from: "2025-12-24T08:00:00.000Z" });
    expect(summary.worst[0]).toMatchObject({ question: "昌吉市公积金贷款最高能贷多少？", down: 2, answered: false });
    const text = renderFeedbackSummary(summary, file);
    expect(text).toContain("反馈：3 条（👍 1，33%；👎 2，67%），来自 3 位用户");
    expect(text).toContain("- 昌吉市公积金贷款最高能贷多少？（👎 2 / 👍 0，未作答）");
  });

  it("npm run feedback prints it for the feedback file next to INDEX_DIR (and --json for machines)", async () => {
    const env = { PATH: process.env.PATH ?? "", INDEX_DIR: join(dir, "data", "index"), CORPUS_DIR: join(dir, "corpus") };
    const run = promisify(execFile);
    const person = await run(process.execPath, [TSX, "scripts/feedback.ts"], { env });
    expect(person.stdout).toContain("反馈：3 条");
    const machine = await run(process.execPath, [TSX, "scripts/feedback.ts", "--json"], { env });
    expect(JSON.parse(machine.stdout)).toMatchObject({ file, total: 3, up: 1, down: 2 });
  });
});
