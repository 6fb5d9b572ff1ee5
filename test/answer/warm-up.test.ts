import { describe, expect, it } from "vitest";
import type { Answerer } from "../../src/answer/answerer.js";
import { analyzeQuestion } from "../../src/answer/question.js";
import { WARM_UP_QUESTIONS, WARM_UP_ROUNDS, warmUp } from "../../src/answer/warm-up.js";
import { defaultTokenizer } from "../../src/text/tokenize.js";

describe("warmUp", () => {
  it("asks every warm-up question each round, without a conversation", async () => {
    const asked: Array<[string, unknown]> = [];
    const answerer: Answerer = {
      async answer(message, conversation) {
        asked.push([message, conversation]);
        return { question: message, answered: false, answer: "", citations: [], confidence: 0, short: null };
      },
    };
    const result = await warmUp(answerer, 2);
    expect(result.answers).toBe(2 * WARM_UP_QUESTIONS.length);
    expect(asked.map(([m]) => m)).toEqual([...WARM_UP_QUESTIONS, ...WARM_UP_QUESTIONS]);
    expect(asked.every(([, c]) => c === undefined)).toBe(true);
    expect(result.seconds).toBeGreaterThanOrEqual(0);
    expect(WARM_UP_ROUNDS).toBeGreaterThan(1);
  });

  it("covers every kind of question the answerer tells apart", () => {
    const tokenizer = defaultTokenizer([]);
    const kinds = new Set(WARM_UP_QUESTIONS.map((q) => analyzeQuestion(q, tokenizer).kind));
    expect([...kinds].sort()).toEqual(["list", "other", "procedure", "quantity", "time", "yesno"]);
  });
});
