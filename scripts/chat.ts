/**
 * npm run chat — a console conversation: follow-ups work, /sources shows the last answer's
 * quoted passages, /help, /quit.
 */
import { createInterface } from "node:readline/promises";
import { createApp } from "../src/app.js";
import type { Conversation } from "../src/answer/types.js";
import { formatDate } from "../src/answer/citation.js";
import { configFromEnvironment, runMain } from "../src/cli/entry.js";
import { indexProgress } from "../src/cli/progress.js";
import { renderAnswer, renderSources } from "../src/cli/render.js";

const HELP = `直接输入问题，回车提问。可以追问，例如“那木垒县呢？”“这是哪天的报道？”“原文怎么说？”。
  /sources  上一个回答引用的原文和完整出处
  /help     显示本帮助
  /quit     退出（也可按 Ctrl+D）`;

runMain(async () => {
  const config = configFromEnvironment();
  const app = await createApp(config, { onIndexEvent: indexProgress() });
  const { coverage } = app.archive;
  // An index updated meanwhile (`npm run index`, or its --watch) is swapped in between questions.
  const stopWatching = app.watchIndex({
    onSwap: (m) => process.stderr.write(`\n（索引已更新：${m.counts.pages} 个版面，${m.counts.articles} 篇文章）\n`),
  });
  const conversation: Conversation = { turns: [] };
  const rl = createInterface({ input: process.stdin, output: process.stdout, terminal: process.stdin.isTTY });
  process.stdout.write(
    `报库：已收录${coverage.papers.map((p) => `《${p}》`).join("") || "报纸"} ${coverage.articles} 篇报道（${formatDate(coverage.from, false)}—${formatDate(coverage.to, false)}）。\n${HELP}\n`,
  );
  rl.setPrompt("\n问> ");
  rl.prompt();
  for await (const line of rl) {
    const text = line.trim();
    if (text === "/quit" || text === "/exit") break;
    if (text === "/help") process.stdout.write(`${HELP}\n`);
    else if (text === "/sources") process.stdout.write(`${renderSources(conversation.turns.at(-1)?.result)}\n`);
    else if (text) process.stdout.write(`${renderAnswer(await app.answerer.answer(text, conversation), { bold: process.stdout.isTTY })}\n`);
    rl.prompt();
  }
  rl.close();
  stopWatching();
});
