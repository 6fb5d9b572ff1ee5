import { LISTED } from "../answer/ambiguity.js";
import { createAnswerer } from "../answer/answerer.js";
import { createLearnedAnswerer } from "../answer/learned-answerer.js";
import { defaultModel, type AnswerModel } from "../answer/model.js";
import { benchmarkFold, foldModel, HELD_OUT_FOLD } from "../answer/train.js";
import { modelDigest as fileDigest } from "../index/model-digest.js";
import type { Config } from "../config.js";
import { openBenchmark } from "./benchmark.js";
import { benchmarkAnswer, naiveBaseline, scoreBenchmark, type BenchmarkAnswer, type BenchmarkFigures } from "./benchmark-score.js";
import { collectTrainingData } from "./training-data.js";

export interface BenchmarkReport {
  file: string;
  pages: number;
  questions: number;
  skipped: number;
  /** How Baoku's answers were scored: by cross-validation fold models, or by the committed model. */
  scoring: "cross-validated" | "committed-model";
  threshold: number;
  /** The default answerer (support checks; `confidence` reported, refusing below ANSWER_MIN_CONFIDENCE). */
  baoku: BenchmarkFigures;
  /** The learned answer selection: candidates ranked and refused by the model alone (not yet the default). */
  learned: BenchmarkFigures;
  baseline: BenchmarkFigures;
  /** The benchmark's held-out fold alone (when cross-validated): never trained on. */
  heldOut: BenchmarkFigures | null;
  /** The default answerer's answers that listed several reports' different answers. */
  ambiguousAnswers: number;
}

/**
 * Scores Baoku and the naive baseline on a SQuAD-style benchmark loaded as an archive. When the
 * benchmark is the one the committed model was trained on (same file hash), every question is
 * answered by a model fitted without its paragraph's fold, the held-out fold by the committed
 * model. Two things still see every training fold: the thresholds (chosen on cross-validation
 * over all of them) and the candidates training draws from the whole archive, where held-out
 * pages' sentences appear as wrong answers. The held-out column is the cleanest figure.
 */
export async function runBenchmark(file: string, config: Config, log: (line: string) => void = () => {}): Promise<BenchmarkReport> {
  const committed = defaultModel();
  const trained = (committed.trainedOn?.benchmark as { sha256?: string } | undefined)?.sha256;
  const crossValidated = trained === (await fileDigest(file));
  const models = new Map<number, AnswerModel>();
  if (crossValidated) {
    log("该评测集是模型的训练数据：按折重新训练，每道题由没见过其段落的模型回答…");
    const { train, folds } = await collectTrainingData(config, log);
    for (const fold of folds) models.set(fold, foldModel(train, folds, fold, committed.threshold, committed.fallbackThreshold));
  }
  log(`读取评测集 ${file} 并建立临时索引…`);
  const bench = await openBenchmark(file);
  try {
    const { benchmark, app } = bench;
    const answerers = new Map<number, { learned: ReturnType<typeof createLearnedAnswerer>; default: ReturnType<typeof createAnswerer> }>();
    const answererFor = (page: number) => {
      const fold = crossValidated ? benchmarkFold(page) : HELD_OUT_FOLD;
      let a = answerers.get(fold);
      if (!a) {
        const model = models.get(fold) ?? committed;
        const deps = { retriever: app.retriever, archive: app.archive, model };
        // The learned selection at confidence 0: every best passage is given with its
        // confidence, and the threshold is applied in scoring (for the risk–coverage table).
        a = {
          learned: createLearnedAnswerer({ ...deps, minConfidence: 0 }),
          default: createAnswerer({ ...deps, minConfidence: config.ANSWER_MIN_CONFIDENCE }),
        };
        answerers.set(fold, a);
      }
      return a;
    };
    const answers: BenchmarkAnswer[] = [];
    const defaults: BenchmarkAnswer[] = [];
    let ambiguous = 0;
    for (const [i, q] of benchmark.questions.entries()) {
      const result = await answererFor(q.page).learned.answer(q.question);
      answers.push(benchmarkAnswer(q, result));
      const given = await answererFor(q.page).default.answer(q.question);
      if (given.answered && LISTED.test(given.answer)) ambiguous++;
      defaults.push(benchmarkAnswer(q, given));
      if ((i + 1) % 200 === 0) log(`已回答 ${i + 1}/${benchmark.questions.length}`);
    }
    const baseline = naiveBaseline(benchmark);
    const threshold = committed.threshold;
    const heldOut = answers.filter((a) => benchmarkFold(a.question.page) === HELD_OUT_FOLD);
    return {
      file,
      pages: benchmark.pages.length,
      questions: benchmark.questions.length,
      skipped: benchmark.skipped,
      scoring: crossValidated ? "cross-validated" : "committed-model",
      threshold,
      baoku: scoreBenchmark(defaults, config.ANSWER_MIN_CONFIDENCE),
      learned: scoreBenchmark(answers, threshold),
      baseline: scoreBenchmark(benchmark.questions.map(baseline), 0),
      heldOut: crossValidated ? scoreBenchmark(heldOut, threshold) : null,
      ambiguousAnswers: ambiguous,
    };
  } finally {
    await bench.close();
  }
}

/** The report as a table for people. */
export function renderBenchmark(r: BenchmarkReport): string {
  const pct = (x: number | null) => (x === null ? "     -" : `${(x * 100).toFixed(1)}%`.padStart(6));
  const columns: Array<[string, BenchmarkFigures]> = [
    ["报库", r.baoku],
    ["学习模型", r.learned],
    ["朴素基线", r.baseline],
  ];
  if (r.heldOut) columns.push(["模型·留出折", r.heldOut]);
  const row = (name: string, f: (x: BenchmarkFigures) => number | null) => `${name.padEnd(20)}${columns.map(([, x]) => pct(f(x)).padStart(12)).join("")}`;
  return [
    `评测集 ${r.file}：${r.pages} 个段落（每 10 个留出 1 个），${r.questions} 道题（跳过 ${r.skipped} 道是非题或空题）`,
    `报库 = 默认回答（支持度检查）；学习模型 = 只由模型选句、按置信度拒答（${r.scoring === "cross-validated" ? "交叉验证：每道题由没见过其段落的模型回答" : "已提交的模型"}，阈值 ${r.threshold.toFixed(3)}）`,
    `${"".padEnd(20)}${columns.map(([n]) => n.padStart(12 - (n.length > 4 ? 3 : 2))).join("")}`,
    row("正确 right", (x) => x.right),
    row("错误 wrong", (x) => x.wrong),
    row("拒答 refused", (x) => x.refused),
    row("精确率 precision", (x) => x.precision),
    row("引用@1 citation@1", (x) => x.citationAt1),
    row("留出段落拒答率", (x) => x.refusedLeftOut),
    row("不可答题拒答率", (x) => (x.impossibleQuestions ? x.refusedImpossible : null)),
    ...[0, 1, 2].map((i) => row(`覆盖 ${[50, 70, 90][i]}% 时精确率`, (x) => x.riskCoverage[i]!.precision)),
    `报库列出多篇报道不同答案的回答：${r.ambiguousAnswers} 个（按第一篇评分）`,
  ].join("\n");
}
