import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { BotDeps } from "../../src/bot/deps.js";
import { SORRY } from "../../src/bot/error-handler.js";
import { balanced, BOT_INFO, message, newUser, realDeps, testBot, ZHUNDONG, type RealDeps } from "./helpers.js";

let real: RealDeps;
beforeAll(async () => {
  real = await realDeps();
});
afterAll(() => real?.cleanup());

describe("questions in a private chat", () => {
  it("answers any text with the figure and its citation, and shows typing first", async () => {
    const { bot, calls, texts } = testBot(real.deps);
    const user = newUser();
    await bot.handleUpdate(message(ZHUNDONG, { user }));
    const reply = texts()[0]!;
    expect(reply).toContain("245家企业");
    expect(reply).toMatch(/\[1\] 《昌吉日报》2025年7月（推定）《短短六个月，吸引疆内外245家企业注册登记/);
    expect(calls[0]).toMatchObject({ method: "sendChatAction", payload: { chat_id: user, action: "typing" } });
    expect(calls.find((c) => c.method === "sendMessage")!.payload.parse_mode).toBe("HTML");
  });

  it("escapes HTML in a question and still replies", async () => {
    const { bot, texts } = testBot(real.deps);
    await bot.handleUpdate(message("<b>x</b><script>alert(1)</script> 准东<i>有多少家企业", { user: newUser() }));
    expect(texts()).toHaveLength(1);
    expect(texts()[0]).not.toMatch(/<script>|<i>|<b>x/);
    expect(balanced(texts()[0]!)).toBe(true);
  });

  it("splits a long answer under 4096 characters without breaking tags; buttons on the last part", async () => {
    const long: BotDeps = {
      ...real.deps,
      answerer: {
        async answer(text, conversation) {
          const r = await real.deps.answerer.answer(text, conversation);
          return { ...r, answer: Array.from({ length: 60 }, () => r.answer).join("\n\n") };
        },
      },
    };
    const { bot, sent } = testBot(long);
    await bot.handleUpdate(message(ZHUNDONG, { user: newUser() }));
    const parts = sent();
    expect(parts.length).toBeGreaterThan(1);
    for (const part of parts) {
      expect(String(part.payload.text).length).toBeLessThanOrEqual(4096);
      expect(balanced(String(part.payload.text))).toBe(true);
    }
    expect(parts.at(-1)!.payload.reply_markup).toBeDefined();
    expect(parts[0]!.payload.reply_markup).toBeUndefined();
    expect(String(parts.at(-1)!.payload.text)).toContain("《昌吉日报》2025年7月");
  });

  it("still answers when the typing indicator fails", async () => {
    const { bot, texts } = testBot(real.deps, { fails: (method) => method === "sendChatAction" });
    await bot.handleUpdate(message(ZHUNDONG, { user: newUser() }));
    expect(texts()[0]).toContain("245家企业");
  });

  it("keeps follow-ups per chat", async () => {
    const { bot, texts } = testBot(real.deps);
    const asker = newUser();
    const other = newUser();
    await bot.handleUpdate(message(ZHUNDONG, { user: asker }));
    await bot.handleUpdate(message("这是哪天的报道？", { user: asker }));
    await bot.handleUpdate(message("这是哪天的报道？", { user: other }));
    expect(texts()[1]).toMatch(/出自《昌吉日报》2025年7月（推定）《短短六个月/);
    expect(texts()[2]).not.toContain("出自《昌吉日报》2025年7月");

    // "那呼图壁县呢？" is read as the previous question about 呼图壁县 only in the chat that asked it.
    await bot.handleUpdate(message("今年玛纳斯县投入多少钱实施城乡路网改造？", { user: asker }));
    await bot.handleUpdate(message("那呼图壁县呢？", { user: asker }));
    await bot.handleUpdate(message("那呼图壁县呢？", { user: other }));
    const [road, followUp, fresh] = texts().slice(3);
    expect(road).toContain("8100万元");
    expect(followUp).not.toEqual(fresh);
  });
});

describe("groups", () => {
  const group = { type: "group" as const, chat: -100123 };

  it("ignores a message that is not for the bot, without a single API call", async () => {
    const { bot, calls } = testBot(real.deps);
    await bot.handleUpdate(message(ZHUNDONG, { ...group, user: newUser() }));
    await bot.handleUpdate(message("/start@SomeOtherBot", { ...group, user: newUser() }));
    expect(calls).toEqual([]);
  });

  it("answers when mentioned, replying to the asker's message", async () => {
    const { bot, sent } = testBot(real.deps);
    await bot.handleUpdate(message(`@${BOT_INFO.username} ${ZHUNDONG}`, { ...group, user: newUser() }));
    expect(sent()).toHaveLength(1);
    expect(sent()[0]!.payload.text).toContain("245家企业");
    expect(sent()[0]!.payload.reply_parameters?.message_id).toBeTypeOf("number");
  });

  it("answers a reply to its own message", async () => {
    const { bot, texts } = testBot(real.deps);
    await bot.handleUpdate(message("昌吉州12345热线的回访满意率是多少？", { ...group, user: newUser(), replyToBot: true }));
    expect(texts()[0]).toContain("93.56%");
  });

  it("answers /ask and /ask@ThisBot; /ask alone gets the usage", async () => {
    const { bot, texts } = testBot(real.deps);
    const user = newUser();
    await bot.handleUpdate(message(`/ask ${ZHUNDONG}`, { ...group, user }));
    await bot.handleUpdate(message(`/ask@${BOT_INFO.username} 昌吉州12345热线的回访满意率是多少？`, { ...group, user }));
    await bot.handleUpdate(message("/ask", { ...group, user }));
    expect(texts()[0]).toContain("245家企业");
    expect(texts()[1]).toContain("93.56%");
    expect(texts()[2]).toContain("/ask 后面写上问题");
  });
});

describe("errors and limits", () => {
  it("replies politely to an error inside a handler, logs it with the update id, and keeps working", async () => {
    const failing: BotDeps = {
      ...real.deps,
      answerer: {
        answer: (text, conversation) =>
          text === "触发故障" ? Promise.reject(new Error("ENOENT /secret/path/index.bin")) : real.deps.answerer.answer(text, conversation),
      },
    };
    const { bot, texts } = testBot(failing);
    const user = newUser();
    const bad = message("触发故障", { user });
    await bot.handleUpdate(bad);
    await bot.handleUpdate(message(ZHUNDONG, { user }));
    expect(texts()[0]).toBe(SORRY);
    expect(texts().join("\n")).not.toContain("ENOENT");
    expect(texts()[1]).toContain("245家企业");
    const logged = real.logs.find((l) => l.level === "error" && l.fields.update_id === bad.update_id);
    expect(JSON.stringify(logged?.fields)).toContain("ENOENT");
  });

  it("slows down one user who sends too much, politely and once", async () => {
    const { bot, texts } = testBot(real.deps, { rateLimit: { timeFrame: 60_000, limit: 1 } });
    const user = newUser();
    for (let i = 0; i < 3; i++) await bot.handleUpdate(message(ZHUNDONG, { user }));
    await bot.handleUpdate(message(ZHUNDONG, { user: newUser() }));
    expect(texts()).toHaveLength(3);
    expect(texts()[1]).toContain("太快");
    expect(texts()[2]).toContain("245家企业");
  });
});
