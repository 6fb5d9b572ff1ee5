import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { createAnswerer } from "../../src/answer/answerer.js";
import { createOpenAILlm } from "../../src/answer/llm.js";
import { startFakeOpenAI, type ChatBehaviour, type FakeOpenAI } from "../support/fake-openai.js";
import { realApp, type RealApp } from "../support/real-app.js";

const QUESTION = "木垒县交付的这批新能源重卡总价值多少？";

let app: RealApp;
let server: FakeOpenAI | undefined;

beforeAll(async () => {
  app = await realApp();
});
afterAll(() => app.cleanup());
afterEach(async () => {
  await server?.close();
  server = undefined;
});

async function answererWith(behaviour: ChatBehaviour, timeoutMs = 2000) {
  server = await startFakeOpenAI(behaviour);
  const llm = createOpenAILlm({ baseURL: server.baseURL, model: "qwen-test", timeoutMs });
  return createAnswerer({ retriever: app.retriever, archive: app.archive, llm });
}

/** The passage number whose text contains `needle`, read from the prompt the model received. */
function passageWith(messages: Array<{ content: string }>, needle: string): number {
  const prompt = messages.map((m) => m.content).join("\n");
  const blocks = prompt.split(/\n(?=\[\d+\])/);
  const block = blocks.find((b) => b.includes(needle));
  return Number(/^\[(\d+)\]/.exec(block ?? "")?.[1] ?? 0);
}

describe("the optional LLM (OpenAI wire format on 127.0.0.1)", () => {
  it("uses a valid structured reply that cites known passages with figures as printed", async () => {
    const answerer = await answererWith(({ messages }) => {
      const id = passageWith(messages, "5980万元");
      return { content: JSON.stringify({ answer: `这批重卡总价值5980万元[${id}]。`, citations: [id] }) };
    });
    const result = await answerer.answer(QUESTION);
    expect(result.answered).toBe(true);
    expect(result.answer).toBe("这批重卡总价值5980万元[1]。");
    expect(result.citations).toHaveLength(1);
    expect(result.citations[0]!.quote).toContain("5980万元");
    expect(result.citations[0]!.date).toBe("2025-07");
    const request = server!.requests[0]!;
    expect(request.model).toBe("qwen-test");
    expect(request.response_format).toEqual({ type: "json_object" });
  });

  it("falls back to the extractive answer when the model invents a number", async () => {
    const answerer = await answererWith(({ messages }) => {
      const id = passageWith(messages, "5980万元");
      return { content: JSON.stringify({ answer: `总价值约6000万元[${id}]。`, citations: [id] }) };
    });
    const result = await answerer.answer(QUESTION);
    expect(result.answer).not.toContain("6000");
    expect(result.answer).toContain("5980万元");
    expect(server!.requests).toHaveLength(1);
  });

  it("falls back when the model cites a passage it was not given", async () => {
    const answerer = await answererWith(() => ({ content: JSON.stringify({ answer: "总价值5980万元[9]。", citations: [9] }) }));
    const result = await answerer.answer(QUESTION);
    expect(result.answer).toMatch(/^据了解，此次交付的重卡总价值5980万元/);
    expect(result.citations[0]!.quote).toContain("总价值5980万元");
  });

  it("falls back when the reply is not the JSON asked for", async () => {
    const answerer = await answererWith(() => ({ content: "这批车大概值五千多万。" }));
    const result = await answerer.answer(QUESTION);
    expect(result.answer).toContain("5980万元");
    expect(result.answer).not.toContain("五千多万");
  });

  it("falls back when the server fails", async () => {
    const answerer = await answererWith(() => ({ status: 500, body: '{"error":{"message":"boom"}}' }));
    const result = await answerer.answer(QUESTION);
    expect(result.answered).toBe(true);
    expect(result.answer).toContain("5980万元");
  });

  it("falls back when the model never answers, within its timeout", async () => {
    const answerer = await answererWith(() => "hang", 300);
    const result = await answerer.answer(QUESTION);
    expect(result.answered).toBe(true);
    expect(result.answer).toContain("5980万元");
  });

  it("is not asked at all when the archive does not support an answer", async () => {
    const answerer = await answererWith(() => ({ content: JSON.stringify({ answer: "有300座[1]。", citations: [1] }) }));
    const result = await answerer.answer("奇台县新建了多少座自动雨量站？");
    expect(result.answered).toBe(false);
    expect(server!.requests).toHaveLength(0);
  });
});
