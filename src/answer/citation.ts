import type { Citation } from "./types.js";

/**
 * A date as citations print it: 2025年12月23日, 2025年7月（推定） when worked out, 日期不详 when
 * unknown. Never more precise than known.
 */
export function formatDate(date: string | null, inferred: boolean): string {
  if (!date) return "日期不详";
  const [y, m, d] = date.split("-");
  const text = d ? `${y}年${Number(m)}月${Number(d)}日` : m ? `${y}年${Number(m)}月` : `${y}年`;
  return inferred ? `${text}（推定）` : text;
}

/** Said after the citation of a page read by OCR, so that a reader checks the scan. */
export const OCR_NOTE = "（识别文本，请以原版为准）";

/**
 * The full citation line: 《昌吉日报》2025年12月23日 第12403期 第1版《昌吉州“三色清单”为企业减负》.
 * Unknown issue or page is left out; an unknown headline is shown as （无标题）; a page read by
 * OCR ends with 识别文本.
 */
export function formatCitation(c: Pick<Citation, "paper" | "date" | "dateInferred" | "issue" | "page" | "title" | "ocr">): string {
  const parts = [`《${c.paper ?? "报名不详"}》${formatDate(c.date, c.dateInferred)}`];
  if (c.issue !== null) parts.push(`第${c.issue}期`);
  if (c.page !== null) parts.push(`第${c.page}版`);
  return `${parts.join(" ")}${c.title ? `《${c.title}》` : "（无标题）"}${c.ocr ? OCR_NOTE : ""}`;
}
