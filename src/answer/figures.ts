/**
 * Figures in Chinese news text: a number (digits, decimals, Chinese numerals, 多/余/近) with its
 * unit. Used to match the quantity a question asks for and to check that an answer invents none.
 */

/**
 * Chinese measure words (量词) and units, general ones rather than those of some pages: what a
 * figure is counted or measured in. 万/亿/千/百 before a counting unit belong to the figure
 * (21.93万户, 3.6万册).
 */
const COUNTERS =
  "个 位 名 人 户 家 所 座 栋 幢 间 套 台 辆 架 艘 列 条 张 件 项 次 场 批 组 基 宗 份 枚 只 头 匹 株 棵 颗 粒 本 册 篇 部 首 幅 封 页 版 期 届 轮 例 起 笔 处 片 根 支 把 双 对 副 口 盏 节 门 道 款 种 类 级 层 集 章 卷 箱 包 袋 瓶 吨 岁 倍 人次 台次 架次 辆次 户次 班次 万人次 亿人次".split(
    " ",
  );
const MEASURES =
  "元 块钱 美元 美金 欧元 日元 英镑 人民币 港元 澳元 加元 韩元 港币 新台币 卢布 卢比 越南盾 泰铢 比索 法郎 % ％ 个工作日 工作日 个月 个多月 个半月 个小时 个多小时 个半小时 小时 分钟 个星期 个多星期 星期 秒 天 日 周 年 公里 千米 米 厘米 毫米 英里 海里 平方公里 平方千米 平方米 公顷 亩 公分 km² m² cm mm km kg 公斤 千克 克 斤 千瓦伏安 千伏安 伏安 千瓦时 千瓦 兆瓦 瓦 度 立方米 升 毫升 块".split(
    " ",
  );
/** Every unit, with its 万/亿 forms, longest first (the alternation takes the first that fits). */
export const UNITS = [
  ...new Set([...COUNTERS, ...MEASURES].flatMap((u) => (/^[万亿%％]|年|日|天|周|小时|分钟|秒|月|星期|工作日/u.test(u) ? [u] : [u, `万${u}`, `亿${u}`]))),
].sort((a, b) => b.length - a.length);

/** What a figure measures; `ordinal` is asked only (第几: a figure printed after 第), never found. */
export type UnitClass = "money" | "percent" | "duration" | "count" | "length" | "area" | "weight" | "power" | "code" | "ordinal";

const CLASS_OF: Array<[RegExp, UnitClass]> = [
  [/元|块钱|美金|英镑|人民币|港币|台币|卢布|卢比|越南盾|泰铢|比索|法郎/, "money"],
  [/[%％]/, "percent"],
  [/工作日|月$|小时|分钟|星期|^秒$|^天$|^日$|^周$|^年$/, "duration"],
  [/亩|平方|公顷|²/, "area"],
  [/公里|千米|厘米|毫米|英里|海里|公分|^万?米$|^[cmk]m$/i, "length"],
  [/吨|斤|克|^kg$/i, "weight"],
  [/瓦|伏安|^度$/, "power"],
];

export function unitClass(unit: string): UnitClass {
  for (const [re, cls] of CLASS_OF) if (re.test(unit)) return cls;
  return "count";
}

const NUMBER = "(?:\\d+(?:[.,]\\d+)*|[一二两三四五六七八九十百千万亿半]+)";
// Latin units are matched in either case (182CM, 5km); a Latin unit must not run on into a word.
const FIGURE = new RegExp(`(${NUMBER}(?:[多余近]|至${NUMBER})?)\\s*(${UNITS.map((u) => (/^[a-z]+$/.test(u) ? `${u}(?![a-z])` : u)).join("|")})`, "giu");

export interface Figure {
  text: string;
  unit: string;
  cls: UnitClass;
  index: number;
}

/** Whether a figure of `text` is printed as an ordinal, after 第 (第14位, 第二天). */
export function afterOrdinal(text: string, figure: Pick<Figure, "index">): boolean {
  return text[figure.index - 1] === "第";
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

/**
 * A code: three digits or more, or groups joined by dashes (57—103, 0994-2345678); not a date
 * written with dashes (2025-12-23), nor followed by 年月日, % or a Chinese unit, a space between
 * or not (总第12403期 counts issues; 2881100元 and "价值 2100 万元" are money) — but 本报/本刊
 * after a code are the next story's words ("电话 2881100 本报讯").
 */
const CODE = new RegExp(
  `(?<![\\d.—–-])(?!\\d{4}[—–-]\\d{1,2}[—–-]\\d{1,2}(?!\\d))(?:\\d{2,}(?:[—–-]\\d{2,})+|\\d{3,})(?![\\d.—–-]|\\s*(?:[年月日%]|(?!本报|本刊)(?:${UNITS.filter((u) => /^\p{Script=Han}/u.test(u)).join("|")})))`,
  "gu",
);

/** Codes and identifiers: a digit string that is not a date, year or quantity (编号“0945”). */
export function findCodes(text: string): string[] {
  return codeSpans(text).map((c) => c.text);
}

/** The codes of a text where each is printed: a code printed twice is two spans. */
export function codeSpans(text: string): Array<{ text: string; index: number }> {
  return [...text.matchAll(CODE)].map((m) => ({ text: m[0], index: m.index! }));
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
