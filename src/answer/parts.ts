/** A clause that asks something (多少, 几, 什么, 哪, 谁, 多久, 怎么, 吗…). */
const ASKS = /多少|几[个家辆台件项名户套座次条张所批天年月岁号]|什么|哪|谁|多久|多长|多远|多大|多高|怎么|如何|怎样|是否|能否|能不能|可不可以|有没有|吗[？?]?$/u;

/** A sentence that says which thing the question means: 我说的是…, 指的是…, 问的是…, 就是…那个 (not 就是想了解一下). */
const MEANT = /^(?:我|我们)?(?:说|指|问)的是|^是指|^就是.*(?:那个|这个|那家|这家|那篇|这篇)/u;

const ORDINALS = "一二三四五六七八九十";

/**
 * What an answer says of a part the archive does not answer: the part itself, or (when it holds
 * figures, which an answer may only print from a quote) its place in the question.
 */
export function missingPart(part: string, index: number): string {
  const asked = part.replace(/[？?。]+$/u, "");
  return /\d/.test(asked) ? `第${ORDINALS[index] ?? index + 1}问，报库中没有找到答案。` : `关于“${asked}”，报库中没有找到答案。`;
}

/**
 * The question without what is said after it: sentences after the last one that asks something
 * or ends in a question mark ("…能招多少人？我想去那边找工作。", "…叫什么名字？我得核对一下。")
 * say why it is asked, not what, and their words would have to be found in the answer too. What
 * comes before the question stays (it may name the topic). A text in which no sentence asks is
 * kept whole; a sentence after the question that says which thing it means ("我说的是…",
 * "指的是…") stays. Pure.
 */
export function withoutAside(question: string): string {
  const sentences = question.split(/(?<=[？?。！!])/u);
  let last = sentences.length - 1;
  // A sentence with a question mark asks, whatever its words ("那去年呢？").
  const asks = (s: string) => ASKS.test(s) || /[？?]$/u.test(s);
  while (last >= 0 && !asks(sentences[last]!.trim())) last--;
  if (last < 0) return question;
  // A sentence after it that says which thing is meant ("我说的是准东那个。") is the question's too.
  let end = last + 1;
  while (end < sentences.length && MEANT.test(sentences[end]!.trim())) end++;
  return sentences.slice(0, end).join("");
}

/**
 * The parts of a question that asks two or more things ("上半年完成了多少户用电报装？同比增长多少？",
 * "充一次电要多久，能跑多远？"): cut at a question mark or semicolon, or at a comma when both sides
 * ask something. A question that asks one thing is one part. Pure.
 */
export function splitParts(question: string): string[] {
  const pieces = question
    .split(/(?<=[？?；;])/u)
    .flatMap((p) => p.split(/(?<=[，,])/u))
    .map((p) => p.trim())
    .filter(Boolean);
  const parts: string[] = [];
  let current = "";
  for (const piece of pieces) {
    const endsQuestion = /[？?；;]$/u.test(current);
    if (current && ASKS.test(current.replace(/[，,]$/u, "")) && ASKS.test(piece) && (endsQuestion || /[，,]$/u.test(current))) {
      parts.push(current.replace(/[，,；;]$/u, "？"));
      current = piece;
    } else current += piece;
  }
  if (current) parts.push(current);
  return parts.filter((p) => p.replace(/[？?。！!\s]/gu, "").length >= 2);
}
