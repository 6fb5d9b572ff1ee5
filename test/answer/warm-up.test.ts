import { describe, expect, it } from "vitest";
import type { Answerer } from "../../src/answer/answerer.js";
import { analyzeQuestion } from "../../src/answer/question.js";
import { WARM_UP_QUESTIONS, WARM_UP_ROUNDS, warmUp, warmUpApp } from "../../src/answer/warm-up.js";
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

describe("warmUpApp", () => {
  it("answers through the app's retriever, and never sends the questions to its LLM", async () => {
    const { realApp } = await import("../support/real-app.js");
    let llmCalls = 0;
    const app = await realApp(
      {},
      {
        llm: {
          improve: async (_question, _candidates, extractive) => {
            llmCalls++;
            return extractive;
          },
        },
      },
    );
    try {
      let searches = 0;
      const counting = {
        search: (q: string, o?: Parameters<typeof app.retriever.search>[1]) => {
          searches++;
          return app.retriever.search(q, o);
        },
      };
      const result = await warmUpApp({ ...app, retriever: counting }, 1);
      expect(result.answers).toBe(WARM_UP_QUESTIONS.length);
      expect(searches).toBeGreaterThan(0);
      expect(llmCalls).toBe(0);
      // The app's own answerer does reach its LLM: the count above could have moved.
      await app.answerer.answer("今年上半年准东开发区有多少家企业注册登记？");
      expect(llmCalls).toBe(1);
    } finally {
      await app.cleanup();
    }
  });
});
