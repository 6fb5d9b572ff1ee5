import { describe, expect, it } from "vitest";
import { ConversationStore } from "../../src/answer/conversation-store.js";
import type { AnswerResult, Conversation } from "../../src/answer/types.js";
import { WebConversations } from "../../src/web/conversations.js";

const result = (question: string): AnswerResult => ({ question, answered: false, answer: "", citations: [], confidence: 0, short: null });
const turn = (question: string) => ({ question, resolved: question, result: result(question) });

describe("ConversationStore (shared by the bot and the web)", () => {
  it("forgets a conversation idle longer than idleMs, and keeps one in use", () => {
    let now = 0;
    const store = new ConversationStore<string>({ chats: 10, turns: 10, idleMs: 1000 }, () => now);
    store.of("a").turns.push(turn("甲"));
    store.of("b").turns.push(turn("乙"));
    now = 900;
    expect(store.find("b")?.turns).toHaveLength(1);
    now = 1500;
    expect(store.find("a")).toBeUndefined();
    expect(store.find("b")?.turns).toHaveLength(1);
    expect(store.size).toBe(1);
    now = 2600;
    expect(store.size).toBe(0);
    expect(store.of("b").turns).toEqual([]);
  });

  it("without idleMs (the bot) forgets only by count, least recently used first", () => {
    let now = 0;
    const store = new ConversationStore<number>({ chats: 2, turns: 10 }, () => now);
    store.of(1);
    store.of(2);
    store.of(1);
    store.of(3);
    now = 10 ** 12;
    expect(store.find(1)).toBeDefined();
    expect(store.find(2)).toBeUndefined();
    expect(store.find(3)).toBeDefined();
  });

  it("keeps the last `turns` turns", () => {
    const store = new ConversationStore<string>({ chats: 2, turns: 2 });
    const conversation = store.of("a");
    for (const q of ["一", "二", "三"]) conversation.turns.push(turn(q));
    store.trim("a");
    expect(store.of("a").turns.map((t) => t.question)).toEqual(["二", "三"]);
  });
});

describe("WebConversations", () => {
  it("answers the questions of one conversation one at a time, in the order they came", async () => {
    const conversations = new WebConversations({ max: 10, turns: 10, idleMs: 60_000 });
    const order: string[] = [];
    const slowly = (question: string, ms: number) => async (conversation: Conversation) => {
      order.push(`start ${question} after ${conversation.turns.length}`);
      await new Promise((resolve) => setTimeout(resolve, ms));
      conversation.turns.push(turn(question));
      order.push(`end ${question}`);
      return question;
    };
    const { id } = await conversations.ask(undefined, slowly("一", 0));
    await Promise.all([conversations.ask(id, slowly("二", 50)), conversations.ask(id, slowly("三", 0))]);
    expect(order).toEqual(["start 一 after 0", "end 一", "start 二 after 1", "end 二", "start 三 after 2", "end 三"]);
  });

  it("goes on after a failed question, and answers other conversations meanwhile", async () => {
    const conversations = new WebConversations({ max: 10, turns: 10, idleMs: 60_000 });
    const { id } = await conversations.ask(undefined, async () => "一");
    await expect(
      conversations.ask(id, async () => {
        throw new Error("失败");
      }),
    ).rejects.toThrow("失败");
    const next = await conversations.ask(id, async () => "二");
    expect(next).toEqual({ id, result: "二" });
    const other = await conversations.ask(undefined, async () => "三");
    expect(other.id).not.toBe(id);
  });
});
