import { createHash } from "node:crypto";
import { mkdir, readFile, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { crc32, deflateSync } from "node:zlib";
import PDFDocument from "pdfkit";
import { ocrKey, type OcrTools } from "../../src/ingest/ocr.js";
import { CJK_FACE, CJK_FONT } from "./paper-pdf.js";

/** A page of a small PDF: set in text (a text layer), or a scan (an image, its OCR given as lines). */
export type MixedPage = { kind: "text" | "scan"; lines: Array<{ text: string; heading?: boolean }>; size?: [number, number] };

const WIDTH = 595;
const HEIGHT = 842;
const BODY = 10;
const HEADLINE = 20;

/** A white greyscale PNG of `w`×`h` pixels: what a blank scan looks like to pdfkit. */
export function blankPng(w: number, h: number): Buffer {
  const chunk = (type: string, data: Buffer) => {
    const body = Buffer.concat([Buffer.from(type, "ascii"), data]);
    const len = Buffer.alloc(4);
    len.writeUInt32BE(data.length);
    const crc = Buffer.alloc(4);
    crc.writeUInt32BE(crc32(body));
    return Buffer.concat([len, body, crc]);
  };
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(w, 0);
  ihdr.writeUInt32BE(h, 4);
  ihdr[8] = 8; // bit depth
  ihdr[9] = 0; // greyscale
  const raw = Buffer.alloc((w + 1) * h, 0xff);
  for (let y = 0; y < h; y++) raw[y * (w + 1)] = 0; // filter byte of each row
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk("IHDR", ihdr),
    chunk("IDAT", deflateSync(raw)),
    chunk("IEND", Buffer.alloc(0)),
  ]);
}

/** Lines of at most `n` characters (CJK text breaks anywhere). */
const wrap = (text: string, n: number) => {
  const chars = [...text];
  const out: string[] = [];
  for (let i = 0; i < chars.length; i += n) out.push(chars.slice(i, i + n).join(""));
  return out;
};

/**
 * Writes `pages` as one PDF at `out`: text pages set in one column (headings large), scanned
 * pages as a blank image with no text layer. Returns what Tesseract would have read from each
 * scan, as TSV keyed by 1-based page, so a test can put it in the OCR cache instead of running OCR.
 */
export async function writeMixedPdf(out: string, pages: readonly MixedPage[]): Promise<Map<number, string>> {
  const doc = new PDFDocument({ size: [WIDTH, HEIGHT], margin: 0, autoFirstPage: false, info: { CreationDate: new Date(0) } });
  const chunks: Buffer[] = [];
  doc.on("data", (c: Buffer) => chunks.push(c));
  const done = new Promise<void>((resolve) => doc.on("end", () => resolve()));
  const tsvs = new Map<number, string>();
  for (const [i, page] of pages.entries()) {
    const [width, height] = page.size ?? [WIDTH, HEIGHT];
    doc.addPage({ size: [width, height], margin: 0 });
    doc.font(CJK_FONT, CJK_FACE);
    if (page.kind === "scan") {
      doc.image(blankPng(60, 85), 0, 0, { width, height });
      tsvs.set(i + 1, scanTsv(page.lines));
      continue;
    }
    let y = 50;
    for (const line of page.lines) {
      const size = line.heading ? HEADLINE : BODY;
      for (const row of wrap(line.text, line.heading ? 24 : 46)) {
        doc.fontSize(size).text(row, 50, y, { lineBreak: false });
        y += size * 1.5;
      }
      y += line.heading ? 6 : 0;
    }
  }
  doc.end();
  await done;
  await writeFile(out, Buffer.concat(chunks));
  return tsvs;
}

/** Tesseract's TSV for lines on a 200 dpi page: a line row (level 4) and one word (level 5) each. */
function scanTsv(lines: MixedPage["lines"]): string {
  const rows = ["level\tpage_num\tblock_num\tpar_num\tline_num\tword_num\tleft\ttop\twidth\theight\tconf\ttext"];
  let top = 140;
  let n = 0;
  for (const line of lines) {
    const height = line.heading ? 56 : 28;
    for (const text of wrap(line.text, line.heading ? 24 : 46)) {
      n++;
      const width = [...text].length * height;
      rows.push(`4\t1\t1\t1\t${n}\t0\t140\t${top}\t${width}\t${height}\t-1\t`);
      rows.push(`5\t1\t1\t1\t${n}\t1\t140\t${top}\t${width}\t${height}\t95\t${text}`);
      top += Math.round(height * 1.5);
    }
    top += line.heading ? 16 : 0;
  }
  return `${rows.join("\n")}\n`;
}

/** Puts each scan's TSV in `cacheDir` under the key OCR of `pdf` would use, as if it had been read. */
export async function cacheScans(pdf: string, tsvs: Map<number, string>, cacheDir: string, tools: OcrTools): Promise<void> {
  const sha256 = createHash("sha256")
    .update(await readFile(pdf))
    .digest("hex");
  await mkdir(cacheDir, { recursive: true });
  for (const [page, tsv] of tsvs) await writeFile(join(cacheDir, `${ocrKey(sha256, page, tools)}.tsv`), tsv);
}
