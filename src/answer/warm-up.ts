import type { App } from "../app.js";
import { type Answerer, createAnswerer } from "./answerer.js";

/**
 * Questions of every kind the answerer handles (figures in several units, dates, people,
 * places, bodies, procedures, rules, two-part, lists, out of scope), about no page in
 * particular: they run the answering code paths, whatever the archive holds.
 */
export const WARM_UP_QUESTIONS = [
  "去年全县粮食总产量达到多少万吨？",
  "这个项目总投资多少亿元？",
  "今年上半年新增了多少家企业？",
  "全年共接待游客多少万人次？",
  "新建道路一共多少公里？",
  "同比增长了百分之几？",
  "这所学校是哪一年建成的？",
  "新的政策什么时候开始实施？",
  "活动是哪天举办的？",
  "谁担任了项目负责人？",
  "会议在什么地方召开？",
  "项目由哪家公司承建？",
  "营业执照怎么办理？",
  "申请补贴需要提供什么材料？",
  "没有经营地址能不能注册公司？",
  "外地户口可以申请公积金贷款吗？",
  "一共投入多少资金？建成后能增加多少个岗位？",
  "有哪些关于冬季供暖的报道？",
  "这次改革的主要内容是什么？",
  "帮我写一首关于秋天的诗",
  "平均每天处理多少件诉求？",
  "办理时限压缩到几个工作日？",
  "充一次电要多长时间？",
  "总面积有多大？",
] as const;

/** How many times the questions are asked: V8 optimises a function after many calls, not one. */
export const WARM_UP_ROUNDS = 6;

/**
 * Answers the warm-up questions a few times before a server takes its first question, so that
 * the first users do not pay for compiling the answering code (at 100k chunks the bench's p95
 * falls by about 2.5 ms). The answers are thrown away; nothing is logged or stored.
 * @returns how many answers it took and how long.
 */
export async function warmUp(answerer: Answerer, rounds = WARM_UP_ROUNDS): Promise<{ answers: number; seconds: number }> {
  const started = performance.now();
  let answers = 0;
  for (let round = 0; round < rounds; round++) {
    for (const question of WARM_UP_QUESTIONS) {
      await answerer.answer(question);
      answers++;
    }
  }
  return { answers, seconds: (performance.now() - started) / 1000 };
}

/**
 * Warms up the extractive answering of an app (its retriever and archive as loaded now), never
 * its LLM: a configured endpoint is not sent the warm-up questions.
 */
export function warmUpApp(app: Pick<App, "retriever" | "archive">, rounds = WARM_UP_ROUNDS): Promise<{ answers: number; seconds: number }> {
  return warmUp(createAnswerer({ retriever: app.retriever, archive: app.archive }), rounds);
}
