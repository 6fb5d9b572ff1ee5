import { describe, expect, it } from "vitest";
import type { AnswerResult } from "../../src/answer/types.js";
import { answerMetrics, judgeAnswer } from "../../src/eval/score-answers.js";
import type { EvalQuestion } from "../../src/eval/questions.js";

const question: EvalQuestion = { id: "x1", question: "准东有多少家企业注册登记？", answerable: true, expect_any: ["245家"], source_date: "2025-07" };
const result = (short: string | null, answer = "共有245家企业来准东注册登记[1]。"): AnswerResult => ({
  question: question.question,
  answered: true,
  answer,
  citations: [
    {
      id: 1,
      paper: "昌吉日报",
      date: "2025-07",
      dateInferred: true,
      issue: null,
      page: null,
      title: null,
      source: "corpus/x.txt",
      quote: "共有245家企业来准东注册登记。",
    },
  ],
  confidence: 0.9,
  short,
});

describe("judgeAnswer: the exact answer", () => {
  it.each([
    ["245家", true],
    ["245", true], // the figure without its unit still holds it
    ["56家", false],
    [null, false],
  ] as const)("short %s on a right answer to a figure question: holds the figure = %s", (short, holds) => {
    expect(judgeAnswer(question, result(short)).shortHolds).toBe(holds);
  });

  it("is not judged for a wrong answer nor for a question without a figure", () => {
    expect(judgeAnswer(question, result("56家", "其中1亿元以上56家[1]。")).shortHolds).toBeNull();
    expect(judgeAnswer({ ...question, expect_any: ["虚拟地址"] }, result(null, "政府提供了一个虚拟地址[1]。")).shortHolds).toBeNull();
  });

  it("answerMetrics gives the share over the judged answers only", () => {
    const verdicts = [
      judgeAnswer(question, result("245家")),
      judgeAnswer({ ...question, id: "x2" }, result(null)),
      judgeAnswer({ ...question, id: "x3", expect_any: ["虚拟地址"] }, result(null, "虚拟地址[1]。")),
    ];
    const m = answerMetrics([question, { ...question, id: "x2" }, { ...question, id: "x3", expect_any: ["虚拟地址"] }], verdicts);
    expect(m.shortFigures).toEqual({ rate: 0.5, of: 2 });
  });
});

describe("judgeAnswer: an answer listing several reports", () => {
  const listing = (first: string, second: string): AnswerResult => {
    const one = result(null).citations[0]!;
    return {
      ...result(null),
      answer: `报库中有两篇报道给出了不同的答案，问题没有说明是哪一篇：报道（2025年7月）：${first}[1]。报道（2025年8月）：${second}[2]。`,
      citations: [
        { ...one, quote: `${first}。` },
        { ...one, id: 2, date: "2025-08", quote: `${second}。` },
      ],
    };
  };

  it("is judged by its first report: a right figure listed second buys no right answer", () => {
    const second = judgeAnswer(question, listing("共有56家企业", "共有245家企业"));
    expect(second).toMatchObject({ ok: false, listed: true });
    const first = judgeAnswer(question, listing("共有245家企业", "共有56家企业"));
    expect(first).toMatchObject({ ok: true, listed: true, invented: [] });
  });

  it("is counted by answerMetrics, and a single answer is not", () => {
    const verdicts = [judgeAnswer(question, listing("共有245家企业", "共有56家企业")), judgeAnswer({ ...question, id: "x2" }, result("245家"))];
    expect(answerMetrics([question, { ...question, id: "x2" }], verdicts).listed).toBe(1);
  });
});

describe("judgeAnswer: relative time restated", () => {
  const when: EvalQuestion = { id: "t1", question: "受理中心是哪个月成立的？", answerable: true, expect_any: ["今年8月"], source_date: "2021-12" };
  const said = (answer: string): AnswerResult => ({
    ...result(null, answer),
    citations: [{ ...result(null).citations[0]!, date: "2021-12", quote: "今年8月，受理中心正式成立。" }],
  });

  it("takes 2021年8月, as Baoku restates 今年8月 in an issue of 2021, for the printed 今年8月", () => {
    expect(judgeAnswer(when, said("2021年8月，受理中心正式成立[1]。")).ok).toBe(true);
    expect(judgeAnswer(when, said("今年8月，受理中心正式成立[1]。")).ok).toBe(true);
  });

  it("not another year's 8月", () => {
    expect(judgeAnswer(when, said("2020年8月，受理中心正式成立[1]。")).ok).toBe(false);
  });
});
