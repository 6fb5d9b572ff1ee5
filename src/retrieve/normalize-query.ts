import * as OpenCC from "opencc-js";
import { normalizeText } from "../text/normalize.js";

let toSimplified: ((text: string) => string) | undefined;

/**
 * A question in Simplified Chinese as written: Traditional (Taiwan, Hong Kong) converted, and the
 * spoken 啥 written 什么 (啥时候, 有啥规定), as the archive and the question words are. The
 * converter is built on first use.
 */
export function simplify(text: string): string {
  const convert = (toSimplified ??= OpenCC.Converter({ from: "t", to: "cn" }));
  return convert(text).replace(/啥/gu, "什么");
}

/** Polite and colloquial padding that carries no search meaning. */
const FILLERS = [
  /^(?:请问|请教一下|请教|麻烦问一下|麻烦问下|麻烦|问一下|问下|我想问一下|我想问|我想知道|想知道|想了解一下|想了解|帮我查一下|帮我查查|帮我查|帮忙查一下|查一下|你知道|您知道|谁知道|能告诉我|告诉我|我想请问)[，,\s]*/u,
  /[，,\s]*(?:吗|呢|呀|啊|吧|哈|嘛|啦)?[？?！!。.\s]*$/u,
  /(?:一下子|到底|究竟|大概|大约)/gu,
];

/**
 * Prepares a question for search: Traditional → Simplified, full-width letters and digits → ASCII,
 * punctuation normalised as in the archive, colloquial padding (请问, 帮我查一下, trailing 呢/吗)
 * removed. Figures are never changed. Pure.
 */
export function normalizeQuery(question: string): string {
  let q = normalizeText(simplify(question.replace(/[\u0000-\u001f\u007f]/g, " "))).trim();
  for (const re of FILLERS) q = q.replace(re, "");
  return q.trim();
}
