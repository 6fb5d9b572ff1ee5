/** startBot's two modes and its graceful stop, against the Bot API emulator on 127.0.0.1. */
import { createServer } from "node:http";
import type { TelegramServer } from "telegram-test-api/lib/telegramServer.js";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import type { BotDeps } from "../../src/bot/deps.js";
import type { AppError } from "../../src/errors.js";
import { silentLogger } from "../../src/bot/logger.js";
import { startBot, webhookSecret, type RunningBot } from "../../src/bot/start-bot.js";
import { EmulatorUser, freePort, startEmulator, textOf } from "./emulator.js";
import { realDeps, TOKEN, ZHUNDONG, type RealDeps } from "./helpers.js";

let real: RealDeps;
let server: TelegramServer;
let running: RunningBot | undefined;
beforeAll(async () => {
  real = await realDeps();
});
afterAll(() => real?.cleanup());
afterEach(async () => {
  await running?.stop();
  await server?.stop();
  running = undefined;
});

const configFor = (extra: Record<string, unknown> = {}) => ({ ...real.config, TELEGRAM_BOT_TOKEN: TOKEN, TELEGRAM_API_ROOT: server.config.apiURL, ...extra });

async function until(condition: () => boolean, what: string): Promise<void> {
  const deadline = Date.now() + 30_000;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

describe("stopping", () => {
  it("stops taking updates but lets an answer in flight finish and reach the user", async () => {
    server = await startEmulator();
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    let entered = false;
    const slow: BotDeps = {
      ...real.deps,
      answerer: {
        async answer(text, conversation) {
          entered = true;
          await gate;
          return real.deps.answerer.answer(text, conversation);
        },
      },
    };
    running = await startBot(configFor(), slow, { logger: silentLogger });
    const user = new EmulatorUser(server, TOKEN, { user: 51_001 });
    await user.say(ZHUNDONG);
    await until(() => entered, "the question to reach the answerer");

    let stopped = false;
    const stopping = running.stop().then(() => (stopped = true));
    await new Promise((r) => setTimeout(r, 200));
    expect(stopped).toBe(false);

    release();
    await stopping;
    const [reply] = await user.waitForReplies(1);
    expect(textOf(reply!)).toContain("245家企业");
  });
});

describe("webhook mode (WEBHOOK_URL set)", () => {
  it("registers the webhook with a secret, answers updates posted to it, refuses others", async () => {
    server = await startEmulator();
    const port = await freePort();
    const url = `http://127.0.0.1:${port}/telegram/baoku`;
    running = await startBot(configFor({ WEBHOOK_URL: url, WEBHOOK_HOST: "127.0.0.1", WEBHOOK_PORT: port }), real.deps, { logger: silentLogger });
    expect(running.mode).toBe("webhook");
    expect(running.address).toEqual({ host: "127.0.0.1", port });

    const update = {
      update_id: 900_001,
      message: { message_id: 1, date: 0, chat: { id: 52_001, type: "private" }, from: { id: 52_001, is_bot: false, first_name: "读者" }, text: ZHUNDONG },
    };
    const post = (headers: Record<string, string>, path = "/telegram/baoku") =>
      fetch(`http://127.0.0.1:${port}${path}`, { method: "POST", headers: { "content-type": "application/json", ...headers }, body: JSON.stringify(update) });

    expect((await post({})).status).toBe(401);
    expect((await post({ "x-telegram-bot-api-secret-token": "guess" })).status).toBe(401);
    expect((await post({ "x-telegram-bot-api-secret-token": webhookSecret(TOKEN) }, "/other")).status).toBe(404);
    expect((await post({ "x-telegram-bot-api-secret-token": webhookSecret(TOKEN) })).status).toBe(200);

    const user = new EmulatorUser(server, TOKEN, { user: 52_001 });
    const replies = await user.waitForReplies(1);
    expect(replies).toHaveLength(1);
    expect(textOf(replies[0]!)).toContain("245家企业");

    await running.stop();
    await expect(post({ "x-telegram-bot-api-secret-token": webhookSecret(TOKEN) })).rejects.toThrow();
  });
});

describe("start-up failures", () => {
  it("an unreachable Bot API is reported in one line without the token, not waited on forever", async () => {
    server = await startEmulator();
    // An API root with nothing listening behind it.
    const port = await freePort();
    const config = { ...configFor(), TELEGRAM_API_ROOT: `http://127.0.0.1:${port}` };
    const error = await startBot(config, real.deps, { logger: silentLogger, connectMilliseconds: 500 }).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: "bot:start-failed" });
    expect((error as Error).message).toContain(`无法连接 http://127.0.0.1:${port}`);
    expect((error as Error).message).not.toContain(TOKEN);
  });

  it("a token the Bot API refuses says to check it with @BotFather", async () => {
    server = await startEmulator();
    const refusing = createServer((_req, res) => {
      res.writeHead(401, { "content-type": "application/json" }).end(JSON.stringify({ ok: false, error_code: 401, description: "Unauthorized" }));
    });
    await new Promise<void>((resolve) => refusing.listen(0, "127.0.0.1", resolve));
    try {
      const root = `http://127.0.0.1:${(refusing.address() as { port: number }).port}`;
      const error = await startBot({ ...configFor(), TELEGRAM_API_ROOT: root }, real.deps, { logger: silentLogger }).catch((e: unknown) => e);
      expect(error).toMatchObject({ code: "bot:start-failed" });
      expect((error as AppError).userMessage).toBe("机器人无法启动：Telegram 不接受这个令牌（401）：请向 @BotFather 核对 TELEGRAM_BOT_TOKEN");
    } finally {
      refusing.close();
    }
  });
});
