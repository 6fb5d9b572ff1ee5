/**
 * `npm run bench -- --json` on a tiny synthetic archive: the JSON keeps its fields and reports
 * the update — one day's 16 pages added to the index — beside the full build.
 */
import { describe, expect, it } from "vitest";
import { WARM_UP_QUESTIONS, WARM_UP_ROUNDS } from "../../src/answer/warm-up.js";
import { runScript } from "./run.js";

describe("npm run bench -- --json", () => {
  it("reports update.seconds and update.addedChunks beside indexSeconds", async () => {
    const run = await runScript("bench.ts", ["--json", "--size", "400", "--runs", "500", "--no-memory-baseline"], {
      env: { CORPUS_DIR: "corpus", LOG_LEVEL: "silent", EMBEDDINGS: "local", LLM: "none" },
    });
    expect(run.code).toBe(0);
    const lines = run.stdout.trim().split("\n");
    expect(lines).toHaveLength(1);
    const report = JSON.parse(lines[0]!);
    expect(report).toMatchObject({ size: 400, dims: 384, query: { p50Ms: expect.any(Number) }, accuracy: expect.any(Number) });
    expect(report.chunks).toBeGreaterThanOrEqual(400);
    expect(report.indexSeconds).toBeGreaterThan(0);
    expect(report.update.seconds).toBeGreaterThan(0);
    expect(report.update.pages).toBe(16);
    expect(report.update.addedChunks).toBeGreaterThan(16);
    expect(report.update.accuracy).toBeGreaterThan(0.5);
    // Warmed up as the bot and the web server are at start.
    expect(report.warmUp).toEqual({ answers: WARM_UP_QUESTIONS.length * WARM_UP_ROUNDS, seconds: expect.any(Number) });
    expect(run.stderr).toContain(`增量更新：16 个新版面，${report.update.addedChunks} 个段落`);
  }, 300_000);
});
