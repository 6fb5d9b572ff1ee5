import type { PageMeta } from "./types.js";

/** What the operator states about a page in its front matter; absent keys are undefined. */
export type StatedMeta = Partial<PageMeta> & { note?: string };

export interface FrontMatter {
  stated: StatedMeta;
  /** The page text after the front matter. */
  text: string;
  /** Lines that could not be understood, each "key: why" (the rest still applies). */
  problems: string[];
}

const KEYS: Record<string, keyof StatedMeta> = {
  paper: "paper",
  报名: "paper",
  date: "date",
  日期: "date",
  dateinferred: "dateInferred",
  date_inferred: "dateInferred",
  推定: "dateInferred",
  issue: "issue",
  期号: "issue",
  总期号: "issue",
  page: "page",
  版次: "page",
  版: "page",
  note: "note",
  备注: "note",
};

const DATE = /^\d{4}-(0[1-9]|1[0-2])(-(0[1-9]|[12]\d|3[01]))?$/;
const UNKNOWN = /^(|null|unknown|未知|不详|-)$/i;
const YES = /^(true|yes|是|推定|y)$/i;
const NO = /^(false|no|否|n)$/i;

/**
 * Reads the metadata block at the top of a page file:
 *
 * ```
 * ---
 * paper: 昌吉日报
 * date: 2025-08-07
 * dateInferred: true
 * issue: 12403
 * page: 2
 * note: 推定依据……
 * ---
 * ```
 *
 * Chinese keys (报名, 日期, 推定, 期号, 版次, 备注) work too; "unknown"/"未知" leaves a field unknown.
 * A file without the block is returned unchanged with nothing stated. Pure.
 */
export function parseFrontMatter(raw: string): FrontMatter {
  const text = raw.replace(/^\uFEFF/, "");
  const m = /^---[ \t]*\r?\n([\s\S]*?)\r?\n---[ \t]*(?:\r?\n|$)/.exec(text);
  if (!m) return { stated: {}, text, problems: [] };
  const stated: StatedMeta = {};
  const problems: string[] = [];
  for (const line of m[1]!.split(/\r?\n/)) {
    if (line.trim() === "" || line.trim().startsWith("#")) continue;
    const kv = /^\s*([^:：]+?)\s*[:：]\s*(.*?)\s*$/.exec(line);
    const key = kv && KEYS[kv[1]!.toLowerCase()];
    if (!kv || !key) {
      problems.push(`${line.trim()}: 不认识的元数据行`);
      continue;
    }
    const value = kv[2]!.replace(/^["']|["']$/g, "");
    if (key === "note") {
      stated.note = value;
    } else if (key === "paper") {
      stated.paper = UNKNOWN.test(value) ? null : value;
    } else if (key === "date") {
      if (UNKNOWN.test(value)) stated.date = null;
      else if (DATE.test(value)) stated.date = value;
      else problems.push(`date: "${value}" 应为 YYYY-MM-DD 或 YYYY-MM`);
    } else if (key === "dateInferred") {
      if (YES.test(value)) stated.dateInferred = true;
      else if (NO.test(value)) stated.dateInferred = false;
      else problems.push(`dateInferred: "${value}" 应为 true 或 false`);
    } else {
      if (UNKNOWN.test(value)) stated[key] = null;
      else if (/^\d{1,6}$/.test(value) && Number(value) > 0) stated[key] = Number(value);
      else problems.push(`${key}: "${value}" 应为正整数`);
    }
  }
  return { stated, text: text.slice(m[0].length), problems };
}
