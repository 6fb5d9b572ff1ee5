/**
 * scripts/web.ts as a process, run as operators run it (`npm run web`): it builds the missing
 * index, serves on WEB_HOST:WEB_PORT, and stops within 10 s of SIGTERM; a port in use gives one
 * Chinese line and a non-zero status.
 */
import { spawn, type ChildProcess } from "node:child_process";
import { cp, mkdtemp, rm } from "node:fs/promises";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { freePort } from "../bot/emulator.js";

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), "baoku-web-script-"));
  await cp("corpus", join(dir, "corpus"), { recursive: true });
});
afterAll(() => rm(dir, { recursive: true, force: true }));

interface Run {
  child: ChildProcess;
  stderr: () => string;
  exited: Promise<number | null>;
}

/** `npm run --silent web` with only the given settings (no developer .env key leaks in). */
function runWeb(port: number): Run {
  const child = spawn("npm", ["run", "--silent", "web"], {
    env: {
      PATH: process.env.PATH ?? "",
      HOME: process.env.HOME ?? dir,
      CORPUS_DIR: join(dir, "corpus"),
      INDEX_DIR: join(dir, "data", "index"),
      WEB_HOST: "127.0.0.1",
      WEB_PORT: String(port),
      EMBEDDINGS: "local",
      LLM: "none",
      LOG_LEVEL: "info",
    },
    stdio: ["ignore", "ignore", "pipe"],
  });
  let err = "";
  child.stderr!.on("data", (d: Buffer) => (err += d.toString()));
  const exited = new Promise<number | null>((resolve) => child.once("exit", (code) => resolve(code)));
  return { child, stderr: () => err, exited };
}

async function waitForLog(run: Run, text: string, timeoutMs = 90_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!run.stderr().includes(text)) {
    if (Date.now() > deadline || run.child.exitCode !== null) throw new Error(`no "${text}" in:\n${run.stderr()}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

describe("npm run web", () => {
  it("builds the missing index, serves the page and the API on WEB_PORT, and stops within 10 s of SIGTERM", async () => {
    const port = await freePort();
    const run = runWeb(port);
    try {
      await waitForLog(run, "网页已启动");
      expect(run.stderr()).toContain("正在建立索引");
      const url = `http://127.0.0.1:${port}`;
      expect((await fetch(`${url}/api/health`)).status).toBe(200);
      expect(await (await fetch(`${url}/`)).text()).toContain('data-role="ask-form"');
      const answer = await fetch(`${url}/api/ask`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ question: "今年上半年准东开发区有多少家企业注册登记？" }),
      });
      expect((await answer.json()).short).toBe("245家");

      const signalled = Date.now();
      run.child.kill("SIGTERM");
      const code = await run.exited;
      // A behaviour requirement, not a benchmark: the process must be gone within 10 s.
      expect(Date.now() - signalled).toBeLessThan(10_000);
      expect(code).toBe(0);
      expect(run.stderr()).toContain("网页已停止");
    } finally {
      if (run.child.exitCode === null) run.child.kill("SIGKILL");
    }
  });

  it("says in one line that the port is taken, and exits non-zero", async () => {
    const taken = createServer();
    const port = await new Promise<number>((resolve) => taken.listen(0, "127.0.0.1", () => resolve((taken.address() as { port: number }).port)));
    try {
      const run = runWeb(port);
      const code = await run.exited;
      expect(code).not.toBe(0);
      const errorLines = run
        .stderr()
        .split("\n")
        .filter((l) => l.startsWith("错误："));
      expect(errorLines).toHaveLength(1);
      expect(errorLines[0]).toContain(`127.0.0.1:${port}`);
      expect(errorLines[0]).toContain("WEB_PORT");
      expect(run.stderr()).not.toMatch(/\n\s+at /);
    } finally {
      taken.close();
    }
  });
});
