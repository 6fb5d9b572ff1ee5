/**
 * Character-level normalisation shared by ingestion (page text) and retrieval (questions), so that
 * both sides compare alike. Figures are never changed: digits stay digits, "1,000" and "16.32" stay.
 */

const HAN = "\\p{Script=Han}";
const CJK_PUNCT = "，。！？；：、“”‘’（）《》【】…—";
/** A character that makes neighbouring ASCII punctuation "Chinese context". */
const CJKISH = `[${HAN}${CJK_PUNCT}]`;

/** Full-width letters and digits → ASCII; ideographic space → space. */
export function toHalfWidthAlnum(text: string): string {
  return text.replace(/[\uFF10-\uFF19\uFF21-\uFF3A\uFF41-\uFF5A\uFF05\uFF0E]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0)).replace(/\u3000/g, " ");
}

const rules: Array<[RegExp, string]> = [
  // ASCII punctuation in Chinese context → the full-width form the rest of the page uses.
  [new RegExp(`(?<=${CJKISH}),\\s*|,\\s*(?=${CJKISH})`, "gu"), "，"],
  [new RegExp(`(?<=${CJKISH}|\\d)\\s*:\\s*(?=${CJKISH}|“)`, "gu"), "："],
  [new RegExp(`(?<=${CJKISH}):\\s*`, "gu"), "："],
  [new RegExp(`(?<=${CJKISH});\\s*|;\\s*(?=${CJKISH})`, "gu"), "；"],
  [new RegExp(`(?<=${CJKISH}|[”’])\\?`, "gu"), "？"],
  [new RegExp(`(?<=${CJKISH}|[”’])!`, "gu"), "！"],
  [new RegExp(`\\(([^()]*${HAN}[^()]*)\\)`, "gu"), "（$1）"],
  // White space between Han and anything but ASCII letters is a justification or PDF artefact.
  [new RegExp(`(?<=${CJKISH})[ \\t]+(?=${CJKISH})`, "gu"), ""],
  [new RegExp(`(?<=${CJKISH})[ \\t]+(?=[\\d%])`, "gu"), ""],
  [new RegExp(`(?<=[\\d%])[ \\t]+(?=${CJKISH})`, "gu"), ""],
];

/**
 * Normalises running text: full-width alphanumerics to ASCII, ASCII punctuation next to Chinese to
 * full width, stray spaces inside Chinese removed (unless `keepSpaces`: headlines and bylines use
 * a space as a separator). Spaces between ASCII words and every digit are kept.
 */
export function normalizeText(text: string, options: { keepSpaces?: boolean } = {}): string {
  let out = toHalfWidthAlnum(text);
  for (const [re, to] of options.keepSpaces ? rules.slice(0, -3) : rules) out = out.replace(re, to);
  return options.keepSpaces ? out.replace(/[ \t]+/g, " ") : out;
}

/**
 * Visual width of a line as printed: Han and full-width forms count 1; ASCII and curly quotes,
 * which this paper sets narrow, count ½.
 */
export function printWidth(line: string): number {
  let w = 0;
  for (const ch of line) w += ch.charCodeAt(0) < 0x2000 || "“”‘’".includes(ch) ? 0.5 : 1;
  return w;
}

export const HAN_RE = /\p{Script=Han}/u;
