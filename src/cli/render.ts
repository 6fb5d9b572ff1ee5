import { shortShown } from "../answer/ambiguity.js";
import { formatCitation } from "../answer/citation.js";
import type { AnswerResult } from "../answer/types.js";

/**
 * An answer for a person on a terminal: the exact answer first (`答案：245家`, bold with `bold`,
 * for a terminal that shows it), the answer, then its numbered sources.
 */
export function renderAnswer(result: AnswerResult, options: { bold?: boolean } = {}): string {
  const short = shortShown(result);
  const lines = short ? [`答案：${options.bold ? `\x1b[1m${short}\x1b[0m` : short}`, result.answer] : [result.answer];
  if (result.citations.length > 0) {
    lines.push("", "来源：");
    for (const c of result.citations) lines.push(`[${c.id}] ${formatCitation(c)}`);
  }
  return lines.join("\n");
}

/** The quoted passages of an answer with full citations (`/sources` in chat). */
export function renderSources(result: AnswerResult | undefined): string {
  if (!result || result.citations.length === 0) return "上一个回答没有引用来源。";
  return result.citations.map((c) => `[${c.id}] ${formatCitation(c)}\n    “${c.quote}”\n    （${c.source}）`).join("\n");
}
