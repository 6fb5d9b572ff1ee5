import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { AppError } from "../errors.js";
import type { TextBox } from "./layout.js";

/** More pages than this in one file is not an e-paper issue; the rest is left unread. */
export const MAX_PDF_PAGES = 400;
/** How long one PDF may take to read, all its pages together. */
export const PDF_TIMEOUT_MS = 120_000;
/**
 * Text runs kept from one page. A broadsheet page set a character per run has about 20 000; the
 * runs beyond are left out (and reported), so that one odd page cannot hold up the file.
 */
export const MAX_RUNS_PER_PAGE = 50_000;

/** One page of a PDF as its text layer gives it. */
export interface PdfPage {
  /** 1-based page number in the file. */
  number: number;
  width: number;
  height: number;
  boxes: TextBox[];
  /** Runs of the page's text layer left out beyond `MAX_RUNS_PER_PAGE`. */
  runsDropped: number;
}

export interface PdfText {
  pageCount: number;
  pages: PdfPage[];
  /** Pages not read (beyond `MAX_PDF_PAGES`), reported by the caller. */
  unread: number;
  /** Pages pdf.js failed on, each with why (in Chinese); the other pages are still read. */
  failed: Array<{ number: number; why: string }>;
}

let pdfjs: Promise<typeof import("pdfjs-dist/legacy/build/pdf.mjs")> | undefined;
/** pdf.js is loaded on first use: a corpus of .txt pages never pays for it. */
const loadPdfjs = () => (pdfjs ??= import("pdfjs-dist/legacy/build/pdf.mjs"));

/** Where pdf.js keeps the Adobe CMaps (CJK fonts without embedded maps need them) and the standard fonts. */
function pdfjsData(): { cMapUrl: string; standardFontDataUrl: string } {
  const root = dirname(createRequire(import.meta.url).resolve("pdfjs-dist/package.json"));
  return { cMapUrl: `${join(root, "cmaps")}/`, standardFontDataUrl: `${join(root, "standard_fonts")}/` };
}

function timeout<T>(promise: Promise<T>, ms: number, onTimeout: () => void, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const expired = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      onTimeout();
      reject(new AppError("corpus:unreadable", what));
    }, ms);
  });
  return Promise.race([promise, expired]).finally(() => clearTimeout(timer));
}

/**
 * Reads the text layer of every page of a PDF with pdf.js: each text run with its position (top
 * left origin, y down) and font size. A page without a text layer comes back with no boxes.
 * @throws AppError `corpus:unreadable` for an encrypted, damaged or not-a-PDF file, or one that
 * takes longer than `timeoutMs`; the detail names `source` and the reason in Chinese.
 */
export async function readPdfText(bytes: Uint8Array, source: string, timeoutMs = PDF_TIMEOUT_MS): Promise<PdfText> {
  const { getDocument, Util } = await loadPdfjs();
  // pdf.js takes ownership of (and detaches) the buffer it is given: hand it a copy.
  const task = getDocument({ data: new Uint8Array(bytes), ...pdfjsData(), isEvalSupported: false, useSystemFonts: false, stopAtErrors: false, verbosity: 0 });
  const work = (async () => {
    let doc: Awaited<typeof task.promise>;
    try {
      doc = await task.promise;
    } catch (cause) {
      const name = (cause as Error)?.name ?? "";
      const reason =
        name === "PasswordException"
          ? "PDF 已加密（需要密码），无法读取"
          : name === "InvalidPDFException"
            ? "不是有效的 PDF 文件（已损坏或被截断）"
            : "PDF 无法打开";
      throw new AppError("corpus:unreadable", `${source}：${reason}`, { cause });
    }
    const pageCount = doc.numPages;
    const pages: PdfPage[] = [];
    const failed: PdfText["failed"] = [];
    for (let n = 1; n <= Math.min(pageCount, MAX_PDF_PAGES); n++) {
      // One damaged page costs that page, not the file.
      try {
        pages.push(await readPage(doc, n, Util));
      } catch (cause) {
        failed.push({ number: n, why: ((cause as Error)?.message ?? String(cause)).slice(0, 120) });
      }
    }
    return { pageCount, pages, unread: Math.max(0, pageCount - MAX_PDF_PAGES), failed };
  })();
  try {
    return await timeout(work, timeoutMs, () => void task.destroy(), `${source}：PDF 读取超时（超过 ${Math.round(timeoutMs / 1000)} 秒）`);
  } finally {
    await task.destroy().catch(() => {});
  }
}

type Pdfjs = typeof import("pdfjs-dist/legacy/build/pdf.mjs");

/** Page `n`'s text runs. @throws whatever pdf.js throws for a page it cannot read. */
async function readPage(doc: Awaited<ReturnType<Pdfjs["getDocument"]>["promise"]>, n: number, Util: Pdfjs["Util"]): Promise<PdfPage> {
  const page = await doc.getPage(n);
  const viewport = page.getViewport({ scale: 1 });
  const content = await page.getTextContent();
  const boxes: TextBox[] = [];
  let runsDropped = 0;
  for (const item of content.items) {
    if (!("str" in item) || item.str.trim() === "") continue;
    if (boxes.length >= MAX_RUNS_PER_PAGE) {
      runsDropped++;
      continue;
    }
    const [a, b, c, d, e, f] = Util.transform(viewport.transform, item.transform) as number[];
    const size = Math.hypot(c!, d!) || Math.hypot(a!, b!);
    // Runs set vertically or rotated are left out: their positions say nothing of columns.
    if (!(size > 0) || Math.abs(b!) > Math.abs(a!) * 0.2) continue;
    const scale = Math.hypot(a!, b!) / (Math.hypot(item.transform[0]!, item.transform[1]!) || 1);
    boxes.push({ text: item.str, x: e!, y: f! - size * 0.88, width: item.width * scale, size });
  }
  page.cleanup();
  return { number: n, width: viewport.width, height: viewport.height, boxes, runsDropped };
}
