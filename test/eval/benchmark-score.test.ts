import { describe, expect, it } from "vitest";
import type { Benchmark, BenchmarkQuestion } from "../../src/eval/benchmark.js";
import { benchmarkAnswer, naiveBaseline, scoreBenchmark, type BenchmarkAnswer } from "../../src/eval/benchmark-score.js";

const q = (id: string, page: number, golds: string[], leftOut = false): BenchmarkQuestion => ({ id, question: id, golds, page, leftOut, impossible: false });
const a = (question: BenchmarkQuestion, answer: string | null, confidence: number, page = question.page): BenchmarkAnswer => ({
  question,
  answer,
  confidence,
  source: answer === null ? null : `corpus/评测集/${String(page + 1).padStart(5, "0")}.txt`,
});

describe("scoreBenchmark", () => {
  const answers = [
    a(q("a", 0, ["甲"]), "答案甲", 0.9),
    a(q("b", 1, ["乙"]), "答案丙", 0.8), // wrong
    a(q("c", 2, ["丙"]), "答案丙", 0.4), // right, but below a 0.5 threshold
    a(q("d", 3, ["丁"]), null, 0), // refused
    a(q("e", 4, ["戊"]), "答案戊", 0.7, 0), // right words, other page's citation
    a(q("f", 9, ["己"], true), "答案己", 0.95), // left-out page answered
    a(q("g", 19, ["庚"], true), "答案庚", 0.3), // left-out page, refused at 0.5
  ];

  it("counts right, wrong and refused over the answerable questions at a threshold", () => {
    const f = scoreBenchmark(answers, 0.5);
    expect(f.answerable).toBe(5);
    expect(f.right).toBeCloseTo(2 / 5); // a, e
    expect(f.wrong).toBeCloseTo(1 / 5); // b
    expect(f.refused).toBeCloseTo(2 / 5); // c (below), d
    expect(f.precision).toBeCloseTo(2 / 3);
    expect(f.citationAt1).toBeCloseTo(2 / 3); // e cites another page
    expect(f.refusedLeftOut).toBeCloseTo(1 / 2);
  });

  it("ranks answers by confidence for the risk–coverage table, whatever the threshold", () => {
    const f = scoreBenchmark(answers, 0.5);
    // Answerable answers by confidence: a 0.9 ✓, b 0.8 ✗, e 0.7 ✓, c 0.4 ✓ (d has none).
    // 50% of 5 → the top 3; 70% → the top 4; 90% → 5, more than were answered at all.
    expect(f.riskCoverage).toEqual([
      { coverage: 0.5, precision: 2 / 3 },
      { coverage: 0.7, precision: 3 / 4 },
      { coverage: 0.9, precision: null },
    ]);
  });
});

describe("naiveBaseline", () => {
  const benchmark: Benchmark = {
    pages: [
      { page: 0, title: "甲", context: "泡泡战士由韩国Nexon开发。生命数耗完即算为踢爆。", leftOut: false, file: "00001.txt" },
      { page: 1, title: "乙", context: "梧桐树协议于1792年5月17日订立。", leftOut: false, file: "00002.txt" },
      { page: 2, title: "丙", context: "生命数耗完即算为出局，这句在留出的页上。", leftOut: true, file: "00003.txt" },
    ],
    questions: [],
    skipped: 0,
  };

  it("answers with the sentence of most shared rare bigrams, from pages in the archive only", () => {
    const answer = naiveBaseline(benchmark)(q("生命数耗完即算为什么？", 0, ["踢爆"]));
    expect(answer.answer).toBe("生命数耗完即算为踢爆。");
    expect(answer.source).toBe("/00001.txt");
    expect(answer.confidence).toBeGreaterThan(0);
  });

  it("answers a question about another page from that page", () => {
    const answer = naiveBaseline(benchmark)(q("梧桐树协议是哪一年订立的？", 1, ["1792年"]));
    expect(answer.answer).toBe("梧桐树协议于1792年5月17日订立。");
  });
});

describe("benchmarkAnswer", () => {
  const cited = {
    id: 1,
    paper: "评测集",
    date: "2020-01-01",
    dateInferred: false,
    issue: 1,
    page: 1,
    title: "甲",
    source: "corpus/评测集/00001.txt",
    quote: "答案甲。",
  };
  it("judges an answer that lists several reports by its first only", () => {
    const result = {
      question: "问",
      answered: true,
      answer: "有2篇报道给出了不同的答案：答案甲[1]。答案乙[2]。",
      citations: [cited, { ...cited, id: 2 }],
      confidence: 0.9,
      short: null,
    };
    const scored = benchmarkAnswer(q("问", 0, ["答案乙"]), result);
    expect(scored.answer).toBe("有2篇报道给出了不同的答案：答案甲[1]");
    expect(scoreBenchmark([scored], 0).right).toBe(0);
  });

  it("keeps a refusal's confidence and gives no answer", () => {
    const scored = benchmarkAnswer(q("问", 0, ["甲"]), { question: "问", answered: false, answer: "抱歉", citations: [], confidence: 0.3, short: null });
    expect(scored).toMatchObject({ answer: null, source: null, confidence: 0.3 });
  });
});
