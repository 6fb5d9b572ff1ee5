/**
 * npm run ask -- "问题"                      — the answer and its citations, for a person
 * npm run --silent ask -- --json "问题"       — exactly one JSON object on stdout
 * npm run --silent ask -- --json < file      — one question per line in, one JSON object per line out
 */
import { createInterface } from "node:readline";
import { createApp } from "../src/app.js";
import { configFromEnvironment, runMain } from "../src/cli/entry.js";
import { indexProgress } from "../src/cli/progress.js";
import { renderAnswer } from "../src/cli/render.js";

runMain(async () => {
  const args = process.argv.slice(2);
  const json = args.includes("--json");
  const question = args
    .filter((a) => a !== "--json")
    .join(" ")
    .trim();
  const config = configFromEnvironment();
  const app = await createApp(config, { onIndexEvent: indexProgress() });
  const print = (result: Awaited<ReturnType<typeof app.answerer.answer>>) =>
    process.stdout.write(`${json ? JSON.stringify(result) : renderAnswer(result, { bold: process.stdout.isTTY })}\n`);

  if (question) {
    print(await app.answerer.answer(question));
    return;
  }
  if (process.stdin.isTTY) {
    process.stderr.write('用法：npm run ask -- "问题"（或 --json；不带问题时从标准输入逐行读取）\n');
    process.exitCode = 2;
    return;
  }
  // Batch: one question per line, answers in the same order, one process. Every line gets its
  // line out — a blank one the answerer's "empty" refusal — so output line N answers input line N.
  for await (const line of createInterface({ input: process.stdin, crlfDelay: Infinity })) {
    print(await app.answerer.answer(line));
  }
});
