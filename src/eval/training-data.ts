import { createApp, type App } from "../app.js";
import type { Config } from "../config.js";
import { createLearnedAnswerer } from "../answer/learned-answerer.js";
import { benchmarkGroups, HELD_OUT_FOLD, paperGroups, untrainedModel, type Group } from "../answer/train.js";
import { openBenchmark } from "./benchmark.js";
import { readQuestions } from "./questions.js";

/** The data `npm run train` learns from, all in the repository. */
export const TRAIN_BENCHMARK = "test/benchmarks/cmrc2018_trial.json";
export const TRAIN_QUESTIONS = ["test/eval/questions.jsonl", "test/eval/more-questions.jsonl"];

export interface TrainingData {
  /** Groups trained on: the benchmark's training folds and every newspaper question. */
  train: Group[];
  /** The benchmark's held-out fold, never trained on. */
  heldOut: Group[];
  /** The training folds. */
  folds: number[];
}

/**
 * Labelled candidates of the training data: the benchmark read as an archive, and the project's
 * newspaper questions over the corpus of `config`. Newspaper questions take the training folds.
 */
export async function collectTrainingData(config: Config, log: (line: string) => void = () => {}): Promise<TrainingData> {
  const model = untrainedModel();
  log(`读取评测集 ${TRAIN_BENCHMARK} 并建立临时索引…`);
  const bench = await openBenchmark(TRAIN_BENCHMARK, { model });
  const learned = (app: { retriever: App["retriever"]; archive: App["archive"] }) =>
    createLearnedAnswerer({ retriever: app.retriever, archive: app.archive, model });
  const benchGroups = await benchmarkGroups(bench.benchmark, learned(bench.app)).finally(() => bench.close());
  log(`读取报纸问题 ${TRAIN_QUESTIONS.join("、")}…`);
  const paper = await createApp(config, { model });
  const questions = (await Promise.all(TRAIN_QUESTIONS.map(readQuestions))).flat();
  const paperSet = await paperGroups(questions, learned(paper));
  for (const [i, g] of paperSet.entries()) g.fold = i % HELD_OUT_FOLD;
  return {
    train: [...benchGroups.filter((g) => g.fold !== HELD_OUT_FOLD), ...paperSet],
    heldOut: benchGroups.filter((g) => g.fold === HELD_OUT_FOLD),
    folds: Array.from({ length: HELD_OUT_FOLD }, (_, f) => f),
  };
}
