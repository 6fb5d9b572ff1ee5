/**
 * Telegram misbehaving at the HTTP layer: the real bot (startBot, long polling through the runner,
 * the production auto-retry settings) against a fake Bot API on 127.0.0.1 that answers 429 with
 * retry_after, 5xx, or drops the connection. Each test has its own fake server and bot, so the
 * tests run at once; the longest is the one that waits out auto-retry's 5xx backoff (3+6+12+24 s).
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { SORRY } from "../../src/bot/error-handler.js";
import { redactingLogger } from "../../src/bot/logger.js";
import { TELEGRAM_RETRY_ATTEMPTS } from "../../src/bot/bot.js";
import { NETWORK_RETRY } from "../../src/bot/retry-network.js";
import { startBot } from "../../src/bot/start-bot.js";
import { startFakeBotApi, type FakeBotApi, type Fault, type FaultRule } from "./fake-bot-api.js";
import { newUser, realDeps, recordingLogger, TOKEN, ZHUNDONG, type LogLine, type RealDeps } from "./helpers.js";

const HOTLINE = "昌吉州12345热线的回访满意率是多少？";
const ANSWER_245 = "245家企业";
const ANSWER_HOTLINE = "93.56%";
/** createBot's auto-retry setting: a failing request is sent at most 1 + this many times. */
const MAX_RETRY_ATTEMPTS = TELEGRAM_RETRY_ATTEMPTS;

let real: RealDeps;
beforeAll(async () => {
  real = await realDeps();
});
afterAll(() => real?.cleanup());

interface Harness {
  api: FakeBotApi;
  logs: LogLine[];
  stop(): Promise<void>;
}

/** A fake Bot API with `rule`, and the real bot polling it. */
async function harness(rule: FaultRule): Promise<Harness> {
  const api = await startFakeBotApi(rule);
  const { logger, lines } = recordingLogger();
  const log = redactingLogger(logger, [TOKEN]);
  const config = { ...real.config, TELEGRAM_BOT_TOKEN: TOKEN, TELEGRAM_API_ROOT: api.apiRoot };
  const running = await startBot(config, { ...real.deps, logger: log }, { logger: log, drainMilliseconds: 1_000 });
  return {
    api,
    logs: lines,
    stop: async () => {
      await running.stop();
      await api.close();
    },
  };
}

/** Waits (bounded) for a condition; fails with `what`. */
async function until(condition: () => boolean, what: string, timeoutMs = 30_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

const tooMany = (retry_after: number): Fault => ({ error_code: 429, description: `Too Many Requests: retry after ${retry_after}`, retry_after });
const serverError: Fault = { error_code: 500, description: "Internal Server Error" };
const outcomes = (api: FakeBotApi, method: string, chat: number) => api.callsOf(method, chat).map((c) => c.outcome);

describe.concurrent("Telegram failing at the HTTP layer", () => {
  it("429 with retry_after 1 on sendMessage: waited out, sent again, delivered", async ({ onTestFinished }) => {
    const { api, stop } = await harness((method, _p, nth) => (method === "sendMessage" && nth === 1 ? tooMany(1) : "ok"));
    onTestFinished(stop);
    const user = newUser();
    api.say(user, ZHUNDONG);
    await until(() => api.delivered(user).length === 1, "the answer");
    const attempts = api.callsOf("sendMessage", user);
    expect(attempts.map((c) => c.outcome)).toEqual(["error", "ok"]);
    expect(attempts[1]!.payload.text).toBe(attempts[0]!.payload.text);
    expect(api.delivered(user)[0]).toContain(ANSWER_245);
  });

  it("429 asking for more than the 30 s the bot will wait: not retried, the user gets the apology, then answers again", async ({ onTestFinished }) => {
    const { api, stop } = await harness((method, _p, nth) => (method === "sendMessage" && nth === 1 ? tooMany(600) : "ok"));
    onTestFinished(stop);
    const user = newUser();
    api.say(user, ZHUNDONG);
    await until(() => api.delivered(user).length === 1, "the apology");
    expect(outcomes(api, "sendMessage", user)).toEqual(["error", "ok"]);
    expect(api.delivered(user)).toEqual([SORRY]);
    api.say(user, HOTLINE);
    await until(() => api.delivered(user).length === 2, "the next answer");
    expect(api.delivered(user)[1]).toContain(ANSWER_HOTLINE);
  });

  it("500 twice, then ok: delivered on the third attempt", async ({ onTestFinished }) => {
    const { api, stop } = await harness((method, _p, nth) => (method === "sendMessage" && nth <= 2 ? serverError : "ok"));
    onTestFinished(stop);
    const user = newUser();
    api.say(user, ZHUNDONG);
    await until(() => api.delivered(user).length === 1, "the answer after two 500s");
    expect(outcomes(api, "sendMessage", user)).toEqual(["error", "error", "ok"]);
    expect(api.delivered(user)[0]).toContain(ANSWER_245);
  });

  it("500 forever for one answer: sent 1 + 2 times, then the apology; other chats are served meanwhile and the chat's next question is answered", async ({
    onTestFinished,
  }) => {
    const { api, logs, stop } = await harness((method, payload) =>
      method === "sendMessage" && String(payload.text).includes(ANSWER_245) ? serverError : "ok",
    );
    onTestFinished(stop);
    const stuck = newUser();
    const other = newUser();
    api.say(stuck, ZHUNDONG);
    await until(() => api.callsOf("sendMessage", stuck).length >= 1, "the first failed attempt");
    api.say(other, HOTLINE);
    await until(() => api.delivered(other).length === 1, "another chat's answer");
    expect(api.delivered(other)[0]).toContain(ANSWER_HOTLINE);

    // auto-retry backs off 3, 6 and 12 s; the apology comes after the last wait.
    await until(() => api.delivered(stuck).length === 1, "the apology after the last retry", 80_000);
    const sent = api.callsOf("sendMessage", stuck);
    expect(sent.filter((c) => String(c.payload.text).includes(ANSWER_245)).map((c) => c.outcome)).toEqual(Array(MAX_RETRY_ATTEMPTS + 1).fill("error"));
    expect(api.delivered(stuck)).toEqual([SORRY]);
    // The other chat was answered while this one was still retrying.
    expect(api.calls.findIndex((c) => c.payload.chat_id === other && c.outcome === "ok")).toBeLessThan(api.calls.indexOf(sent[MAX_RETRY_ATTEMPTS]!));
    expect(logs.some((l) => l.level === "error" && l.message === "处理消息时出错")).toBe(true);

    api.say(stuck, HOTLINE);
    await until(() => api.delivered(stuck).length === 2, "the chat's next answer");
    expect(api.delivered(stuck)[1]).toContain(ANSWER_HOTLINE);
  }, 100_000);

  it("getUpdates connections dropped (at once, and while a long poll waits): polling goes on and questions are answered", async ({ onTestFinished }) => {
    let dropNext = 2;
    const { api, logs, stop } = await harness((method) => (method === "getUpdates" && dropNext-- > 0 ? "drop" : "ok"));
    onTestFinished(stop);
    const user = newUser();
    api.say(user, ZHUNDONG);
    await until(() => api.delivered(user).length === 1, "the answer after two dropped polls");
    expect(
      api
        .callsOf("getUpdates")
        .slice(0, 3)
        .map((c) => c.outcome),
    ).toEqual(["dropped", "dropped", "ok"]);
    expect(api.delivered(user)[0]).toContain(ANSWER_245);

    await until(() => api.waitingPolls() === 1, "a long poll to wait");
    dropNext = 1;
    api.dropWaitingPolls();
    api.say(user, HOTLINE);
    await until(() => api.delivered(user).length === 2, "the answer after the long poll was cut");
    expect(api.delivered(user)[1]).toContain(ANSWER_HOTLINE);
    expect(api.callsOf("getUpdates").filter((c) => c.outcome === "dropped")).toHaveLength(3);
    expect(logs.filter((l) => l.message === "获取消息失败，稍后重试").length).toBeGreaterThanOrEqual(4);
    expect(JSON.stringify(logs)).not.toContain(TOKEN.split(":")[1]);
  });

  it("a sendMessage connection dropped once: sent again, the answer is delivered; the next question is answered", async ({ onTestFinished }) => {
    const { api, logs, stop } = await harness((method, _p, nth) => (method === "sendMessage" && nth === 1 ? "drop" : "ok"));
    onTestFinished(stop);
    const user = newUser();
    api.say(user, ZHUNDONG);
    await until(() => api.delivered(user).length === 1, "the answer after one retry");
    const sent = api.callsOf("sendMessage", user);
    expect(sent.map((c) => c.outcome)).toEqual(["dropped", "ok"]);
    expect(api.delivered(user)[0]).toContain(ANSWER_245);

    api.say(user, HOTLINE);
    await until(() => api.delivered(user).length === 2, "the next answer");
    expect(api.delivered(user)[1]).toContain(ANSWER_HOTLINE);
    expect(JSON.stringify(logs)).not.toContain(TOKEN.split(":")[1]);
  });

  it("sendMessage connections dropped every time: tried 1 + 2 times, then given up; the bot keeps serving", async ({ onTestFinished }) => {
    let dropping = true;
    const { api, logs, stop } = await harness((method) => (method === "sendMessage" && dropping ? "drop" : "ok"));
    onTestFinished(stop);
    const user = newUser();
    api.say(user, ZHUNDONG);
    await until(() => api.callsOf("sendMessage", user).length >= 1 + NETWORK_RETRY.attempts, "the bounded retries", 20_000);
    await until(() => logs.some((l) => l.level === "error"), "the error to be logged");
    expect(api.callsOf("sendMessage", user).filter((c) => String(c.payload.text).includes(ANSWER_245))).toHaveLength(1 + NETWORK_RETRY.attempts);
    dropping = false;
    api.say(user, HOTLINE);
    await until(() => api.delivered(user).some((t) => t.includes(ANSWER_HOTLINE)), "the next answer");
    // The network error carries the request URL, which holds the token: the log must not.
    expect(JSON.stringify(logs)).not.toContain(TOKEN.split(":")[1]);
  });

  it.for([
    ["dropped", "drop"],
    ["answered 500", serverError],
    ["answered 429", tooMany(1)],
  ] as Array<[string, Fault]>)("sendChatAction %s never holds up the answer", async ([, fault], { onTestFinished }) => {
    const { api, stop } = await harness((method) => (method === "sendChatAction" ? fault : "ok"));
    onTestFinished(stop);
    const user = newUser();
    api.say(user, ZHUNDONG);
    await until(() => api.delivered(user).length === 1, "the answer");
    expect(api.callsOf("sendChatAction", user)[0]?.outcome).toBe(fault === "drop" ? "dropped" : "error");
    expect(api.delivered(user)[0]).toContain(ANSWER_245);
    expect(outcomes(api, "sendMessage", user)).toEqual(["ok"]);
  });
});
