/**
 * End to end over HTTP: the telegram-test-api Bot API emulator on 127.0.0.1, the real bot started
 * with startBot (long polling through @grammyjs/runner, as `npm run bot` does) with
 * TELEGRAM_API_ROOT pointing at it, and people talking to it through the emulator's client API.
 */
import type { TelegramServer } from "telegram-test-api/lib/telegramServer.js";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { redactingLogger } from "../../src/bot/logger.js";
import { startBot, type RunningBot } from "../../src/bot/start-bot.js";
import { botMessages, EmulatorUser, startEmulator, textOf } from "./emulator.js";
import { realDeps, recordingLogger, TOKEN, ZHUNDONG, type RealDeps } from "./helpers.js";

let server: TelegramServer;
let real: RealDeps;
let running: RunningBot;
const { logger, lines } = recordingLogger();

beforeAll(async () => {
  server = await startEmulator();
  real = await realDeps();
  const config = { ...real.config, TELEGRAM_BOT_TOKEN: TOKEN, TELEGRAM_API_ROOT: server.config.apiURL };
  running = await startBot(config, { ...real.deps, logger: redactingLogger(logger, [TOKEN]) }, { logger: redactingLogger(logger, [TOKEN]) });
});

afterAll(async () => {
  await running?.stop();
  await server?.stop();
  await real?.cleanup();
});

let nextUser = 30_000;
const person = (type: "private" | "group" = "private", chat?: number) => new EmulatorUser(server, TOKEN, { user: ++nextUser, chat, type });

describe("the bot over HTTP against a Bot API emulator", () => {
  it("starts with long polling and replies to /start and /help", async () => {
    expect(running.mode).toBe("polling");
    expect(running.bot.botInfo.username).toBe("TestNameBot");
    const user = person();
    await user.command("/start");
    await user.command("/help");
    const [welcome, help] = await user.waitForReplies(2);
    expect(textOf(welcome!)).toContain("馆藏：《昌吉日报》");
    expect(textOf(help!)).toContain("/search");
  });

  it("answers the 准东 question with 245 and a 2025 date, though the emulator refuses sendChatAction", async () => {
    const user = person();
    await user.say(ZHUNDONG);
    const [reply] = await user.waitForReplies(1);
    expect(textOf(reply!)).toContain("245家企业");
    expect(textOf(reply!)).toMatch(/《昌吉日报》2025年\d+月/);
    expect(reply!.message.parse_mode).toBe("HTML");
    expect(lines.some((l) => l.message.includes("输入状态发送失败"))).toBe(true);
  });

  it("the 原文 button shows the passage in an expandable blockquote", async () => {
    const user = person();
    await user.say(ZHUNDONG);
    const [answer] = await user.waitForReplies(1);
    await user.press(answer!, "原文");
    const [, sources] = await user.waitForReplies(2);
    expect(textOf(sources!)).toMatch(/<blockquote expandable>[^<]*截至6月30日，共有来自疆内外的245家企业来准东注册登记[^<]*<\/blockquote>/);
  });

  it("escapes HTML in a question, answers it, and keeps working", async () => {
    const user = person();
    await user.say(`<b>x</b><script>alert(1)</script>${ZHUNDONG}`);
    const [answer] = await user.waitForReplies(1);
    expect(textOf(answer!)).not.toContain("<script>");
    expect(textOf(answer!)).toContain("245家企业");
    await user.press(answer!, "原文");
    const [, sources] = await user.waitForReplies(2);
    expect(textOf(sources!)).toContain("&lt;b&gt;x&lt;/b&gt;&lt;script&gt;alert(1)&lt;/script&gt;");
    await user.say("昌吉州12345热线的回访满意率是多少？");
    const [, , next] = await user.waitForReplies(3);
    expect(textOf(next!)).toContain("93.56%");
  });

  it("ignores a group message that does not mention it, and answers one that does", async () => {
    const chat = -100_777;
    const member = person("group", chat);
    await member.say(ZHUNDONG);
    await member.say(`@TestNameBot 昌吉州12345热线的回访满意率是多少？`);
    const replies = await member.waitForReplies(1);
    expect(replies).toHaveLength(1);
    expect(textOf(replies[0]!)).toContain("93.56%");
  });

  it("answers an unanswerable question honestly", async () => {
    const user = person();
    await user.say("昌吉市公积金贷款最高能贷多少？");
    const [reply] = await user.waitForReplies(1);
    expect(textOf(reply!)).toContain("没有找到");
  });

  it("answers 100 people asking at once", async () => {
    const people = Array.from({ length: 100 }, () => person());
    const questions = [ZHUNDONG, "昌吉州12345热线的回访满意率是多少？"];
    await Promise.all(people.map((p, i) => p.say(questions[i % 2]!)));
    const client = server.getClient(TOKEN);
    const deadline = Date.now() + 60_000;
    let answered = new Map<number, string>();
    while (answered.size < people.length && Date.now() < deadline) {
      await new Promise((r) => setTimeout(r, 100));
      answered = new Map((await botMessages(server, client)).map((u) => [Number(u.message.chat_id), textOf(u)]));
      answered = new Map([...answered].filter(([chat]) => people.some((p) => p.chat === chat)));
    }
    expect(answered.size).toBe(100);
    people.forEach((p, i) => expect(answered.get(p.chat)).toContain(i % 2 === 0 ? "245家企业" : "93.56%"));
  });

  it("never logs the token", () => {
    expect(JSON.stringify(lines)).not.toContain(TOKEN);
    expect(JSON.stringify(lines)).not.toContain(TOKEN.split(":")[1]);
  });
});
