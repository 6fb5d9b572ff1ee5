import { execFile } from "node:child_process";
import { existsSync } from "node:fs";
import { readFile, writeFile } from "node:fs/promises";
import { promisify } from "node:util";
import PDFDocument from "pdfkit";
import { parseFrontMatter } from "../../src/ingest/front-matter.js";
import { parsePage } from "../../src/ingest/parse-page.js";
import type { Article } from "../../src/ingest/types.js";
import { defaultTokenizer } from "../../src/text/tokenize.js";

/**
 * Multi-column e-paper PDFs made from the seed pages, as a newsroom's layout program would set
 * them: the masthead across the top of a front page, each article's headline set large over the
 * columns it runs in, the text flowing down one column and on at the top of the next. Two
 * layouts, so that a reader fitted to one would fail the other:
 * - "broadsheet": A3, 6 columns; each article a band with its headline spanning all of them; text
 *   drawn a line per run; paragraphs indented.
 * - "flow": A3 landscape-ish 5 columns with wider gutters; articles follow one another down the
 *   columns, headlines inside one column; text drawn a character per run (as some writers do).
 */
export type Layout = "broadsheet" | "flow";

/** The CJK font Debian's fonts-noto-cjk installs (pdfkit reads one face of the collection). */
export const CJK_FONT = "/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc";
export const CJK_FACE = "NotoSansCJKsc-Regular";
export const hasCjkFont = () => existsSync(CJK_FONT);

const run = promisify(execFile);

interface Style {
  width: number;
  height: number;
  margin: number;
  columns: number;
  gutter: number;
  body: number;
  leading: number;
  headline: number;
}

const STYLES: Record<Layout, Style> = {
  broadsheet: { width: 842, height: 1191, margin: 36, columns: 6, gutter: 12, body: 9, leading: 13, headline: 22 },
  flow: { width: 1000, height: 1191, margin: 40, columns: 5, gutter: 18, body: 10, leading: 15, headline: 15 },
};

/** The articles of a seed page file and its front matter (given to the PDF as a sidecar). */
export async function seedArticles(txtPath: string): Promise<{ articles: Article[]; sidecar: string; masthead: string[] }> {
  const raw = await readFile(txtPath, "utf8");
  const fm = /^---\r?\n([\s\S]*?)\r?\n---\r?\n/.exec(raw);
  const sidecar = (fm?.[1] ?? "")
    .split("\n")
    .filter((l) => !l.trim().startsWith("#"))
    .join("\n");
  const page = parsePage(raw, txtPath, defaultTokenizer([]));
  const { text } = parseFrontMatter(raw);
  const masthead: string[] = [];
  if (page.meta.issue && page.meta.date && page.meta.page === 1) {
    const [y, m, d] = page.meta.date.split("-");
    masthead.push(page.meta.paper ?? "", `${y}年${Number(m)}月${Number(d)}日 星期二`, `总第${page.meta.issue}期`, "今日4版");
  }
  void text;
  return { articles: page.articles, sidecar, masthead };
}

/** Breaks `text` into lines no wider than `width` at `size` (CJK text breaks anywhere). */
function breakLines(doc: PDFKit.PDFDocument, text: string, width: number, size: number, indent: number): string[] {
  doc.fontSize(size);
  const lines: string[] = [];
  let line = "";
  let room = width - indent;
  for (const ch of text) {
    if (doc.widthOfString(line + ch) > room && line !== "") {
      lines.push(line);
      line = "";
      room = width;
    }
    line += ch;
  }
  if (line) lines.push(line);
  return lines;
}

interface Cursor {
  col: number;
  y: number;
  top: number;
}

/**
 * Writes `articles` as a PDF at `out` in the given layout; returns the number of PDF pages.
 * `masthead` lines (paper, date, issue) go at the top of the first page.
 */
export async function writePaperPdf(out: string, articles: readonly Article[], masthead: readonly string[], layout: Layout): Promise<number> {
  const s = STYLES[layout];
  const doc = new PDFDocument({ size: [s.width, s.height], margin: 0, info: { CreationDate: new Date(0), Title: "昌吉日报" } });
  const chunks: Buffer[] = [];
  doc.on("data", (c: Buffer) => chunks.push(c));
  const done = new Promise<void>((resolve) => doc.on("end", () => resolve()));
  doc.font(CJK_FONT, CJK_FACE);
  const colWidth = (s.width - 2 * s.margin - (s.columns - 1) * s.gutter) / s.columns;
  const colX = (c: number) => s.margin + c * (colWidth + s.gutter);
  const bottom = s.height - s.margin;
  let pages = 1;
  let top = s.margin;

  if (masthead.length > 0) {
    doc.fontSize(48).text(masthead[0]!, s.width / 2 - 100, top, { lineBreak: false });
    doc.fontSize(10);
    masthead.slice(1).forEach((line, i) => doc.text(line, s.width - s.margin - 150, top + 4 + i * 14, { lineBreak: false }));
    doc.fontSize(8).text("中共昌吉回族自治州委员会主管主办 昌吉州融媒体中心出版", s.margin, top + 10, { lineBreak: false });
    top += 70;
    doc
      .moveTo(s.margin, top - 8)
      .lineTo(s.width - s.margin, top - 8)
      .stroke();
  }

  const newPage = () => {
    doc.addPage({ size: [s.width, s.height], margin: 0 });
    doc.font(CJK_FONT, CJK_FACE);
    pages++;
    top = s.margin;
  };
  const draw = (text: string, x: number, y: number, size: number) => {
    doc.fontSize(size);
    if (layout === "broadsheet") {
      doc.text(text, x, y, { lineBreak: false });
      return;
    }
    let at = x;
    for (const ch of text) {
      doc.text(ch, at, y, { lineBreak: false });
      at += doc.widthOfString(ch);
    }
  };

  const flowCursor: Cursor = { col: 0, y: top, top };
  for (const a of articles) {
    const paragraphs = a.body.split("\n").filter((p) => p.trim() !== "");
    const captions = a.captions.map((c) => c.replace(/（(.+?) 摄）$/u, "□$1摄"));
    const inline = a.byline !== null && /^(本报讯|据)|讯|报道$/u.test(a.byline);
    // A photographer's credit (梁宏涛 摄) stands under the picture story, not over it.
    const credit = a.byline !== null && /摄$/u.test(a.byline);
    const bylineLines = a.byline && !inline && !credit ? [`□${a.byline}`] : [];
    // Body lines: [text, size, indent]
    const lines: Array<[string, number, number]> = [];
    for (const b of bylineLines) for (const l of breakLines(doc, b, colWidth, s.body, 0)) lines.push([l, s.body, 0]);
    paragraphs.forEach((p, i) => {
      const lead = i === 0 && inline ? `${a.byline}：` : "";
      for (const [k, l] of breakLines(doc, lead + p, colWidth, s.body, 2 * s.body).entries()) lines.push([l, s.body, k === 0 ? 2 * s.body : 0]);
    });
    if (credit) lines.push([a.byline!, s.body, 0]);
    for (const c of captions) for (const l of breakLines(doc, c, colWidth, s.body - 1.5, 0)) lines.push([l, s.body - 1.5, 0]);

    if (layout === "broadsheet") {
      const span = s.width - 2 * s.margin;
      const heads: Array<[string, number]> = [];
      if (a.section) heads.push([a.section, 12]);
      if (a.title) heads.push([a.title, s.headline]);
      if (a.subtitle) heads.push([a.subtitle, 13]);
      const headLines = heads.flatMap(([t, size]) => breakLines(doc, t, span, size, 0).map((l) => [l, size] as [string, number]));
      const headHeight = headLines.reduce((h, [, size]) => h + size * 1.35, 0) + (headLines.length ? 8 : 0);
      const perColumn = Math.ceil(lines.length / s.columns);
      if (top + headHeight + Math.min(perColumn, 12) * s.leading > bottom) newPage();
      let y = top;
      for (const [l, size] of headLines) {
        draw(l, s.margin + (span - doc.fontSize(size).widthOfString(l)) / 2, y, size);
        y += size * 1.35;
      }
      y += headLines.length ? 8 : 0;
      const rows = Math.max(1, Math.min(perColumn, Math.floor((bottom - y) / s.leading)));
      let i = 0;
      while (i < lines.length) {
        for (let c = 0; c < s.columns && i < lines.length; c++) {
          for (let r = 0; r < rows && i < lines.length; r++, i++) {
            const [l, size, indent] = lines[i]!;
            draw(l, colX(c) + indent, y + r * s.leading, size);
          }
        }
        top = y + rows * s.leading + 18;
        if (i < lines.length) {
          newPage();
          y = top;
        }
      }
    } else {
      const cur = flowCursor;
      const put = (text: string, size: number, indent: number, lead: number) => {
        if (cur.y + lead > bottom) {
          cur.col++;
          cur.y = cur.top;
          if (cur.col >= s.columns) {
            newPage();
            cur.col = 0;
            cur.top = top;
            cur.y = top;
          }
        }
        draw(text, colX(cur.col) + indent, cur.y, size);
        cur.y += lead;
      };
      cur.y += 10;
      // A headline is never broken over two columns: it moves on with its first lines of text.
      const headRows = [a.section, a.title, a.subtitle].filter(Boolean).length * 2;
      if (cur.y + headRows * 22 + 4 * s.leading > bottom) cur.y = bottom + 1;
      if (a.section) for (const l of breakLines(doc, a.section, colWidth, 11, 0)) put(l, 11, 0, 16);
      if (a.title) for (const l of breakLines(doc, a.title, colWidth, s.headline, 0)) put(l, s.headline, 0, s.headline * 1.4);
      if (a.subtitle) for (const l of breakLines(doc, a.subtitle, colWidth, 11, 0)) put(l, 11, 0, 16);
      cur.y += 4;
      for (const [l, size, indent] of lines) put(l, size, indent, s.leading);
    }
  }
  doc.end();
  await done;
  await writeFile(out, Buffer.concat(chunks));
  return pages;
}

/** Renders every page of a PDF to PNG (pdftoppm) at `dpi`; returns the image paths. */
export async function renderPages(pdf: string, prefix: string, dpi: number): Promise<string[]> {
  await run("pdftoppm", ["-r", String(dpi), "-png", "-gray", pdf, prefix]);
  const { stdout } = await run("sh", ["-c", `ls "${prefix}"*.png`]);
  return stdout.trim().split("\n").sort();
}

/** An image-only PDF: each PNG drawn full page, no text layer at all. */
export async function imageOnlyPdf(out: string, images: readonly string[], width: number, height: number): Promise<void> {
  const doc = new PDFDocument({ size: [width, height], margin: 0, autoFirstPage: false, info: { CreationDate: new Date(0) } });
  const chunks: Buffer[] = [];
  doc.on("data", (c: Buffer) => chunks.push(c));
  const done = new Promise<void>((resolve) => doc.on("end", () => resolve()));
  for (const image of images) {
    doc.addPage({ size: [width, height], margin: 0 });
    doc.image(image, 0, 0, { width, height });
  }
  doc.end();
  await done;
  await writeFile(out, Buffer.concat(chunks));
}

/** Whether the OCR tools the scan tests need are installed. */
export async function hasOcrTools(): Promise<boolean> {
  try {
    await run("pdftoppm", ["-v"]);
    const { stdout, stderr } = await run("tesseract", ["--list-langs"]);
    return /^chi_sim$/m.test(stdout + stderr);
  } catch {
    return false;
  }
}

/** A Python with ReportLab (Debian's python3-reportlab), or null. */
export async function reportlabPython(): Promise<string | null> {
  for (const python of ["/usr/bin/python3", "python3"]) {
    try {
      await run(python, ["-c", "import reportlab"]);
      return python;
    } catch {
      // try the next one
    }
  }
  return null;
}

/** The seed page set by ReportLab (test/support/reportlab-paper.py) instead of pdfkit. */
export async function writeReportlabPdf(python: string, out: string, articles: readonly Article[]): Promise<void> {
  const json = `${out}.json`;
  const records = articles.map((a) => ({ title: a.title, byline: a.byline, body: a.body }));
  await writeFile(json, JSON.stringify(records));
  await run(python, [new URL("./reportlab-paper.py", import.meta.url).pathname, json, out]);
}
