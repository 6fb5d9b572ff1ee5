/**
 * npm run index              — build the index, or update it with the pages added, changed or removed
 * npm run index -- --force   — rebuild from scratch even when up to date
 */
import { configFromEnvironment, runMain } from "../src/cli/entry.js";
import { indexProgress, summary } from "../src/cli/progress.js";
import { openIndex } from "../src/index/open-index.js";

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
});
