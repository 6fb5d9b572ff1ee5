import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import { readFile, stat } from "node:fs/promises";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { feedbackFileFor, readFeedback } from "../../src/bot/feedback-store.js";
import { summarizeFeedback } from "../../src/bot/feedback-summary.js";
import { balanced, buttonData, message, newUser, press, realDeps, testBot, ZHUNDONG, type RealDeps } from "./helpers.js";

let real: RealDeps;
beforeAll(async () => {
  real = await realDeps();
});
afterAll(() => real?.cleanup());

/** Asks in a fresh private chat; returns the bot and the answer's recorded sendMessage call. */
async function asked(question = ZHUNDONG) {
  const harness = testBot(real.deps);
  const user = newUser();
  await harness.bot.handleUpdate(message(question, { user }));
  return { ...harness, user, answer: harness.sent()[0] };
}

describe("buttons under an answer", () => {
  it("are 原文, 👍 and 👎, with callback data within 64 bytes", async () => {
    const { answer } = await asked();
    for (const label of ["原文", "👍", "👎"]) expect(Buffer.byteLength(buttonData(answer, label))).toBeLessThanOrEqual(64);
  });

  it("a refusal has no 原文 button but can be voted on", async () => {
    const { answer } = await asked("帮我写一首关于冬天的诗");
    expect(() => buttonData(answer, "原文")).toThrow();
    expect(buttonData(answer, "👎")).toMatch(/^fb:/);
  });
});

describe("原文", () => {
  it("shows the quoted passage with its full citation in an expandable blockquote", async () => {
    const { bot, texts, calls, user, answer } = await asked();
    await bot.handleUpdate(press(buttonData(answer, "原文"), { user }));
    const sources = texts()[1]!;
    expect(sources).toContain("[1]</b> 《昌吉日报》2025年7月（推定）《短短六个月，吸引疆内外245家企业注册登记 准东何以成为投资热土？》");
    // The quote may take the sentence before it along (a pair of sentences the model chose).
    expect(sources).toMatch(/<blockquote expandable>[^<]*截至6月30日，共有来自疆内外的245家企业来准东注册登记[^<]*<\/blockquote>/);
    expect(balanced(sources)).toBe(true);
    expect(calls.filter((c) => c.method === "answerCallbackQuery")).toHaveLength(1);
  });

  it("an unknown or forgotten answer id gets a polite note, not an error", async () => {
    const { bot, calls, texts } = testBot(real.deps);
    await bot.handleUpdate(press("src:AAAAAAAA", { user: newUser() }));
    await bot.handleUpdate(press("zz:old-bot-button", { user: newUser() }));
    const notes = calls.filter((c) => c.method === "answerCallbackQuery").map((c) => c.payload.text);
    expect(notes).toEqual(["这个回答已过期，请重新提问。", "这个按钮已失效，请重新提问。"]);
    expect(texts()).toEqual([]);
  });
});

describe("👍/👎", () => {
  it("writes one JSON line with question, answer, citations, vote, time and a salted hash — never the raw id", async () => {
    const { bot, calls, user, answer } = await asked();
    await bot.handleUpdate(press(buttonData(answer, "👎"), { user }));
    const file = feedbackFileFor(real.config.INDEX_DIR);
    expect(file).toBe(join(real.dir, "data", "feedback.jsonl"));
    const { records } = await readFeedback(file);
    const record = records.find((r) => r.user === createHashFor(user, saltOf(file)))!;
    expect(record).toMatchObject({ vote: "down", chatType: "private", question: ZHUNDONG, answered: true });
    expect(record.answer).toContain("245家企业");
    expect(record.citations[0]).toMatchObject({ paper: "昌吉日报", date: "2025-07" });
    expect(Date.parse(record.time)).not.toBeNaN();
    const text = await readFile(file, "utf8");
    expect(text).not.toContain(String(user));
    expect(text).not.toContain(`user${user}`);
    expect(calls.find((c) => c.method === "answerCallbackQuery")!.payload.text).toBe("谢谢反馈，我们会改进。");
    expect((await stat(join(real.dir, "data", "feedback.salt"))).mode & 0o077).toBe(0);
  });

  it("counts one vote per person and answer", async () => {
    const { bot, calls, user, answer } = await asked();
    const file = feedbackFileFor(real.config.INDEX_DIR);
    const before = (await readFeedback(file)).records.length;
    await bot.handleUpdate(press(buttonData(answer, "👍"), { user }));
    await bot.handleUpdate(press(buttonData(answer, "👍"), { user }));
    await bot.handleUpdate(press(buttonData(answer, "👍"), { user: newUser() }));
    const { records } = await readFeedback(file);
    expect(records.length - before).toBe(2);
    expect(calls.filter((c) => c.method === "answerCallbackQuery").map((c) => c.payload.text)).toEqual([
      "谢谢您的肯定！",
      "您已经评价过这个回答，谢谢！",
      "谢谢您的肯定！",
    ]);
    const summary = summarizeFeedback(records);
    expect(summary.up).toBeGreaterThanOrEqual(2);
    expect(summary.total).toBe(records.length);
  });
});

let salt: string | undefined;
function saltOf(file: string): string {
  salt ??= readFileSync(join(file, "..", "feedback.salt"), "utf8").trim();
  return salt!;
}
function createHashFor(user: number, s: string): string {
  return createHash("sha256").update(`${s}:${user}`).digest("hex");
}
