import type { ArticleMeta } from "../chunk/types.js";
import { isMasthead } from "../ingest/masthead.js";
import type { AnswerResult } from "./types.js";

export type RefusalReason = "empty" | "not-found" | "out-of-scope" | "no-previous" | "incomplete";

/**
 * An honest "the archive does not say", in Chinese. The closest coverage may be named by its
 * headline — never with a figure or date, since a refusal cites nothing.
 */
export function refusal(question: string, reason: RefusalReason, closest?: ArticleMeta, confidence = 0): AnswerResult {
  let answer: string;
  if (reason === "empty") answer = "请输入一个问题，例如：准东开发区上半年有多少家企业注册登记？";
  else if (reason === "out-of-scope") answer = "抱歉，报库只回答与馆藏报纸报道有关的问题，这个请求不在服务范围内。";
  else if (reason === "no-previous") answer = "还没有可以追问的回答。请先提一个关于报纸内容的问题。";
  else if (reason === "incomplete") answer = "请把问题说完整，例如：呼图壁县新建了多少座自动雨量站？";
  else {
    answer = "抱歉，报库收录的报道中没有找到能回答这个问题的内容。";
    if (closest?.title && !/\d/.test(closest.title) && !isMasthead(closest)) answer += `相关的报道有《${closest.title}》，但其中没有这个问题的答案。`;
  }
  return { question, answered: false, answer, citations: [], confidence, short: null };
}
