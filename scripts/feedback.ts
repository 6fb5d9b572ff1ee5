/**
 * npm run feedback            — summary of 👍/👎 votes for a person
 * npm run --silent feedback -- --json   — the same as one JSON object
 * Reads the feedback file next to the index folder (data/feedback.jsonl by default).
 */
import { feedbackFileFor, readFeedback } from "../src/bot/feedback-store.js";
import { renderFeedbackSummary, summarizeFeedback } from "../src/bot/feedback-summary.js";
import { configFromEnvironment, runMain } from "../src/cli/entry.js";

runMain(async () => {
  const json = process.argv.includes("--json");
  const config = configFromEnvironment();
  const file = feedbackFileFor(config.INDEX_DIR);
  const { records, damaged } = await readFeedback(file);
  const summary = summarizeFeedback(records);
  process.stdout.write(`${json ? JSON.stringify({ file, damaged, ...summary }) : renderFeedbackSummary(summary, file, damaged)}\n`);
});
