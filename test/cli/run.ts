import { spawn } from "node:child_process";
import { resolve } from "node:path";

export interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

/**
 * Runs `tsx scripts/<script>` as a child process, as `npx tsx scripts/ask.ts …` would (the local
 * tsx, without npm around it, so npm's own notices do not mix into stderr). The environment is
 * only what is given (plus PATH/HOME): no key of the developer's shell leaks in.
 */
export function runScript(script: string, args: string[], options: { env: Record<string, string>; input?: string }): Promise<Run> {
  const tsx = resolve("node_modules/tsx/dist/cli.mjs");
  const child = spawn(process.execPath, [tsx, resolve("scripts", script), ...args], {
    cwd: process.cwd(),
    env: { PATH: process.env.PATH ?? "", HOME: process.env.HOME ?? "", ...options.env },
    stdio: ["pipe", "pipe", "pipe"],
  });
  let stdout = "";
  let stderr = "";
  child.stdout.setEncoding("utf8").on("data", (d: string) => (stdout += d));
  child.stderr.setEncoding("utf8").on("data", (d: string) => (stderr += d));
  child.stdin.end(options.input ?? "");
  return new Promise((done, fail) => {
    child.on("error", fail);
    child.on("close", (code) => done({ code, stdout, stderr }));
  });
}

/** The environment of a working setup on a temp copy of the corpus, offline and quiet. */
export function appEnv(config: { CORPUS_DIR: string; INDEX_DIR: string }): Record<string, string> {
  return { CORPUS_DIR: config.CORPUS_DIR, INDEX_DIR: config.INDEX_DIR, LOG_LEVEL: "silent", EMBEDDINGS: "local", LLM: "none" };
}
