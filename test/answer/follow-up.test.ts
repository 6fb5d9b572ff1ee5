import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { formatCitation } from "../../src/answer/citation.js";
import { resolveFollowUp } from "../../src/answer/follow-up.js";
import type { Conversation } from "../../src/answer/types.js";
import { realApp, type RealApp } from "../support/real-app.js";

let app: RealApp;

beforeAll(async () => {
  app = await realApp();
});
afterAll(() => app.cleanup());

/** A conversation whose last turn was `resolved` (its answer does not matter to resolution). */
function conversationAfter(resolved: string): Conversation {
  return {
    turns: [{ question: resolved, resolved, result: { question: resolved, answered: true, answer: "……[1]", citations: [], confidence: 0.9, short: null } }],
  };
}

describe("resolveFollowUp (pure)", () => {
  it.each([
    ["奇台县新建了多少座自动雨量站？", "那呼图壁县呢？", "呼图壁县新建了多少座自动雨量站？"],
    ["吉木萨尔县住建局今年完成了多少块裸地治理？", "木垒县的呢？", "木垒县住建局今年完成了多少块裸地治理？"],
    ["玛纳斯县投入多少资金改造城乡路网？", "换成呼图壁县", "呼图壁县投入多少资金改造城乡路网？"],
    ["2025年呼图壁县农网改造工程总投资是多少？", "那2021年呢", "2021年呼图壁县农网改造工程总投资是多少？"],
    // A new, complete question is just that.
    ["奇台县新建了多少座自动雨量站？", "智慧物流园每年能降低多少物流成本？", "智慧物流园每年能降低多少物流成本？"],
  ])("after %s, %s → %s", (previous, message, question) => {
    expect(resolveFollowUp(message, conversationAfter(previous), app.archive.tokenizer)).toEqual({ type: "question", question });
  });

  it.each([
    ["这是哪天的报道？", "sources"],
    ["哪一期的？", "sources"],
    ["出处在哪？", "sources"],
    ["原文怎么说？", "original"],
    ["原话是什么", "original"],
  ])("%s asks about the last answer (%s)", (message, type) => {
    const conversation = conversationAfter("奇台县新建了多少座自动雨量站？");
    expect(resolveFollowUp(message, conversation, app.archive.tokenizer)).toEqual({ type, previous: conversation.turns[0] });
  });

  it.each(["这是哪天的报道？", "原文怎么说？"])("%s with no previous turn is a plain question", (message) => {
    for (const conversation of [undefined, { turns: [] }]) {
      expect(resolveFollowUp(message, conversation, app.archive.tokenizer)).toEqual({ type: "question", question: message });
    }
  });

  it("那呼图壁县呢？ with no previous turn asks for the whole question", async () => {
    for (const conversation of [undefined, { turns: [] }]) {
      expect(resolveFollowUp("那呼图壁县呢？", conversation, app.archive.tokenizer)).toEqual({ type: "incomplete" });
    }
    const r = await app.answerer.answer("那呼图壁县呢？");
    expect(r.answered).toBe(false);
    expect(r.citations).toEqual([]);
    expect(r.answer).toContain("请把问题说完整");
  });
});

describe("follow-ups through the answerer", () => {
  it("那<另一个县>呢？ asks the last question again about the other county", async () => {
    const conversation: Conversation = { turns: [] };
    const first = await app.answerer.answer("奇台县新建了多少座自动雨量站？", conversation);
    expect(first.answered).toBe(false);
    const second = await app.answerer.answer("那呼图壁县呢？", conversation);
    expect(conversation.turns.map((t) => t.resolved)).toEqual(["奇台县新建了多少座自动雨量站？", "呼图壁县新建了多少座自动雨量站？"]);
    expect(second.question).toBe("那呼图壁县呢？");
    expect(second.answered).toBe(true);
    expect(second.short).toBe("5座");
    expect(second.answer).toMatch(/5座自动雨量(?:监测)?站/u);
    expect(second.citations[0]!.title).toBe("呼图壁县新建5座自动雨量站");
    // And back to a county the archive has nothing on.
    const third = await app.answerer.answer("那玛纳斯县呢？", conversation);
    expect(conversation.turns[2]!.resolved).toBe("玛纳斯县新建了多少座自动雨量站？");
    expect(third.answered).toBe(false);
  });

  it("这是哪天的报道？ returns the previous citation with its date; 原文怎么说？ its quote", async () => {
    const conversation: Conversation = { turns: [] };
    const answer = await app.answerer.answer("智慧物流园每年能降低多少物流成本？", conversation);
    expect(answer.answered).toBe(true);
    const when = await app.answerer.answer("这是哪天的报道？", conversation);
    expect(when.answered).toBe(true);
    expect(when.citations).toEqual(answer.citations);
    expect(when.answer).toContain(formatCitation(answer.citations[0]!));
    expect(when.answer).toContain("2025年5月29日（推定）");
    expect(when.answer).toMatch(/\[1\]/);
    const original = await app.answerer.answer("原文怎么说？", conversation);
    expect(original.answered).toBe(true);
    expect(original.citations).toEqual(answer.citations);
    expect(original.answer).toContain(`“${answer.citations[0]!.quote}”[1]`);
    expect(original.answer).toContain("预计每年降低物流成本6.8亿元");
    // Asking about the source does not change what the conversation is about.
    expect(conversation.turns.map((t) => t.resolved)).toEqual(Array(3).fill("智慧物流园每年能降低多少物流成本？"));
  });

  it("asking for the source of a refusal gets a polite no, nothing cited", async () => {
    const conversation: Conversation = { turns: [] };
    await app.answerer.answer("帮我写一首诗", conversation);
    for (const message of ["这是哪天的报道？", "原文怎么说？"]) {
      const r = await app.answerer.answer(message, conversation);
      expect(r.answered).toBe(false);
      expect(r.citations).toEqual([]);
      expect(r.answer).toContain("还没有可以追问的回答");
    }
  });

  it.each(["这是哪天的报道？", "原文怎么说？", "那玛纳斯县呢？"])("%s opening a conversation is answered as a normal question", async (message) => {
    const conversation: Conversation = { turns: [] };
    const inConversation = await app.answerer.answer(message, conversation);
    const alone = await app.answerer.answer(message);
    expect(inConversation).toEqual(alone);
    expect(inConversation.answer).not.toContain("还没有可以追问的回答");
    expect(conversation.turns).toHaveLength(1);
    expect(conversation.turns[0]!.resolved).toBe(message);
  });
});
