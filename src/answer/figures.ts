/**
 * Figures in Chinese news text: a number (digits, decimals, Chinese numerals, 多/余/近) with its
 * unit. Used to match the quantity a question asks for and to check that an answer invents none.
 */

const UNITS = [
  // 万/亿 before a counting unit belong to the figure (21.93万户), longer units first.
  "万户",
  "万块",
  "万人",
  "万辆",
  "万家",
  "万件",
  "万个",
  "万台",
  "万套",
  "万名",
  "万次",
  "万株",
  "万头",
  "万只",
  "亿人次",
  "亿次",
  "万千瓦伏安",
  "千瓦伏安",
  "万千瓦",
  "千瓦",
  "兆瓦",
  "万人次",
  "人次",
  "万平方米",
  "平方米",
  "万吨",
  "吨",
  "公里",
  "千米",
  "米",
  "万亩",
  "亩",
  "亿元",
  "万元",
  "元",
  "块钱",
  "块",
  "%",
  "个工作日",
  "工作日",
  "个月",
  "小时",
  "分钟",
  "天",
  "日",
  "周",
  "年",
  "公斤",
  "千克",
  "克",
  "家",
  "辆",
  "台",
  "件",
  "个",
  "项",
  "人",
  "名",
  "户",
  "套",
  "座",
  "场",
  "次",
  "条",
  "张",
  "所",
  "处",
  "批",
  "栋",
  "枚",
  "只",
  "箱",
  "组",
  "基",
  "宗",
  "份",
];

export type UnitClass = "money" | "percent" | "duration" | "count" | "length" | "area" | "weight" | "power" | "code";

const CLASS_OF: Array<[RegExp, UnitClass]> = [
  [/元|块钱/, "money"],
  [/%/, "percent"],
  [/工作日|个月|小时|分钟|^天$|^日$|^周$|^年$/, "duration"],
  [/公里|千米|^米$/, "length"],
  [/亩|平方米/, "area"],
  [/吨|斤|克/, "weight"],
  [/瓦|伏安/, "power"],
];

export function unitClass(unit: string): UnitClass {
  for (const [re, cls] of CLASS_OF) if (re.test(unit)) return cls;
  return "count";
}

const NUMBER = "(?:\\d+(?:[.,]\\d+)*|[一二两三四五六七八九十百千万亿半]+)";
const FIGURE = new RegExp(`(${NUMBER}(?:[多余近]|至${NUMBER})?)\\s*(${UNITS.join("|")})`, "gu");

export interface Figure {
  text: string;
  unit: string;
  cls: UnitClass;
  index: number;
}

/** Calendar dates and years are not quantities: 2025年, 3月13日, 12月. */
function isDate(text: string, m: RegExpMatchArray): boolean {
  const [number, unit] = [m[1]!, m[2]!];
  if (unit === "年" && /^\d{4}$/.test(number)) return true;
  if (unit === "日" && /\d{1,2}月$/.test(text.slice(Math.max(0, m.index! - 3), m.index!))) return true;
  return false;
}

const FIGURE_CACHE = 50_000;
const figureCache = new Map<string, readonly Figure[]>();

/**
 * Every number-with-unit in a text, in order; dates and years excluded. Cached per text: the
 * sentence ranking and the candidate features ask it of the same sentences.
 */
export function findFigures(text: string): readonly Figure[] {
  let figures = figureCache.get(text);
  if (!figures) {
    if (figureCache.size >= FIGURE_CACHE) figureCache.clear();
    figures = [...text.matchAll(FIGURE)].filter((m) => !isDate(text, m)).map((m) => ({ text: m[0], unit: m[2]!, cls: unitClass(m[2]!), index: m.index! }));
    figureCache.set(text, figures);
  }
  return figures;
}

/** Codes and identifiers: a digit string that is not a date, year or quantity (编号“0945”). */
export function findCodes(text: string): string[] {
  return [...text.matchAll(/(?<![\d.])\d{3,}(?![\d.]|\s*[年月日%])/g)].map((m) => m[0]);
}

/** The digit strings of a text ("16.32", "245", "2025"), for the no-invented-number check. */
export function digitsIn(text: string): string[] {
  return text.match(/\d+(?:\.\d+)?/g) ?? [];
}

/** Digit strings of `answer` not found in any of `sources` (nor in `allowed`, e.g. the cited year). */
export function inventedNumbers(answer: string, sources: readonly string[], allowed: readonly string[] = []): string[] {
  const pool = sources.map((s) => s.replace(/\s+/g, "")).join("\n");
  const poolDigits = new Set([...digitsIn(pool), ...allowed]);
  return digitsIn(answer.replace(/\[\d+\]/g, "")).filter((d) => !poolDigits.has(d));
}
