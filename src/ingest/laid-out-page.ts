import { readFile } from "node:fs/promises";
import { AppError } from "../errors.js";
import type { Tokenizer } from "../text/tokenize.js";
import { layoutText } from "./layout.js";
import { boxesFromTsv, findOcrTools, OCR_INSTALL, OCR_TIMEOUT_MS, ocrImage, ocrKey, ocrPdfPage, type OcrTools, RENDER_DPI } from "./ocr.js";
import { MAX_RUNS_PER_PAGE, readPdfText } from "./pdf.js";
import { judgeTextLayer } from "./text-quality.js";

/** Page files read from their layout: e-paper PDFs and scanned page images. */
export const LAID_OUT = /\.(pdf|png|jpe?g|tiff?)$/i;
/** PDFs and images may be larger than a text page; beyond this they are not one issue. */
export const MAX_LAID_OUT_BYTES = 200 * 1024 * 1024;
/** Scanned pages OCR'd from one file at most: about a minute each. */
export const MAX_OCR_PAGES = 32;
/** Pixels an image may have (an A3 page at 400 dpi has 31 million); a scanned PDF page rendered too. */
export const MAX_PIXELS = 80_000_000;
/** OCR time one file may take, all its scanned pages together (a page takes about a minute). */
export const OCR_FILE_BUDGET_MS = 30 * 60_000;

/** Pixels of a PDF page of `width` × `height` points rendered for OCR at RENDER_DPI. Pure. */
export function renderedPixels(width: number, height: number): number {
  const scale = RENDER_DPI / 72;
  return Math.ceil(width * scale) * Math.ceil(height * scale);
}

/** How a page's text was obtained. */
export type TextSource = "pdf" | "ocr";

export interface LaidOutPage {
  /** 1-based page of the file. */
  number: number;
  /** Page text in the .txt format ("#" headings, one paragraph a line). */
  text: string;
  via: TextSource;
}

export interface LaidOutFile {
  pages: LaidOutPage[];
  /** Pages of the file that were not read, each with why (one line each). */
  skipped: string[];
}

export interface ReadOptions {
  tokenizer: Tokenizer;
  /** sha256 of the file's bytes: the OCR cache key. */
  sha256: string;
  /** Where OCR output is kept between runs; null: not kept. */
  ocrCacheDir: string | null;
  tools?: OcrTools;
  /** OCR time the file's scanned pages may take together; `OCR_FILE_BUDGET_MS` unless given. */
  ocrBudgetMs?: number;
}

const MAGIC: Array<[RegExp, (b: Uint8Array) => boolean, string]> = [
  [/\.pdf$/i, (b) => Buffer.from(b.subarray(0, 1024)).includes("%PDF-"), "PDF"],
  [/\.png$/i, (b) => b[0] === 0x89 && b[1] === 0x50 && b[2] === 0x4e && b[3] === 0x47, "PNG 图片"],
  [/\.jpe?g$/i, (b) => b[0] === 0xff && b[1] === 0xd8 && b[2] === 0xff, "JPEG 图片"],
  [/\.tiff?$/i, (b) => (b[0] === 0x49 && b[1] === 0x49 && b[2] === 0x2a) || (b[0] === 0x4d && b[1] === 0x4d && b[3] === 0x2a), "TIFF 图片"],
];

/** Width × height from a PNG or JPEG header; null when the header does not say (TIFF). Pure. */
export function imagePixels(b: Uint8Array): number | null {
  const view = new DataView(b.buffer, b.byteOffset, b.byteLength);
  if (b[0] === 0x89 && b.length >= 24) return view.getUint32(16) * view.getUint32(20);
  if (b[0] === 0xff && b[1] === 0xd8) {
    for (let i = 2; i + 9 < b.length; ) {
      if (b[i] !== 0xff) return null;
      const marker = b[i + 1]!;
      const length = view.getUint16(i + 2);
      if (marker >= 0xc0 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8 && marker !== 0xcc) return view.getUint16(i + 5) * view.getUint16(i + 7);
      i += 2 + length;
    }
  }
  return null;
}

const missingOcr = (source: string, what: string) => `${source}：${what}需要文字识别，但未安装 Tesseract 中文模型（请运行：${OCR_INSTALL}），已跳过`;

/** A page's OCR text, laid out; a scan that yields no Chinese is not a newspaper page. */
function ocrText(tsv: string, tokenizer: Tokenizer, source: string): Map<number, string> {
  const pages = new Map<number, string>();
  for (const [n, boxes] of boxesFromTsv(tsv)) {
    const text = layoutText(boxes, { ocr: true });
    const verdict = judgeTextLayer(text, tokenizer);
    pages.set(n, verdict.kind === "text" ? text : "");
  }
  if ([...pages.values()].every((t) => t === "")) throw new AppError("corpus:unreadable", `${source}：图片中没有识别出版面文字（不像报纸版面）`);
  return pages;
}

/**
 * Reads a PDF or a page image into page texts. A PDF page with a real text layer is laid out
 * from its text runs; a page without one (a scan), or whose text layer is garbage (fonts mapped
 * wrongly), is rendered and OCR'd when Tesseract is installed, else reported and left out.
 * @throws AppError `corpus:unreadable` when nothing of the file can be read; the detail is one
 * Chinese line naming `source`.
 */
export async function readLaidOut(path: string, source: string, options: ReadOptions): Promise<LaidOutFile> {
  const bytes = await readFile(path);
  const kind = MAGIC.find(([ext]) => ext.test(path));
  if (kind && !kind[1](bytes)) throw new AppError("corpus:unreadable", `${source}：文件内容不是${kind[2]}`);
  if (/\.pdf$/i.test(path)) return readPdf(path, bytes, source, options);
  const pixels = imagePixels(bytes);
  if (pixels !== null && pixels > MAX_PIXELS)
    throw new AppError("corpus:unreadable", `${source}：图片过大（${Math.round(pixels / 1e6)} 百万像素，上限 ${MAX_PIXELS / 1e6}）`);
  const tools = options.tools ?? (await findOcrTools());
  if (!tools.tesseract) throw new AppError("corpus:unreadable", missingOcr(source, "扫描图片"));
  const tsv = await ocrImage(path, ocrKey(options.sha256, 0, tools), source, options.ocrCacheDir);
  const pages = [...ocrText(tsv, options.tokenizer, source)].filter(([, t]) => t !== "");
  return { pages: pages.map(([number, text]) => ({ number, text, via: "ocr" as const })), skipped: [] };
}

async function readPdf(path: string, bytes: Uint8Array, source: string, options: ReadOptions): Promise<LaidOutFile> {
  const pdf = await readPdfText(bytes, source);
  const out: LaidOutFile = { pages: [], skipped: [] };
  if (pdf.unread > 0) out.skipped.push(`${source}：共 ${pdf.pageCount} 页，只读了前 ${pdf.pageCount - pdf.unread} 页`);
  for (const f of pdf.failed) out.skipped.push(`${source}：第 ${f.number} 页无法读取（${f.why}），已跳过`);
  const scans: Array<{ number: number; why: string; pixels: number }> = [];
  for (const page of pdf.pages) {
    if (page.runsDropped > 0)
      out.skipped.push(`${source}：第 ${page.number} 页文字过多（${page.boxes.length + page.runsDropped} 段），只读了前 ${MAX_RUNS_PER_PAGE} 段`);
    const text = layoutText(page.boxes);
    const verdict = judgeTextLayer(text, options.tokenizer);
    if (verdict.kind === "text") out.pages.push({ number: page.number, text, via: "pdf" });
    else
      scans.push({
        number: page.number,
        why: verdict.kind === "garbage" ? `文字层是乱码（${verdict.why}）` : "没有文字层（扫描版）",
        pixels: renderedPixels(page.width, page.height),
      });
  }
  if (scans.length > 0) {
    const tools = options.tools ?? (await findOcrTools());
    const where = (s: { number: number }) => (pdf.pageCount > 1 ? `第 ${s.number} 页` : "");
    if (!tools.tesseract || !tools.pdftoppm) {
      const which = scans.length === 1 ? `${where(scans[0]!)}${scans[0]!.why}，` : `${scans.length} 页没有可用的文字层，`;
      out.skipped.push(missingOcr(source, which));
      scans.length = 0;
    }
    const budget = options.ocrBudgetMs ?? OCR_FILE_BUDGET_MS;
    const started = Date.now();
    for (const [i, scan] of scans.entries()) {
      if (i >= MAX_OCR_PAGES) {
        out.skipped.push(`${source}：扫描页过多（${scans.length} 页），只识别了前 ${MAX_OCR_PAGES} 页`);
        break;
      }
      const left = budget - (Date.now() - started);
      if (left <= 0) {
        out.skipped.push(`${source}：文字识别超过时限（${Math.round(budget / 60_000)} 分钟），其余 ${scans.length - i} 个扫描页未识别`);
        break;
      }
      // Rendered at RENDER_DPI, a page this large would not fit in memory (an image is refused the same).
      if (scan.pixels > MAX_PIXELS) {
        out.skipped.push(`${source}：${where(scan)}页面过大（渲染后 ${Math.round(scan.pixels / 1e6)} 百万像素，上限 ${MAX_PIXELS / 1e6}），未识别`);
        continue;
      }
      try {
        const key = ocrKey(options.sha256, scan.number, tools);
        const tsv = await ocrPdfPage(path, scan.number, key, source, options.ocrCacheDir, Math.min(OCR_TIMEOUT_MS, left));
        const text = [...ocrText(tsv, options.tokenizer, source).values()].join("\n\n");
        out.pages.push({ number: scan.number, text, via: "ocr" });
      } catch (error) {
        out.skipped.push(error instanceof AppError ? `${error.detail}（${where(scan)}${scan.why}）` : `${source}：${(error as Error).message}`);
      }
    }
  }
  // Text-layer pages were taken first and scans after: give them back in the file's order.
  out.pages.sort((a, b) => a.number - b.number);
  if (out.pages.length === 0) {
    throw new AppError("corpus:unreadable", out.skipped.length === 1 ? out.skipped[0]! : `${source}：没有可读的页（${out.skipped.join("；")}）`);
  }
  return out;
}
