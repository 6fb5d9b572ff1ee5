/**
 * scripts/bot.ts as a process: what `npm run bot` does with no token, and how it stops on SIGTERM.
 * The no-token case runs `node <tsx cli> scripts/bot.ts` (what `npx tsx` runs, so stderr holds
 * only the bot's own output); the SIGTERM case runs `npm run bot`, signalling npm as a service
 * manager would.
 */
import { spawn, type ChildProcess } from "node:child_process";
import { cp, mkdtemp, rm, stat } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { TelegramServer } from "telegram-test-api/lib/telegramServer.js";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { EmulatorUser, startEmulator, textOf } from "./emulator.js";
import { TOKEN, ZHUNDONG } from "./helpers.js";

const TSX = join(process.cwd(), "node_modules", "tsx", "dist", "cli.mjs");

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), "baoku-script-"));
  await cp("corpus", join(dir, "corpus"), { recursive: true });
});
afterAll(() => rm(dir, { recursive: true, force: true }));

interface Run {
  child: ChildProcess;
  stdout: () => string;
  stderr: () => string;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

/**
 * Runs the bot with only the given settings (every key that matters set explicitly, so a
 * developer's .env cannot leak in): `node <tsx> scripts/bot.ts`, or `npm run --silent bot`.
 */
function runBot(env: Record<string, string>, via: "tsx" | "npm" = "tsx"): Run {
  const [command, args] = via === "tsx" ? [process.execPath, [TSX, "scripts/bot.ts"]] : ["npm", ["run", "--silent", "bot"]];
  const child = spawn(command, args, {
    env: {
      PATH: process.env.PATH ?? "",
      HOME: process.env.HOME ?? dir,
      CORPUS_DIR: join(dir, "corpus"),
      INDEX_DIR: join(dir, "data", "index"),
      TELEGRAM_BOT_TOKEN: "",
      TELEGRAM_API_ROOT: "",
      WEBHOOK_URL: "",
      BOT_ADMINS: "",
      EMBEDDINGS: "local",
      LLM: "none",
      LOG_LEVEL: "info",
      ...env,
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let out = "";
  let err = "";
  child.stdout!.on("data", (d: Buffer) => (out += d.toString()));
  child.stderr!.on("data", (d: Buffer) => (err += d.toString()));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.once("exit", (code, signal) => resolve({ code, signal })),
  );
  return { child, stdout: () => out, stderr: () => err, exited };
}

/** Waits (bounded) until the process has logged `text` on stderr. */
async function waitForLog(run: Run, text: string, timeoutMs = 90_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!run.stderr().includes(text)) {
    if (Date.now() > deadline || run.child.exitCode !== null) throw new Error(`no "${text}" in:\n${run.stderr()}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

describe("npm run bot", () => {
  it("without a token prints one line on how to get one and that npm run chat works, and exits non-zero", async () => {
    const run = runBot({});
    const { code } = await run.exited;
    expect(code).not.toBe(0);
    const lines = run.stderr().trim().split("\n");
    expect(lines).toHaveLength(1);
    expect(lines[0]).toContain("TELEGRAM_BOT_TOKEN");
    expect(lines[0]).toContain("@BotFather");
    expect(lines[0]).toContain("npm run chat");
    // It fails before doing any work: no index was built.
    await expect(stat(join(dir, "data", "index"))).rejects.toThrow();
  });

  describe("running against the emulator", () => {
    let server: TelegramServer;
    beforeAll(async () => {
      server = await startEmulator();
    });
    afterAll(() => server?.stop());

    // Through npm, as operators run it: SIGTERM goes to npm, which must pass it on to the bot.
    it("npm run bot builds the missing index (and says so), answers, stops within 10 s of SIGTERM, never prints the token", async () => {
      const run = runBot({ TELEGRAM_BOT_TOKEN: TOKEN, TELEGRAM_API_ROOT: server.config.apiURL }, "npm");
      try {
        await waitForLog(run, "机器人已启动");
        expect(run.stderr()).toContain("正在建立索引：索引不存在");

        const user = new EmulatorUser(server, TOKEN, { user: 41_001 });
        await user.say(ZHUNDONG);
        const [reply] = await user.waitForReplies(1);
        expect(textOf(reply!)).toContain("245家企业");

        const signalled = Date.now();
        run.child.kill("SIGTERM");
        const { code } = await run.exited;
        // A behaviour requirement, not a benchmark: the process must be gone within 10 s.
        expect(Date.now() - signalled).toBeLessThan(10_000);
        expect(code).toBe(0);
        expect(run.stderr()).toContain("机器人已停止");
        const output = run.stdout() + run.stderr();
        expect(output).not.toContain(TOKEN);
        expect(output).not.toContain(TOKEN.split(":")[1]);
      } finally {
        if (run.child.exitCode === null) run.child.kill("SIGKILL");
      }
    });
  });
});
