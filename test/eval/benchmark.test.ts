import { mkdtemp, readdir, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { BENCHMARK_PAPER, cleanGold, holdsGold, pageFile, readBenchmark, writeBenchmarkCorpus, type Benchmark } from "../../src/eval/benchmark.js";
import { parseFrontMatter } from "../../src/ingest/front-matter.js";

describe("cleanGold", () => {
  it.each([
    ["245家。", "245家"],
    ["  90万元 ", "90万元"],
    ["6月30日，", "6月30日"],
    ["“数据跑”", "数据跑"],
    ["《昌吉日报》", "昌吉日报"],
    ["（准东开发区）", "准东开发区"],
    ["110.93%。", "110.93%"], // the decimal point inside stays
    ["21.93万户", "21.93万户"],
    ["石忠源、张建国", "石忠源、张建国"], // inner punctuation stays
    ["营商环境“软实力”的提升！", "营商环境“软实力”的提升"], // inner quotes stay
    ["", ""],
  ])("%j → %j", (raw, clean) => {
    expect(cleanGold(raw)).toBe(clean);
  });
});

describe("holdsGold", () => {
  it.each([
    ["共有245家[1]企业来准东注册登记。", ["245家企业"], true], // a citation marker inside the gold
    ["共有245家企业[12]来准东注册登记。", ["245家企业"], true],
    ["共有 245 家企业来准东注册登记。", ["245家企业"], true], // white space in the answer
    ["累计为21.93万户用户完成用电报装。", ["21.93 万户"], true], // white space in the gold
    ["共有245家企业来准东注册登记。", ["56家", "245家"], true], // any gold will do
    ["共有245家企业来准东注册登记。", ["56家"], false],
    ["共有245家企业来准东注册登记。", [], false],
    ["共有24[1]5家企业", ["245家"], true],
    // The page was normalised at ingest (ASCII brackets in Chinese text → full width); so is the gold.
    ["在意大利大牌国际电影（例如和）和戏剧院工作[1]。", ["意大利大牌国际电影(例如和)和戏剧院工作"], true],
    ["在意大利大牌国际电影（例如和）和戏剧院工作[1]。", ["意大利大牌国际电影(例如和)和歌剧院工作"], false],
  ] as const)("%s holds %j: %s", (answer, golds, holds) => {
    expect(holdsGold(answer, golds)).toBe(holds);
  });
});

/** Small real sentences, one a paragraph, cut from the seed pages. */
const CONTEXTS = [
  "截至6月30日，共有来自疆内外的245家企业来准东注册登记，其中注册资本1千万元以上56家。",
  "上半年，国网新疆电力有限公司累计为21.93万户用户完成用电报装，同比增长110.93%。",
  "今年，呼图壁县投资90万元新建自动雨量站。",
  "今年，奇台镇已建成51个充电桩。",
  "昌吉州今年更新了1760辆新能源客货车。",
  "今年，玛纳斯县投入8100万元改造农村道路。",
  "该公司副总经理石忠源说，从落户到开户也就一周时间。",
  "12月25日，记者走进受理中心。",
  "项目于2025年3月25日开工。",
  "这只羊诞生于12月13日。",
  "2025年上半年，昌吉市交出了答卷。",
  "奇台县农业农村局局长张建国介绍，今年全县种植小麦100万亩。",
];

interface SquadQa {
  id: string | number;
  question: string;
  answers: Array<{ text: string }>;
  is_impossible?: boolean;
}

/** Twelve paragraphs over two items (the second untitled), with the odd questions on page 0. */
function squad() {
  // Page 6's question has a numeric id, as some SQuAD-style sets have.
  const qa = (i: number): SquadQa => ({ id: i === 6 ? 606 : `p${i}`, question: `第${i}段的问题？`, answers: [{ text: `答案${i}` }] });
  const paragraph = (i: number) => ({ context: CONTEXTS[i]!, qas: [qa(i)] });
  const first = [0, 1, 2, 3, 4, 5].map(paragraph);
  first[0]!.qas.push(
    { id: "dup", question: "  准东有多少家企业注册登记？ ", answers: [{ text: "245家。" }, { text: "245家" }, { text: "“245家”" }] },
    { id: "yes", question: "准东有企业注册吗？", answers: [{ text: "YES" }] },
    { id: "no", question: "准东没有企业吗？", answers: [{ text: "No。" }] },
    { id: "empty", question: "   ", answers: [{ text: "245家" }] },
    { id: "impossible", question: "准东有多少家银行？", answers: [{ text: "56家" }], is_impossible: true },
    { id: "noanswer", question: "准东有多少所学校？", answers: [] },
  );
  return {
    version: "v2.0",
    data: [{ title: " 准东开发区 ", paragraphs: first }, { paragraphs: [6, 7, 8, 9, 10, 11].map(paragraph) }],
  };
}

describe("readBenchmark and writeBenchmarkCorpus", () => {
  let dir: string;
  let benchmark: Benchmark;

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), "baoku-benchmark-test-"));
    await writeFile(join(dir, "squad.json"), JSON.stringify(squad()), "utf8");
    benchmark = await readBenchmark(join(dir, "squad.json"));
  });
  afterAll(() => rm(dir, { recursive: true, force: true }));

  it("makes paragraph n page n, and leaves out page 9 only", () => {
    expect(benchmark.pages.map((p) => p.page)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11]);
    expect(benchmark.pages.filter((p) => p.leftOut).map((p) => p.page)).toEqual([9]);
    expect(benchmark.pages[9]!.context).toBe(CONTEXTS[9]);
    expect(benchmark.pages.map((p) => p.file).slice(0, 2)).toEqual(["00001.txt", "00002.txt"]);
  });

  it("marks the questions of page 9, and only those, left out", () => {
    const leftOut = benchmark.questions.filter((q) => q.leftOut);
    expect(leftOut.map((q) => q.id)).toEqual(["p9"]);
    expect(leftOut[0]!.page).toBe(9);
  });

  it("titles pages by their item, or 第N篇 when the item has none", () => {
    expect(benchmark.pages[0]!.title).toBe("准东开发区");
    expect(benchmark.pages[5]!.title).toBe("准东开发区");
    expect(benchmark.pages[6]!.title).toBe("第7篇");
  });

  it("skips and counts YES/NO answers and empty questions", () => {
    expect(benchmark.skipped).toBe(3);
    const ids = benchmark.questions.map((q) => q.id);
    for (const id of ["yes", "no", "empty"]) expect(ids).not.toContain(id);
    expect(benchmark.questions).toHaveLength(12 + 3);
  });

  it("trims questions, cleans golds and drops duplicates", () => {
    const q = benchmark.questions.find((q) => q.id === "dup")!;
    expect(q).toMatchObject({ question: "准东有多少家企业注册登记？", golds: ["245家"], page: 0, leftOut: false, impossible: false });
  });

  it("gives is_impossible questions, and questions with no answer, no golds", () => {
    expect(benchmark.questions.find((q) => q.id === "impossible")).toMatchObject({ golds: [], impossible: true, page: 0 });
    expect(benchmark.questions.find((q) => q.id === "noanswer")).toMatchObject({ golds: [], impossible: true });
    expect(benchmark.questions.find((q) => q.id === "p3")).toMatchObject({ golds: ["答案3"], impossible: false, page: 3 });
  });

  it("reads a numeric question id as a string", () => {
    expect(benchmark.questions.find((q) => q.page === 6)!.id).toBe("606");
  });

  it("throws 不是 SQuAD 格式 for JSON of another shape", async () => {
    const path = join(dir, "other.json");
    await writeFile(path, JSON.stringify({ questions: [{ q: "准东有多少家企业？", a: "245家" }] }), "utf8");
    await expect(readBenchmark(path)).rejects.toThrow(Error);
    await expect(readBenchmark(path)).rejects.toThrow(/不是 SQuAD 格式/);
  });

  it("writes one file per page kept, none for the left-out page", async () => {
    const corpus = join(dir, "corpus");
    await writeBenchmarkCorpus(benchmark, corpus);
    const files = (await readdir(join(corpus, BENCHMARK_PAPER))).sort();
    expect(files).toHaveLength(11);
    expect(files).not.toContain(pageFile(9));
    expect(files).toContain(pageFile(8));
    expect(files).toContain(pageFile(10));
  });

  it("writes front matter with paper, date, issue and page, then a # title line and the text", async () => {
    const corpus = join(dir, "corpus-text");
    await writeBenchmarkCorpus(benchmark, corpus);
    const first = await readFile(join(corpus, BENCHMARK_PAPER, pageFile(0)), "utf8");
    expect(first).toBe(`---\npaper: 评测集\ndate: 2020-01-01\nissue: 1\npage: 1\n---\n# 准东开发区\n\n${CONTEXTS[0]}\n`);

    const last = await readFile(join(corpus, BENCHMARK_PAPER, pageFile(11)), "utf8");
    const { stated, text, problems } = parseFrontMatter(last);
    expect(problems).toEqual([]);
    expect(stated).toMatchObject({ paper: "评测集", date: "2020-01-12", issue: 12, page: 1 });
    expect(text.split("\n")[0]).toBe("# 第12篇");
    expect(text).toContain(CONTEXTS[11]);
  });
});
