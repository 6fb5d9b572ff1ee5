/**
 * npm run index              — build the index, or update it with the pages added, changed or removed
 * npm run index -- --force   — rebuild from scratch even when up to date
 * npm run index -- --watch   — then keep it updated as pages arrive, until SIGINT/SIGTERM
 */
import { configFromEnvironment, runMain } from "../src/cli/entry.js";
import { indexProgress, summary } from "../src/cli/progress.js";
import { userMessage } from "../src/errors.js";
import { openIndex, refreshIndex } from "../src/index/open-index.js";
import { watchCorpus } from "../src/index/watch-corpus.js";

runMain(async () => {
  const config = configFromEnvironment();
  let changed = false;
  const progress = indexProgress();
  const index = await openIndex(config, {
    force: process.argv.includes("--force"),
    onEvent: (event) => {
      if (event.type === "built" || event.type === "updated") changed = true;
      progress(event);
    },
  });
  if (!changed) process.stderr.write(`索引已是最新（${config.INDEX_DIR}，建于 ${index.manifest.builtAt}）\n${summary(index.manifest)}\n`);
  if (!process.argv.includes("--watch")) return;

  // The loaded index is not needed while watching: each update works on the folder.
  const watching = watchCorpus(config.CORPUS_DIR, async () => void (await refreshIndex(config, { onEvent: progress })), {
    poll: process.env.BAOKU_WATCH_POLL === "1",
    onError: (error) => process.stderr.write(`更新索引失败：${userMessage(error)}（继续监视）\n`),
  });
  // Said once changes are seen: a page written after this line is never missed.
  await watching.ready;
  process.stderr.write(`正在监视 ${config.CORPUS_DIR}：新增、修改或删除的版面会自动更新索引（Ctrl+C 停止）\n`);
  await new Promise<void>((resolve) => {
    const stop = (signal: string) => {
      process.stderr.write(`收到 ${signal}，正在停止监视……\n`);
      void watching.stop().then(resolve);
    };
    process.once("SIGINT", () => stop("SIGINT"));
    process.once("SIGTERM", () => stop("SIGTERM"));
  });
  process.stderr.write("已停止监视\n");
});
