/**
 * npm run train — fits the answer-selection model from data in the repository (the CMRC 2018
 * trial set and the project's newspaper questions) and writes src/answer/model.json.
 * Deterministic: the same data gives the same file.
 */
import { writeFile } from "node:fs/promises";
import { fileURLToPath } from "node:url";
import { MODEL_FILE, type AnswerModel, type Logistic } from "../src/answer/model.js";
import { FEATURES } from "../src/answer/features.js";
import {
  atThreshold,
  chooseThreshold,
  crossValidate,
  FOLDS,
  fitCalibrator,
  fitRanker,
  HELD_OUT_FOLD,
  rankGroup,
  scoreGroup,
  TARGET_PRECISION,
  FALLBACK_PRECISION,
  type Ranked,
} from "../src/answer/train.js";
import { configFromEnvironment, runMain } from "../src/cli/entry.js";
import { modelDigest as fileDigest } from "../src/index/model-digest.js";
import { collectTrainingData, TRAIN_BENCHMARK, TRAIN_QUESTIONS } from "../src/eval/training-data.js";

const log = (line: string) => process.stderr.write(`${line}\n`);
const pct = (x: number) => `${(x * 100).toFixed(1)}%`;

runMain(async () => {
  const started = Date.now();
  const { train, heldOut, folds } = await collectTrainingData(configFromEnvironment(), log);
  log(`候选句：${train.reduce((s, g) => s + g.features.length, 0)} 个（${train.length} 道训练题），交叉验证 ${folds.length} 折…`);

  const scored = crossValidate(train, folds);
  const threshold = chooseThreshold(scored);
  const fallbackThreshold = chooseThreshold(scored, FALLBACK_PRECISION);
  const of = (source: string) => scored.filter((s) => s.source === source);
  const cv = { benchmark: atThreshold(of("benchmark"), threshold), paper: atThreshold(of("paper"), threshold), all: atThreshold(scored, threshold) };
  const ceiling = (source: string) => {
    const gs = train.filter((g) => g.source === source && g.answerable);
    return gs.filter((g) => g.labels.some((l) => l !== 0)).length / (gs.length || 1);
  };
  log(
    `首选正确率（不拒答）：评测集 ${pct(atThreshold(of("benchmark"), 0).right)}（候选中有答案 ${pct(ceiling("benchmark"))}），` +
      `报纸 ${pct(atThreshold(of("paper"), 0).right)}（${pct(ceiling("paper"))}）`,
  );

  const ranker = fitRanker(train);
  // The calibrator is fitted on out-of-fold ranks, as it will meet unseen questions.
  const oof: Ranked[] = [];
  for (const fold of folds) {
    const r = fitRanker(train.filter((g) => g.fold !== fold));
    for (const g of train.filter((g) => g.fold === fold)) {
      const ranked = rankGroup(g, r);
      if (ranked) oof.push(ranked);
    }
  }
  const round = (x: number) => Math.round(x * 1e6) / 1e6;
  const rounded = (m: Logistic): Logistic => ({ mean: m.mean.map(round), std: m.std.map(round), weights: m.weights.map(round), bias: round(m.bias) });
  const model: AnswerModel = {
    version: 1,
    features: [...FEATURES],
    ranker: rounded(ranker.ranker),
    calibrator: rounded(fitCalibrator(oof)),
    threshold: round(threshold),
    fallbackThreshold: round(fallbackThreshold),
  };
  const held = atThreshold(
    heldOut.map((g) => scoreGroup(g, model)),
    threshold,
  );
  model.trainedOn = {
    benchmark: { file: TRAIN_BENCHMARK, sha256: await fileDigest(TRAIN_BENCHMARK), folds: FOLDS, heldOutFold: HELD_OUT_FOLD, fold: "floor(page / 10) % 5" },
    questions: TRAIN_QUESTIONS,
    targetPrecision: TARGET_PRECISION,
    fallbackPrecision: FALLBACK_PRECISION,
    crossValidated: cv,
    heldOutBenchmarkFold: held,
    licence: "CMRC 2018 trial (Cui et al., EMNLP-IJCNLP 2019), CC BY-SA 4.0",
  };
  await writeFile(MODEL_FILE, `${JSON.stringify(model, null, 1)}\n`);

  const line = (name: string, m: ReturnType<typeof atThreshold>) =>
    `  ${name.padEnd(8)} 精确率 ${pct(m.precision).padStart(6)}  正确 ${pct(m.right).padStart(6)}  覆盖 ${pct(m.coverage).padStart(6)}  不可答拒答 ${pct(m.refusedUnanswerable).padStart(6)}`;
  process.stdout.write(
    `${[
      `答案选择模型已写入 ${fileURLToPath(MODEL_FILE)}（${FEATURES.length} 个特征，阈值 ${threshold.toFixed(3)}，目标精确率 ${TARGET_PRECISION}；补充回答阈值 ${fallbackThreshold.toFixed(3)}，精确率 ${FALLBACK_PRECISION}）`,
      `交叉验证（${folds.length} 折，按段落分折）：`,
      line("评测集", cv.benchmark),
      line("报纸问题", cv.paper),
      line("合计", cv.all),
      `留出的评测集第 ${HELD_OUT_FOLD} 折（从未训练）：`,
      line("评测集", held),
      `用时 ${((Date.now() - started) / 1000).toFixed(1)} 秒`,
    ].join("\n")}\n`,
  );
});
