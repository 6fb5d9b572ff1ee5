import type { Tokenizer } from "../text/tokenize.js";

/** Fewer printed characters than this on a page: there is no text layer to speak of (a scan). */
export const MIN_PAGE_CHARS = 30;

export type TextVerdict = { kind: "text" } | { kind: "none" } | { kind: "garbage"; why: string };

const HAN = /\p{Script=Han}/u;
/** What a wrong font mapping produces: private-use glyphs, replacement marks, controls, Latin-1 letters. */
const BROKEN = /[\uE000-\uF8FF\uFFFD\u0000-\u0008\u000e-\u001f\u007f-\u009f\u00c0-\u00ff\u0100-\u024f]/u;

/**
 * Whether a page's text layer is real Chinese text. Text from a PDF whose fonts map glyphs to the
 * wrong code points still "extracts", as private-use or Latin-1 characters, or as Han characters
 * that do not make words: real Chinese has most of its characters in words of two or more that
 * jieba's dictionary knows; characters drawn at random have few. Pure (given the tokenizer).
 */
export function judgeTextLayer(text: string, tokenizer: Tokenizer): TextVerdict {
  const chars = [...text.replace(/\s/g, "")];
  if (chars.length < MIN_PAGE_CHARS) return { kind: "none" };
  const broken = chars.filter((c) => BROKEN.test(c)).length;
  if (broken > chars.length * 0.05) return { kind: "garbage", why: `${Math.round((broken / chars.length) * 100)}% 的字符是私用区或西文乱码` };
  const han = chars.filter((c) => HAN.test(c)).length;
  if (han < chars.length * 0.3) return { kind: "garbage", why: `只有 ${Math.round((han / chars.length) * 100)}% 是汉字` };
  // A sample is enough: segmenting a 300-page file twice would cost more than reading it.
  const sample = text.replace(/\s/g, "").slice(0, 4000);
  let inWords = 0;
  let total = 0;
  for (const word of tokenizer.cut(sample)) {
    const n = [...word].filter((c) => HAN.test(c)).length;
    total += n;
    if (n >= 2) inWords += n;
  }
  const share = total ? inWords / total : 0;
  if (total >= 40 && share < 0.45) return { kind: "garbage", why: `汉字不成词（成词率 ${Math.round(share * 100)}%），字体映射可能有误` };
  return { kind: "text" };
}
