/**
 * npm run bench:web -- [--clients N] [--questions M] [--timeout S] [--json]
 *
 * The web API under load: the real server — `scripts/web.ts` in its own process, as `npm run
 * web` runs it, with the production rate limit and body limit — on 127.0.0.1 over a temp copy
 * of corpus/, and, in this process, N clients that each ask M
 * questions (from test/eval/questions.jsonl) one after another in their own conversation, all
 * clients at once. Each client has its own address for the rate limiter (an X-Forwarded-For
 * from 198.18.0.0/15, the benchmarking range, believed from 127.0.0.1 only; nothing is sent
 * there). Reports how many were answered (200 with an answer object), lost (anything else:
 * an error status, a dropped connection, no answer within S seconds) and the latency each
 * client saw (request sent → whole JSON read). `--json`: one JSON object as the last stdout
 * line. Exit status 1 when any question was lost.
 */
import { spawn, type ChildProcess } from "node:child_process";
import { cp, mkdtemp, rm } from "node:fs/promises";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { runMain } from "../src/cli/entry.js";
import { parseConfig } from "../src/config.js";
import { AppError } from "../src/errors.js";
import { DEFAULT_QUESTIONS, readQuestions } from "../src/eval/questions.js";

function option(name: string, fallback: number): number {
  const i = process.argv.indexOf(name);
  const value = i >= 0 ? Number(process.argv[i + 1]) : fallback;
  if (!Number.isInteger(value) || value < 1) throw new AppError("config:invalid", `${name} 需要一个正整数（收到 ${process.argv[i + 1]}）`);
  return value;
}

/** Nearest-rank percentile of ascending values; null when there are none. */
const percentile = (sorted: number[], p: number) => (sorted.length ? sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]! : null);

/** The client's own address for the rate limiter: 198.18.x.y. */
const addressOf = (client: number) => `198.18.${Math.floor(client / 250)}.${(client % 250) + 1}`;

function freePort(): Promise<number> {
  return new Promise((done, fail) => {
    const probe = createServer();
    probe.once("error", fail);
    probe.listen(0, "127.0.0.1", () => {
      const { port } = probe.address() as { port: number };
      probe.close(() => done(port));
    });
  });
}

/**
 * Starts `scripts/web.ts` (through the local tsx, as `npm run web` does) with only the given
 * settings, and resolves once it logs that it is listening.
 */
async function startServer(env: Record<string, string>): Promise<ChildProcess> {
  const tsx = resolve("node_modules/tsx/dist/cli.mjs");
  const child = spawn(process.execPath, [tsx, resolve("scripts", "web.ts")], {
    env: { PATH: process.env.PATH ?? "", HOME: process.env.HOME ?? "", ...env },
    stdio: ["ignore", "ignore", "pipe"],
  });
  let log = "";
  await new Promise<void>((done, fail) => {
    child.stderr!.setEncoding("utf8").on("data", (d: string) => {
      log += d;
      if (log.includes("网页已启动")) done();
    });
    child.once("exit", (code) => fail(new AppError("internal", `网页服务启动失败（退出码 ${code}）：${log.trim().split("\n").at(-1)}`)));
  });
  return child;
}

type Outcome = { ok: true; ms: number } | { ok: false; why: string };

/** One client: its questions in order, in one conversation (the id the first answer gave). */
async function client(url: string, index: number, questions: string[], timeoutMs: number): Promise<Outcome[]> {
  const outcomes: Outcome[] = [];
  let conversation: string | undefined;
  for (const question of questions) {
    const started = performance.now();
    try {
      const response = await fetch(`${url}/api/ask`, {
        method: "POST",
        headers: { "content-type": "application/json", "x-forwarded-for": addressOf(index) },
        body: JSON.stringify(conversation ? { question, conversation } : { question }),
        signal: AbortSignal.timeout(timeoutMs),
      });
      const body = (await response.json()) as { answer?: unknown; conversation?: string; error?: { code: string } };
      if (response.status === 200 && typeof body.answer === "string" && body.conversation) {
        conversation = body.conversation;
        outcomes.push({ ok: true, ms: performance.now() - started });
      } else outcomes.push({ ok: false, why: `${response.status} ${body.error?.code ?? ""}`.trim() });
    } catch (error) {
      outcomes.push({ ok: false, why: (error as Error).name === "TimeoutError" ? "timeout" : "connection" });
    }
  }
  return outcomes;
}

runMain(async () => {
  const json = process.argv.includes("--json");
  const clients = option("--clients", 200);
  const perClient = option("--questions", 5);
  const timeoutMs = option("--timeout", 120) * 1000;
  const say = (line: string) => (json ? process.stderr : process.stdout).write(`${line}\n`);
  const questions = (await readQuestions(DEFAULT_QUESTIONS)).map((q) => q.question);

  const dir = await mkdtemp(join(tmpdir(), "baoku-bench-web-"));
  let server: ChildProcess | undefined;
  try {
    await cp("corpus", join(dir, "corpus"), { recursive: true });
    const port = await freePort();
    const env = {
      CORPUS_DIR: join(dir, "corpus"),
      INDEX_DIR: join(dir, "data", "index"),
      WEB_HOST: "127.0.0.1",
      WEB_PORT: String(port),
      WEB_TRUST_PROXY: "127.0.0.1",
      EMBEDDINGS: "local",
      LLM: "none",
      LOG_LEVEL: "info",
    };
    const config = parseConfig(env);
    say("正在建立索引并启动网页服务（npm run web）……");
    server = await startServer(env);
    const url = `http://127.0.0.1:${port}`;
    try {
      const sent = clients * perClient;
      say(`${clients} 个客户端各问 ${perClient} 个问题（每个客户端一个对话，依次提问），共 ${sent} 个，同时开始……`);
      const started = performance.now();
      const results = await Promise.all(
        Array.from({ length: clients }, (_, i) =>
          client(
            url,
            i,
            Array.from({ length: perClient }, (_, j) => questions[(i * perClient + j) % questions.length]!),
            timeoutMs,
          ),
        ),
      );
      const wallSeconds = +((performance.now() - started) / 1000).toFixed(2);
      const outcomes = results.flat();
      const latencies = outcomes
        .filter((o): o is { ok: true; ms: number } => o.ok)
        .map((o) => o.ms)
        .sort((a, b) => a - b);
      const failures: Record<string, number> = {};
      for (const o of outcomes) if (!o.ok) failures[o.why] = (failures[o.why] ?? 0) + 1;
      const round = (ms: number | null) => (ms === null ? null : +ms.toFixed(1));
      const report = {
        clients,
        questionsPerClient: perClient,
        questions: sent,
        answered: latencies.length,
        lost: sent - latencies.length,
        failures,
        p50Ms: round(percentile(latencies, 50)),
        p95Ms: round(percentile(latencies, 95)),
        maxMs: round(latencies.at(-1) ?? null),
        wallSeconds,
        answersPerSecond: +(latencies.length / wallSeconds).toFixed(1),
        rateLimitPerMinute: config.WEB_RATE_LIMIT,
      };
      if (json) process.stdout.write(`${JSON.stringify(report)}\n`);
      else {
        say(`已提问 ${report.questions} 个，已回答 ${report.answered} 个，丢失 ${report.lost} 个${report.lost ? `（${JSON.stringify(failures)}）` : ""}`);
        say(
          `延迟：p50 ${report.p50Ms} 毫秒，p95 ${report.p95Ms} 毫秒，最长 ${report.maxMs} 毫秒；总用时 ${wallSeconds} 秒，每秒 ${report.answersPerSecond} 个回答`,
        );
      }
      if (report.lost > 0) process.exitCode = 1;
    } finally {
      // As an operator stops it: SIGTERM, answers in flight finish.
      const exited = new Promise((done) => server!.once("exit", done));
      server.kill("SIGTERM");
      await exited;
    }
  } finally {
    if (server && server.exitCode === null) server.kill("SIGKILL");
    await rm(dir, { recursive: true, force: true });
  }
});
