/**
 * npm run bench -- [--size N] [--json] [--seed S] [--runs R] [--no-memory-baseline] [--no-warm-up]
 *
 * A synthetic archive of about N chunks generated from the real pages (which stay inside it),
 * indexed like the real one (in a child process, as `npm run index` would); then full
 * in-process answers timed over R question runs (≥ 500, shaped like the project's question
 * set), accuracy on that set, peak RSS of each phase, and the same runs against baselines
 * (LangChain MemoryVectorStore brute force; BM25 only). Last, one day's 16 new pages are added
 * to the N-chunk index as `npm run index` would (an update, in a child process), timed, and the
 * answers timed again on the updated index. The answerer is warmed up first as the bot and the
 * web server are at start (src/answer/warm-up.ts; `warmUp` in the JSON), unless --no-warm-up.
 */
import { spawn } from "node:child_process";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { performance } from "node:perf_hooks";
import { createAnswerer, type Answerer } from "../src/answer/answerer.js";
import { warmUp } from "../src/answer/warm-up.js";
import { memoryVectorStoreRetriever } from "../src/bench/memory-baseline.js";
import { syntheticArticles } from "../src/bench/synthetic.js";
import { chunkArticle } from "../src/chunk/chunk-article.js";
import { configFromEnvironment, runMain } from "../src/cli/entry.js";
import { LocalEmbeddings } from "../src/embed/local-embeddings.js";
import { DEFAULT_QUESTIONS, readQuestions, type EvalQuestion } from "../src/eval/questions.js";
import { judgeAnswer } from "../src/eval/score-answers.js";
import { buildIndex } from "../src/index/build-index.js";
import { loadIndex, readEmbeddingStats } from "../src/index/load-index.js";
import { updateIndex } from "../src/index/update-index.js";
import { loadCorpus, type LoadedCorpus } from "../src/ingest/load-corpus.js";
import type { Article } from "../src/ingest/types.js";
import { archiveOf } from "../src/retrieve/archive.js";
import { createRetriever, type Retriever } from "../src/retrieve/retriever.js";
import { defaultTokenizer } from "../src/text/tokenize.js";

function option(name: string, fallback: number): number {
  const i = process.argv.indexOf(name);
  return i >= 0 ? Number(process.argv[i + 1]) : fallback;
}

const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
const rssMB = () => process.resourceUsage().maxRSS / 1024;
const log = (json: boolean, line: string) => (json ? process.stderr : process.stdout).write(`${line}\n`);

/** Times `runs` answers cycling through the questions, and scores one pass over them. */
async function measure(answerer: Answerer, questions: EvalQuestion[], runs: number) {
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const q = questions[i % questions.length]!;
    const t = performance.now();
    await answerer.answer(q.question);
    times.push(performance.now() - t);
  }
  times.sort((a, b) => a - b);
  const answerable = questions.filter((q) => q.answerable);
  let right = 0;
  for (const q of answerable) if (judgeAnswer(q, await answerer.answer(q.question)).ok) right++;
  return {
    p50Ms: +percentile(times, 50).toFixed(2),
    p95Ms: +percentile(times, 95).toFixed(2),
    p99Ms: +percentile(times, 99).toFixed(2),
    accuracy: +(right / answerable.length).toFixed(4),
  };
}

/** Generates the synthetic archive and builds its index into `indexDir` (the child process). */
async function buildPhase(indexDir: string, size: number, seed: number, json: boolean) {
  const config = configFromEnvironment();
  const chunking = { size: config.CHUNK_SIZE, overlap: config.CHUNK_OVERLAP };
  const real = await loadCorpus(config.CORPUS_DIR);
  const articles: Article[] = [...real.articles];
  let chunks = articles.reduce((n, a, i) => n + chunkArticle(a, String(i), chunking).length, 0);
  for (const a of syntheticArticles(real.articles, { seed })) {
    if (chunks >= size) break;
    articles.push(a);
    chunks += chunkArticle(a, "x", chunking).length;
  }
  // Pages carry only metadata (not the articles, whose bodies buildIndex lets go once chunked).
  const metaOf = (a: Article) => ({ paper: a.paper, date: a.date, dateInferred: a.dateInferred, issue: a.issue, page: a.page });
  const pages = [...real.pages, ...articles.slice(real.articles.length).map((a) => ({ source: a.source, meta: metaOf(a), articles: 1, sha256: "" }))];
  const count = articles.length;
  const corpus: LoadedCorpus = { ...real, articles: articles.splice(0), pages };
  log(json, `合成档案：${count} 篇文章，约 ${chunks} 个段落（真实版面 ${real.pages.length} 个在其中）`);
  const tokenizer = defaultTokenizer(real.userWords);
  const started = performance.now();
  const manifest = await buildIndex(indexDir, {
    corpus,
    embeddings: new LocalEmbeddings(tokenizer),
    embeddingsKind: { kind: "local", model: null },
    tokenizer,
    chunking,
    fingerprint: `bench-${size}-${seed}`,
    releaseArticles: true,
  });
  const indexSeconds = (performance.now() - started) / 1000;
  return { chunks: manifest.counts.chunks, dims: manifest.embeddings.dimensions, indexSeconds, rssMB: Math.round(rssMB()) };
}

/** Pages a day adds, and articles on each (the seed pages hold 5–6). */
const DAY_PAGES = 16;
const ARTICLES_PER_PAGE = 6;

/**
 * Adds one day's pages (new synthetic articles, another seed) to the index in `indexDir` with
 * `updateIndex`, as `npm run index` does after a day's pages arrive; timed from reading the
 * index's embedding statistics to the committed segment list.
 */
async function updatePhase(indexDir: string, seed: number) {
  const config = configFromEnvironment();
  const chunking = { size: config.CHUNK_SIZE, overlap: config.CHUNK_OVERLAP };
  const real = await loadCorpus(config.CORPUS_DIR);
  const articles: Article[] = [];
  for (const a of syntheticArticles(real.articles, { seed: seed + 1 })) {
    if (articles.length >= DAY_PAGES * ARTICLES_PER_PAGE) break;
    const page = Math.floor(articles.length / ARTICLES_PER_PAGE) + 1;
    articles.push({ ...a, source: `bench-update/${String(page).padStart(2, "0")}版.txt`, page });
  }
  const pages = Array.from({ length: DAY_PAGES }, (_, i) => {
    const first = articles[i * ARTICLES_PER_PAGE]!;
    return {
      source: first.source,
      meta: { paper: first.paper, date: first.date, dateInferred: first.dateInferred, issue: first.issue, page: first.page },
      articles: ARTICLES_PER_PAGE,
      sha256: `bench-update-${i}`,
    };
  });
  const tokenizer = defaultTokenizer(real.userWords);
  const started = performance.now();
  const embeddings = new LocalEmbeddings(tokenizer, await readEmbeddingStats(indexDir));
  const result = await updateIndex(indexDir, {
    corpus: { ...real, articles, pages, skipped: [] },
    removed: [],
    embeddings,
    embeddingsKind: { kind: "local", model: null },
    tokenizer,
    chunking,
    settings: "",
    fingerprintOf: (all) => `bench-update-${all.length}`,
  });
  return { seconds: (performance.now() - started) / 1000, addedChunks: result.addedChunks, pages: result.added };
}

/** Runs the build phase in a child process, so that each phase's peak memory is its own. */
function buildInChild(indexDir: string, size: number, seed: number, json: boolean): Promise<Awaited<ReturnType<typeof buildPhase>>> {
  return inChild("--build-only", indexDir, size, seed, json);
}

/** Runs `phase` of this script in a child process and returns the JSON of its last stdout line. */
function inChild<T>(phase: string, indexDir: string, size: number, seed: number, json: boolean): Promise<T> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [...process.execArgv, process.argv[1]!, phase, indexDir, "--size", String(size), "--seed", String(seed)], {
      stdio: ["ignore", "pipe", "inherit"],
    });
    let out = "";
    child.stdout.on("data", (d: Buffer) => (out += d.toString()));
    child.on("error", reject);
    child.on("exit", (code) => {
      const last = out.trim().split("\n").pop() ?? "";
      if (code !== 0) return reject(new Error(`${phase} process exited with ${code}`));
      for (const line of out.trim().split("\n").slice(0, -1)) log(json, line);
      resolve(JSON.parse(last));
    });
  });
}

runMain(async () => {
  const json = process.argv.includes("--json");
  const size = option("--size", 10_000);
  const runs = Math.max(500, option("--runs", 520));
  const seed = option("--seed", 20251223);
  const buildOnly = process.argv.indexOf("--build-only");
  if (buildOnly >= 0) {
    const result = await buildPhase(process.argv[buildOnly + 1]!, size, seed, false);
    process.stdout.write(`${JSON.stringify(result)}\n`);
    return;
  }
  const updateOnly = process.argv.indexOf("--update-only");
  if (updateOnly >= 0) {
    process.stdout.write(`${JSON.stringify(await updatePhase(process.argv[updateOnly + 1]!, seed))}\n`);
    return;
  }
  const config = configFromEnvironment();
  const questions = await readQuestions(DEFAULT_QUESTIONS);
  const dir = await mkdtemp(join(tmpdir(), "baoku-bench-"));
  const indexDir = join(dir, "index");
  try {
    const built = await buildInChild(indexDir, size, seed, json);
    log(json, `建索引：${built.indexSeconds.toFixed(1)} 秒，${(built.chunks / built.indexSeconds).toFixed(0)} 段/秒，峰值内存 ${built.rssMB} MB`);
    const real = await loadCorpus(config.CORPUS_DIR);
    const tokenizer = defaultTokenizer(real.userWords);
    const loaded = await loadIndex(indexDir, new LocalEmbeddings(tokenizer, await readEmbeddingStats(indexDir)), tokenizer);
    const archive = archiveOf(loaded);
    const answererOn = (retriever: Retriever) => createAnswerer({ retriever, archive });
    const answerer = answererOn(createRetriever(loaded));
    const noWarmUp = process.argv.includes("--no-warm-up");
    // As `npm run bot` and `npm run web` do before their first question (src/answer/warm-up.ts).
    const warm = noWarmUp ? null : await warmUp(answerer);
    if (warm) log(json, `预热：${warm.answers} 次回答，${warm.seconds.toFixed(1)} 秒`);
    const ours = await measure(answerer, questions, runs);
    log(json, `报库：p50 ${ours.p50Ms} ms，p95 ${ours.p95Ms} ms，p99 ${ours.p99Ms} ms，正确率 ${(ours.accuracy * 100).toFixed(1)}%`);
    const queryRss = Math.round(rssMB());

    const baselines: Array<{ name: string; p50Ms: number; p95Ms: number; accuracy: number }> = [];
    const hybrid = createRetriever(loaded);
    const lexicalOnly: Retriever = { search: (q, o) => hybrid.search(q, { ...o, fusion: "lexical" }) };
    const lex = await measure(answererOn(lexicalOnly), questions, runs);
    baselines.push({ name: "lexical-bm25-only", p50Ms: lex.p50Ms, p95Ms: lex.p95Ms, accuracy: lex.accuracy });
    log(json, `仅 BM25：p50 ${lex.p50Ms} ms，p95 ${lex.p95Ms} ms，正确率 ${(lex.accuracy * 100).toFixed(1)}%`);
    if (!process.argv.includes("--no-memory-baseline")) {
      const memory = await measure(answererOn(await memoryVectorStoreRetriever(loaded)), questions, runs);
      baselines.push({ name: "langchain-memory-vectorstore", p50Ms: memory.p50Ms, p95Ms: memory.p95Ms, accuracy: memory.accuracy });
      log(json, `MemoryVectorStore：p50 ${memory.p50Ms} ms，p95 ${memory.p95Ms} ms，正确率 ${(memory.accuracy * 100).toFixed(1)}%`);
    }

    const update = await inChild<Awaited<ReturnType<typeof updatePhase>>>("--update-only", indexDir, size, seed, json);
    log(
      json,
      `增量更新：${update.pages} 个新版面，${update.addedChunks} 个段落，${update.seconds.toFixed(2)} 秒（全量建索引 ${built.indexSeconds.toFixed(1)} 秒的 ${((100 * update.seconds) / built.indexSeconds).toFixed(1)}%）`,
    );
    const updated = await loadIndex(indexDir, new LocalEmbeddings(tokenizer, await readEmbeddingStats(indexDir)), tokenizer);
    const afterUpdate = await measure(createAnswerer({ retriever: createRetriever(updated), archive: archiveOf(updated) }), questions, runs);
    log(
      json,
      `更新后（${updated.segments.length} 个分段）：p50 ${afterUpdate.p50Ms} ms，p95 ${afterUpdate.p95Ms} ms，正确率 ${(afterUpdate.accuracy * 100).toFixed(1)}%`,
    );

    const report = {
      size,
      chunks: built.chunks,
      dims: built.dims,
      indexSeconds: +built.indexSeconds.toFixed(2),
      chunksPerSecond: Math.round(built.chunks / built.indexSeconds),
      rssMB: queryRss,
      buildRssMB: built.rssMB,
      query: { p50Ms: ours.p50Ms, p95Ms: ours.p95Ms, p99Ms: ours.p99Ms },
      warmUp: warm ? { answers: warm.answers, seconds: +warm.seconds.toFixed(2) } : null,
      accuracy: ours.accuracy,
      baselines,
      update: {
        seconds: +update.seconds.toFixed(3),
        addedChunks: update.addedChunks,
        pages: update.pages,
        shareOfBuild: +(update.seconds / built.indexSeconds).toFixed(4),
        query: { p50Ms: afterUpdate.p50Ms, p95Ms: afterUpdate.p95Ms, p99Ms: afterUpdate.p99Ms },
        accuracy: afterUpdate.accuracy,
      },
    };
    if (json) process.stdout.write(`${JSON.stringify(report)}\n`);
    else log(json, `查询阶段峰值内存 ${report.rssMB} MB（建索引进程 ${built.rssMB} MB）`);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});
