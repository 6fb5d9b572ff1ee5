/**
 * npm run index              — build the index, or refresh it when the corpus changed
 * npm run index -- --force   — rebuild even when up to date
 */
import { configFromEnvironment, runMain } from "../src/cli/entry.js";
import { indexProgress, summary } from "../src/cli/progress.js";
import { openIndex } from "../src/index/open-index.js";

runMain(async () => {
  const config = configFromEnvironment();
  let built = false;
  const progress = indexProgress();
  const index = await openIndex(config, {
    force: process.argv.includes("--force"),
    onEvent: (event) => {
      if (event.type === "built") built = true;
      progress(event);
    },
  });
  if (!built) process.stderr.write(`索引已是最新（${config.INDEX_DIR}，建于 ${index.manifest.builtAt}）\n${summary(index.manifest)}\n`);
});
