/**
 * npm run eval                          — score the project's question set
 * npm run eval -- --questions FILE      — another JSON Lines question file
 * npm run eval -- --json                — one JSON object on stdout
 * npm run eval -- --benchmark FILE      — a SQuAD-style reading-comprehension set loaded as an archive
 */
import { configFromEnvironment, runMain } from "../src/cli/entry.js";
import { indexProgress } from "../src/cli/progress.js";
import { createBaseline } from "../src/eval/baseline.js";
import { containsAnyExpected, dateMatches, DEFAULT_QUESTIONS, rankMetrics, readQuestions, type EvalQuestion, type RankMetrics } from "../src/eval/questions.js";
import { loadCorpus, scanCorpus } from "../src/ingest/load-corpus.js";
import { createApp } from "../src/app.js";
import { answerMetrics, judgeAnswer, type AnswerVerdict } from "../src/eval/score-answers.js";
import type { Fusion } from "../src/retrieve/retriever.js";
import { defaultTokenizer } from "../src/text/tokenize.js";
import { renderBenchmark, runBenchmark } from "../src/eval/run-benchmark.js";

const K = 10;

function option(name: string): string | undefined {
  const i = process.argv.indexOf(name);
  return i >= 0 ? process.argv[i + 1] : undefined;
}

type Hit = { text: string; date: string | null };
const rankOf = (hits: readonly Hit[], q: EvalQuestion) => {
  const i = hits.findIndex((h) => dateMatches(h.date, q) && containsAnyExpected(h.text, q));
  return i < 0 ? null : i + 1;
};

runMain(async () => {
  const json = process.argv.includes("--json");
  const config = configFromEnvironment();
  const benchmark = option("--benchmark");
  if (benchmark) {
    const report = await runBenchmark(benchmark, config, json ? () => {} : (line) => process.stderr.write(`${line}\n`));
    process.stdout.write(`${json ? JSON.stringify(report) : renderBenchmark(report)}\n`);
    return;
  }
  const questions = await readQuestions(option("--questions") ?? DEFAULT_QUESTIONS);
  const answerable = questions.filter((q) => q.answerable);
  const { index, retriever, answerer } = await createApp(config, { onIndexEvent: json ? () => {} : indexProgress() });

  const retrieval: Record<string, RankMetrics> = {};
  const misses: Record<string, string[]> = {};
  for (const fusion of ["rrf", "weighted", "lexical", "vector"] as Fusion[]) {
    const ranks: Array<number | null> = [];
    for (const q of answerable) {
      const results = await retriever.search(q.question, { k: K, fusion });
      const rank = rankOf(
        results.map((r) => ({ text: r.chunk.text, date: r.article.date })),
        q,
      );
      ranks.push(rank);
      if (fusion === "rrf" && (rank === null || rank > 1)) (misses[fusion] ??= []).push(`${q.id} rank=${rank ?? "-"} ${q.question}`);
    }
    retrieval[`baoku-${fusion}`] = rankMetrics(ranks);
  }

  const corpus = await loadCorpus(config.CORPUS_DIR);
  const files = new Map((await scanCorpus(config.CORPUS_DIR)).map((f) => [f.source, f.path]));
  const baseline = await createBaseline(corpus.pages, files, defaultTokenizer(corpus.userWords));
  const baseRanks: Array<number | null> = [];
  for (const q of answerable) baseRanks.push(rankOf(await baseline.search(q.question, K), q));
  retrieval["langchain-plain"] = rankMetrics(baseRanks);

  const verdicts: AnswerVerdict[] = [];
  const answerLines: string[] = [];
  for (const q of questions) {
    const result = await answerer.answer(q.question);
    const v = judgeAnswer(q, result);
    verdicts.push(v);
    if (!v.ok || v.invented.length)
      answerLines.push(`  ${q.id} ${v.why}${v.invented.length ? ` 数字无出处:${v.invented.join(",")}` : ""} | ${q.question} → ${result.answer.slice(0, 70)}`);
  }
  const answers = answerMetrics(questions, verdicts);

  const report = {
    questions: questions.length,
    answerable: answerable.length,
    chunks: { baoku: index.manifest.counts.chunks, "langchain-plain": baseline.chunks },
    retrieval,
    answers,
  };
  if (json) {
    process.stdout.write(`${JSON.stringify(report)}\n`);
    return;
  }
  const pct = (x: number) => `${(x * 100).toFixed(1)}%`.padStart(7);
  const lines = [`检索评测：${answerable.length} 道可回答的问题（共 ${questions.length} 道），取前 ${K} 段`, `${"方法".padEnd(22)}  hit@1   hit@5     MRR`];
  for (const [name, m] of Object.entries(retrieval)) lines.push(`${name.padEnd(24)}${pct(m.hitAt1)} ${pct(m.hitAt5)} ${m.mrr.toFixed(3).padStart(7)}`);
  if (misses.rrf?.length) lines.push("", "baoku-rrf 未排第一的问题：", ...misses.rrf.map((m) => `  ${m}`));
  lines.push(
    "",
    `回答评测：答案正确率 ${pct(answers.answerAccuracy)}（${answers.answerable} 道可回答），拒答正确率 ${pct(answers.refusalAccuracy)}（${answers.unanswerable} 道不可回答），数字无出处的回答 ${answers.inventedNumberAnswers} 个`,
    `精确答案（short）含预期数字：${pct(answers.shortFigures.rate)}（${answers.shortFigures.of} 个答对的数字题）`,
    `列出多篇报道不同答案的回答：${answers.listed} 个（按第一篇评分）`,
  );
  if (answerLines.length) lines.push("未通过的回答：", ...answerLines);
  process.stdout.write(`${lines.join("\n")}\n`);
});
