/**
 * npm run bench:bot -- [--users N] [--questions M] [--timeout S] [--json]
 *
 * The bot under load: the Bot API emulator (telegram-test-api) on 127.0.0.1, the real bot
 * (startBot, long polling, production rate limit) over a temp copy of corpus/, and N users
 * sending M questions each (from test/eval/questions.jsonl), all at once, through the
 * emulator's client API. Waits until every question has its answer or S seconds pass, then
 * reports sent, answered, lost and reply latency (question stored → answer stored, both stamped
 * by the emulator). `--json`: one JSON object as the last stdout line. Exit status 1 when any
 * question was lost.
 */
import { cp, mkdtemp, rm } from "node:fs/promises";
import { freePort } from "../test/bot/emulator.js";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { TelegramServer } from "telegram-test-api/lib/telegramServer.js";
import { createBotDeps } from "../src/bot/app-deps.js";
import { DEFAULT_RATE_LIMIT } from "../src/bot/bot.js";
import { SORRY } from "../src/bot/error-handler.js";
import type { BotLogger } from "../src/bot/logger.js";
import { startBot, type RunningBot } from "../src/bot/start-bot.js";
import { runMain } from "../src/cli/entry.js";
import { parseConfig } from "../src/config.js";
import { AppError } from "../src/errors.js";
import { DEFAULT_QUESTIONS, readQuestions } from "../src/eval/questions.js";

const TOKEN = "1234567890:AAbenchBotTokenForTheEmulatorOnly_xyz";
/** Chat ids of the simulated users start here (any value the emulator accepts). */
const FIRST_USER = 800_000;

function option(name: string, fallback: number): number {
  const i = process.argv.indexOf(name);
  const value = i >= 0 ? Number(process.argv[i + 1]) : fallback;
  if (!Number.isInteger(value) || value < 1) throw new AppError("config:invalid", `${name} 需要一个正整数（收到 ${process.argv[i + 1]}）`);
  return value;
}

/** Counts what the bot logs at warn and error; keeps the first error messages. */
function countingLogger(): { logger: BotLogger; warnings: () => number; errors: string[] } {
  let warnings = 0;
  const errors: string[] = [];
  const ignore = () => {};
  return {
    logger: { debug: ignore, info: ignore, warn: () => void warnings++, error: (_f, message) => void errors.push(message) },
    warnings: () => warnings,
    errors,
  };
}

/** Nearest-rank percentile of ascending values; null when there are none. */
const percentile = (sorted: number[], p: number) => (sorted.length ? sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]! : null);

type Stored = { time: number; updateId: number; message: { chat_id?: number | string; chat?: { id: number }; text?: string; reply_markup?: unknown } };

/**
 * Pairs each chat's questions with the bot's replies in order: the bot answers one update at a
 * time per chat, and the rate limiter drops the last of a burst, so the k-th reply answers the
 * k-th question. A reply is an answer (it carries the 👍/👎 keyboard) or the apology; anything
 * else the bot sent (a rate-limit note) is counted apart.
 */
function tally(server: TelegramServer) {
  const questions = new Map<number, number[]>();
  for (const u of server.storage.userMessages as unknown as Stored[]) {
    const chat = u.message.chat!.id;
    questions.set(chat, [...(questions.get(chat) ?? []), u.time]);
  }
  const replies = new Map<number, Array<{ time: number; kind: "answer" | "apology" | "other" }>>();
  for (const b of server.storage.botMessages as unknown as Stored[]) {
    const chat = Number(b.message.chat_id);
    const kind = b.message.text === SORRY ? "apology" : b.message.reply_markup ? "answer" : "other";
    replies.set(chat, [...(replies.get(chat) ?? []), { time: b.time, kind }]);
  }
  let answered = 0;
  let apologies = 0;
  let other = 0;
  let last = 0;
  const latencies: number[] = [];
  for (const [chat, asked] of questions) {
    const sent = replies.get(chat) ?? [];
    const real = sent.filter((r) => r.kind !== "other");
    answered += real.filter((r) => r.kind === "answer").length;
    apologies += real.filter((r) => r.kind === "apology").length;
    other += sent.length - real.length;
    for (const r of sent) last = Math.max(last, r.time);
    real.forEach((r, k) => k < asked.length && latencies.push(r.time - asked[k]!));
  }
  return { answered, apologies, other, latencies: latencies.sort((a, b) => a - b), last };
}

runMain(async () => {
  const json = process.argv.includes("--json");
  const users = option("--users", 200);
  const perUser = option("--questions", 5);
  const timeoutMs = option("--timeout", 180) * 1000;
  const say = (line: string) => (json ? process.stderr : process.stdout).write(`${line}\n`);
  const questions = (await readQuestions(DEFAULT_QUESTIONS)).map((q) => q.question);

  const dir = await mkdtemp(join(tmpdir(), "baoku-bench-bot-"));
  const server = new TelegramServer({ port: await freePort(), host: "127.0.0.1", storeTimeout: 24 * 3600 });
  let running: RunningBot | undefined;
  try {
    await cp("corpus", join(dir, "corpus"), { recursive: true });
    await server.start();
    const config = parseConfig({
      CORPUS_DIR: join(dir, "corpus"),
      INDEX_DIR: join(dir, "data", "index"),
      LOG_LEVEL: "silent",
      TELEGRAM_BOT_TOKEN: TOKEN,
      TELEGRAM_API_ROOT: server.config.apiURL,
    });
    const log = countingLogger();
    say("正在建立索引并启动机器人……");
    const deps = await createBotDeps(config, log.logger);
    running = await startBot(config, deps, { logger: log.logger, drainMilliseconds: 2_000 });
    if (perUser > DEFAULT_RATE_LIMIT.limit)
      say(`注意：每人 ${perUser} 个问题超过限流（${DEFAULT_RATE_LIMIT.limit} 条/${DEFAULT_RATE_LIMIT.timeFrame / 1000} 秒），多出的会被限流`);

    const clients = Array.from({ length: users }, (_, i) =>
      server.getClient(TOKEN, { userId: FIRST_USER + i, chatId: FIRST_USER + i, type: "private", firstName: "读者" }),
    );
    const sent = users * perUser;
    say(`${users} 位用户各发 ${perUser} 个问题，共 ${sent} 条，同时发出……`);
    const started = Date.now();
    await Promise.all(
      clients.flatMap((client, i) =>
        Array.from({ length: perUser }, (_, j) => client.sendMessage(client.makeMessage(questions[(i * perUser + j) % questions.length]!))),
      ),
    );

    const deadline = started + timeoutMs;
    let result = tally(server);
    while (result.answered + result.apologies < sent && Date.now() < deadline) {
      await new Promise((r) => setTimeout(r, 100));
      result = tally(server);
    }
    const timedOut = result.answered + result.apologies < sent;
    const { latencies } = result;
    const report = {
      users,
      questionsPerUser: perUser,
      sent,
      answered: result.answered,
      lost: sent - result.answered,
      apologies: result.apologies,
      rateLimitNotes: result.other,
      p50Ms: percentile(latencies, 50),
      p95Ms: percentile(latencies, 95),
      maxMs: latencies[latencies.length - 1] ?? null,
      wallSeconds: +(((timedOut ? Date.now() : result.last) - started) / 1000).toFixed(2),
      timedOut,
      botErrors: log.errors.length,
      botWarnings: log.warnings(),
    };
    if (json) process.stdout.write(`${JSON.stringify(report)}\n`);
    else {
      say(
        `已发送 ${report.sent} 条，已回答 ${report.answered} 条，丢失 ${report.lost} 条（道歉 ${report.apologies}，限流提示 ${report.rateLimitNotes}）${timedOut ? `，${timeoutMs / 1000} 秒内未全部回答` : ""}`,
      );
      say(
        latencies.length
          ? `回复延迟：p50 ${report.p50Ms} 毫秒，p95 ${report.p95Ms} 毫秒，最长 ${report.maxMs} 毫秒；总用时 ${report.wallSeconds} 秒`
          : `没有收到回复；总用时 ${report.wallSeconds} 秒`,
      );
      say(`机器人日志：错误 ${report.botErrors} 条，警告 ${report.botWarnings} 条${log.errors.length ? `（首条：${log.errors[0]}）` : ""}`);
    }
    if (report.lost > 0) process.exitCode = 1;
  } finally {
    await running?.stop();
    await server.stop();
    await rm(dir, { recursive: true, force: true });
  }
});
