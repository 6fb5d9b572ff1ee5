import { connect, type Socket } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { formatCitation } from "../../src/answer/citation.js";
import type { Conversation } from "../../src/answer/types.js";
import { appEnv, runScript } from "../cli/run.js";
import { realApp, type RealApp } from "../support/real-app.js";
import { ask, startWeb, type RunningWeb } from "./helpers.js";

const ZHUNDONG = "今年上半年准东开发区有多少家企业注册登记？";
/** Follow-ups after a question about one county (the issue's: 那木垒县呢？, 这是哪天的报道？, 原文怎么说？). */
const CONVERSATIONS = [
  ["奇台县新建了多少座自动雨量站？", "那呼图壁县呢？", "这是哪天的报道？", "原文怎么说？"],
  ["吉木萨尔县住建局今年完成了多少块裸地治理？", "那木垒县呢？", "这是哪天的报道？", "原文怎么说？"],
];
const HAN = /[\u4e00-\u9fff]/u;

let app: RealApp;
let web: RunningWeb;
beforeAll(async () => {
  app = await realApp();
  web = await startWeb(app);
});
afterAll(async () => {
  await web?.close();
  await app?.cleanup();
});

describe("POST /api/ask", () => {
  it("answers with exactly the ask --json object plus a new conversation id", async () => {
    const { status, headers, json } = await ask(web.url, { question: ZHUNDONG });
    expect(status).toBe(200);
    expect(headers.get("content-type")).toMatch(/^application\/json/);
    const { conversation, ...rest } = json;
    expect(conversation).toMatch(/^[A-Za-z0-9_-]{16,64}$/);
    expect(rest).toEqual(JSON.parse(JSON.stringify(await app.answerer.answer(ZHUNDONG))));
    expect(rest.answered).toBe(true);
  });

  it("is byte for byte what npm run ask -- --json prints, less the conversation", async () => {
    const { json } = await ask(web.url, { question: ZHUNDONG });
    const run = await runScript("ask.ts", ["--json", ZHUNDONG], { env: appEnv(app.config) });
    expect(run.code).toBe(0);
    const { conversation: _, ...rest } = json;
    expect(JSON.stringify(rest)).toBe(run.stdout.trim());
  });

  it("logs one line per answer, without the question's text", async () => {
    const before = web.logs.length;
    await ask(web.url, { question: "昌吉州12345热线的回访满意率是多少？" });
    const lines = web.logs.slice(before);
    expect(lines.filter((l) => l.msg === "已回答")).toHaveLength(1);
    expect(JSON.stringify(lines)).not.toContain("12345热线");
  });

  it("gives every new conversation its own id", async () => {
    const ids = await Promise.all([1, 2, 3].map(async () => (await ask(web.url, { question: ZHUNDONG })).json.conversation));
    expect(new Set(ids).size).toBe(3);
  });

  it.each(CONVERSATIONS)("carries follow-ups in a conversation exactly as the console chat does: %s …", async (...questions) => {
    const chat: Conversation = { turns: [] };
    let id: string | undefined;
    for (const question of questions) {
      const { json } = await ask(web.url, id ? { question, conversation: id } : { question });
      if (id) expect(json.conversation).toBe(id);
      id = json.conversation;
      const { conversation: _, ...rest } = json;
      expect(rest).toEqual(JSON.parse(JSON.stringify(await app.answerer.answer(question, chat))));
    }
  });

  it("reads 这是哪天的报道？ and 原文怎么说？ against the previous answer of that conversation only", async () => {
    const first = (await ask(web.url, { question: ZHUNDONG })).json;
    const when = (await ask(web.url, { question: "这是哪天的报道？", conversation: first.conversation })).json;
    const original = (await ask(web.url, { question: "原文怎么说？", conversation: first.conversation })).json;
    expect(when.answer).toContain(formatCitation(first.citations[0]));
    expect(original.answer).toContain(first.citations[0].quote);
    const elsewhere = (await ask(web.url, { question: "这是哪天的报道？" })).json;
    expect(elsewhere.answer).not.toContain(formatCitation(first.citations[0]));
    expect(elsewhere.conversation).not.toBe(first.conversation);
  });

  it("starts a new conversation (new id, no previous turn) for an unknown id", async () => {
    const { status, json } = await ask(web.url, { question: "这是哪天的报道？", conversation: "no-such-conversation" });
    expect(status).toBe(200);
    expect(json.conversation).not.toBe("no-such-conversation");
    expect(json).toMatchObject(JSON.parse(JSON.stringify(await app.answerer.answer("这是哪天的报道？"))));
  });
});

describe("conversations expire, so memory stays bounded", () => {
  it("forgets a conversation after WEB_CONVERSATION_MINUTES without a question", async () => {
    let now = 1_000_000;
    const timed = await startWeb(app, { conversationMinutes: 30, clock: () => now });
    try {
      const first = (await ask(timed.url, { question: ZHUNDONG })).json;
      now += 29 * 60_000;
      const kept = (await ask(timed.url, { question: "这是哪天的报道？", conversation: first.conversation })).json;
      expect(kept.conversation).toBe(first.conversation);
      expect(kept.answer).toContain(formatCitation(first.citations[0]));
      now += 31 * 60_000;
      const gone = (await ask(timed.url, { question: "这是哪天的报道？", conversation: first.conversation })).json;
      expect(gone.conversation).not.toBe(first.conversation);
      expect(gone.answer).not.toContain(formatCitation(first.citations[0]));
    } finally {
      await timed.close();
    }
  });

  it("keeps at most the configured number of conversations, forgetting the least recent", async () => {
    const small = await startWeb(app, { maxConversations: 2 });
    try {
      const ids: string[] = [];
      for (let i = 0; i < 3; i++) ids.push((await ask(small.url, { question: ZHUNDONG })).json.conversation);
      const oldest = (await ask(small.url, { question: "这是哪天的报道？", conversation: ids[0] })).json;
      const newest = (await ask(small.url, { question: "这是哪天的报道？", conversation: ids[2] })).json;
      expect(oldest.conversation).not.toBe(ids[0]);
      expect(newest.conversation).toBe(ids[2]);
    } finally {
      await small.close();
    }
  });
});

/** An error response: exactly {error: {code, message}}, a Chinese message, nothing from a stack. */
function expectError(response: { status: number; json: any }, status: number, code: string) {
  expect(response.status).toBe(status);
  expect(Object.keys(response.json)).toEqual(["error"]);
  expect(Object.keys(response.json.error).sort()).toEqual(["code", "message"]);
  expect(response.json.error.code).toBe(code);
  expect(response.json.error.message).toMatch(HAN);
  expect(JSON.stringify(response.json)).not.toMatch(/\bat \S+ \(|node_modules|\.ts:\d+|Error:/);
}

describe("errors are JSON {error: {code, message}} with the right status", () => {
  it.each([
    ["malformed JSON", { raw: '{"question": "准东' }, "bad-json"],
    ["an empty body", { raw: "" }, "bad-json"],
    ["a JSON array", { raw: '["准东开发区有多少家企业？"]' }, "bad-json"],
    ["a JSON string", { raw: '"准东开发区有多少家企业？"' }, "bad-json"],
    ["JSON null", { raw: "null" }, "bad-json"],
    ["a form body", { raw: "question=准东", type: "application/x-www-form-urlencoded" }, "bad-json"],
    ["no question", { raw: "{}" }, "no-question"],
    ["a blank question", { raw: '{"question": "  \\n "}' }, "no-question"],
    ["a question that is not text", { raw: '{"question": 42}' }, "no-question"],
    ["a conversation that is not text", { raw: '{"question": "准东", "conversation": 7}' }, "bad-conversation"],
    ["a conversation id with strange characters", { raw: '{"question": "准东", "conversation": "../<script>"}' }, "bad-conversation"],
  ] as const)("400 for %s", async (_, init, code) => {
    expectError(await ask(web.url, undefined, init), 400, code);
  });

  it("413 for a body over the limit, before the answerer sees it", async () => {
    const limited = await startWeb(app, { bodyLimit: 2048 });
    try {
      expectError(await ask(limited.url, { question: "准".repeat(2000) }), 413, "too-large");
      expect(limited.logs.filter((l) => l.msg === "已回答")).toHaveLength(0);
      expect((await ask(limited.url, { question: "准".repeat(100) })).status).toBe(200);
      expect(limited.logs.filter((l) => l.msg === "已回答")).toHaveLength(1);
    } finally {
      await limited.close();
    }
  });

  it("429 once a client address asks more than the limit in a minute; other addresses and /api/health go on", async () => {
    const limited = await startWeb(app, { rateLimit: 2, trustProxy: ["127.0.0.1"] });
    try {
      const from = (address: string) => ({ headers: { "x-forwarded-for": address } });
      expect((await ask(limited.url, { question: ZHUNDONG }, from("203.0.113.7"))).status).toBe(200);
      expect((await ask(limited.url, { question: ZHUNDONG }, from("203.0.113.7"))).status).toBe(200);
      const over = await ask(limited.url, { question: ZHUNDONG }, from("203.0.113.7"));
      expectError(over, 429, "rate-limited");
      expect(Number(over.headers.get("retry-after"))).toBeGreaterThan(0);
      expect((await ask(limited.url, { question: ZHUNDONG }, from("198.51.100.2"))).status).toBe(200);
      expect((await fetch(`${limited.url}/api/health`)).status).toBe(200);
    } finally {
      await limited.close();
    }
  });

  it("500 when answering fails, with the details in the log and not in the response", async () => {
    const failing = await startWeb({
      ...app,
      answerer: {
        async answer() {
          throw new Error("hnsw read failed at /srv/baoku/data/index/hnswlib.index");
        },
      },
    });
    try {
      const response = await ask(failing.url, { question: ZHUNDONG });
      expectError(response, 500, "internal");
      expect(JSON.stringify(response.json)).not.toContain("/srv/baoku");
      expect(failing.logs.some((l) => l.level === 50 && JSON.stringify(l.err).includes("hnsw read failed"))).toBe(true);
    } finally {
      await failing.close();
    }
  });

  it("503 while stopping, and the answer in progress still arrives", async () => {
    let started = false;
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    const slow = await startWeb({
      ...app,
      answerer: {
        async answer(question, conversation) {
          started = true;
          await gate;
          return app.answerer.answer(question, conversation);
        },
      },
    });
    const inFlight = ask(slow.url, { question: ZHUNDONG });
    while (!started) await new Promise((resolve) => setTimeout(resolve, 10));
    // A second reader whose request is half sent when the stop begins.
    const { port } = new URL(slow.url);
    const accepted = new Promise<Socket>((resolve) => slow.server.server.once("connection", resolve));
    const socket = connect(Number(port), "127.0.0.1");
    const serverSide = await accepted;
    const body = JSON.stringify({ question: ZHUNDONG });
    const half = `POST /api/ask HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n`;
    socket.write(half);
    // The stop must begin only once the server holds the half request (else the connection is
    // idle and closed): wait until the server's end of the socket has read those bytes.
    while (serverSide.bytesRead < Buffer.byteLength(half)) await new Promise((resolve) => setImmediate(resolve));
    const closed = slow.close();
    let reply = "";
    socket.setEncoding("utf8").on("data", (d: string) => (reply += d));
    const ended = new Promise((resolve) => socket.once("close", resolve));
    socket.write(`Content-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`);
    await ended;
    const [head, json] = reply.split("\r\n\r\n");
    expect(head).toMatch(/^HTTP\/1\.1 503/);
    expectError({ status: 503, json: JSON.parse(json!) }, 503, "unavailable");
    release();
    const answered = await inFlight;
    expect(answered.status).toBe(200);
    expect(answered.json.answered).toBe(true);
    await closed;
  });

  it("404 as JSON for an unknown path or method", async () => {
    const missing = await fetch(`${web.url}/api/nothing`);
    expectError({ status: missing.status, json: await missing.json() }, 404, "not-found");
    const wrongMethod = await fetch(`${web.url}/api/ask`);
    expectError({ status: wrongMethod.status, json: await wrongMethod.json() }, 404, "not-found");
  });
});

describe("GET /api/health and the page's files", () => {
  it("reports ok with the index's size, for a load balancer", async () => {
    const response = await fetch(`${web.url}/api/health`);
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({ status: "ok", articles: app.index.manifest.counts.articles });
  });

  it("serves the page, its script and its style from the server itself, nothing from elsewhere", async () => {
    for (const [path, type] of [
      ["/", "text/html"],
      ["/app.js", "text/javascript"],
      ["/style.css", "text/css"],
    ] as const) {
      const response = await fetch(`${web.url}${path}`);
      expect(response.status).toBe(200);
      expect(response.headers.get("content-type")).toContain(type);
      expect(response.headers.get("content-security-policy")).toContain("default-src 'none'");
      const text = await response.text();
      expect(text).not.toMatch(/(?:src|href)=["']?(?:https?:)?\/\/|@import|url\(\s*["']?(?:https?:)?\/\//);
    }
  });

  it("offers the bot's example questions and the archive's coverage to the page", async () => {
    const about = await (await fetch(`${web.url}/api/about`)).json();
    expect(about.examples.length).toBeGreaterThanOrEqual(3);
    expect(about).toMatchObject({ ...app.index.manifest.coverage, articles: app.index.manifest.counts.articles });
  });
});
