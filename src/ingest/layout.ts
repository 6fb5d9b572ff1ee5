import { endsSentence, opensItem } from "./paragraphs.js";

/**
 * Reading order of a laid-out newspaper page, from the positions and sizes of its text alone.
 *
 * The input is what a PDF text layer or an OCR engine gives: runs of text with a box each. The
 * page is cut recursively at white space (XY-cut): first into horizontal bands (masthead, a
 * headline spanning columns, the articles under it), then each band into columns at the gutters,
 * and so on, so a headline set over four columns is read before those columns, and columns are
 * read left to right. Size is the headline evidence: a row set clearly larger than the body text
 * is a heading, and the larger, the higher its rank. Nothing here knows a generator.
 */

/** A run of text on a page, in page units with y growing downwards. */
export interface TextBox {
  text: string;
  x: number;
  /** Top of the run. */
  y: number;
  width: number;
  /** Font size, or the height of the OCR line the run belongs to. */
  size: number;
}

interface Row {
  text: string;
  /** The row's last run ended in a space: a line broken at a space between two words. */
  spaceAfter: boolean;
  left: number;
  right: number;
  top: number;
  bottom: number;
  size: number;
}

const CJK = /[\p{Script=Han}\u3000-\u303f\uff00-\uffef“”‘’《》、，。：；！？（）—…·]/u;
/** A row at least this much larger than the body text is a heading (headlines, kickers, banners). */
const HEADING_RATIO = 1.15;
/** Gutter and band gaps, in body-text sizes. */
const MIN_GUTTER = 0.6;
const MIN_BAND_GAP = 0.9;
const DATELINE =
  /^(?:本报讯[^。：:]{0,40}(?:报道|讯)|据[\p{Script=Han}]{2,10}(?:报|社|台|网)报道|[\p{Script=Han}]{2,12}\d{1,2}月\d{1,2}日(?:电|讯)[^。：:]{0,40}?(?:报道)?)$/u;

/** The body-text size: the size most characters are set in. */
export function bodySize(boxes: readonly TextBox[]): number {
  const weight = new Map<number, number>();
  for (const b of boxes) {
    const key = Math.round(b.size * 2) / 2;
    weight.set(key, (weight.get(key) ?? 0) + [...b.text.replace(/\s/g, "")].length);
  }
  let best = 0;
  let most = -1;
  for (const [size, w] of weight) if (w > most || (w === most && size < best)) [best, most] = [size, w];
  return best || 10;
}

/**
 * Splits runs that hold a wide space into pieces, placing each piece by its share of the run's
 * characters: some writers put a whole row across a gutter into one run.
 */
export function splitWideRuns(boxes: readonly TextBox[]): TextBox[] {
  const out: TextBox[] = [];
  for (const b of boxes) {
    const parts = b.text.split(/(\s{3,}|\u3000{2,})/u);
    if (parts.length === 1) {
      out.push(b);
      continue;
    }
    const units = (s: string) => [...s].reduce((n, ch) => n + (CJK.test(ch) ? 1 : 0.55), 0);
    const total = units(b.text) || 1;
    let at = 0;
    for (const part of parts) {
      const w = (units(part) / total) * b.width;
      if (part.trim() !== "") out.push({ ...b, text: part, x: b.x + at, width: w });
      at += w;
    }
  }
  return out;
}

/** Intervals of [from, to] merged where they overlap or touch within `slack`. */
function merge(spans: Array<[number, number, TextBox]>, slack: number): Array<{ from: number; to: number; boxes: TextBox[] }> {
  const sorted = [...spans].sort((a, b) => a[0] - b[0]);
  const out: Array<{ from: number; to: number; boxes: TextBox[] }> = [];
  for (const [from, to, box] of sorted) {
    const last = out[out.length - 1];
    if (last && from <= last.to + slack) {
      last.to = Math.max(last.to, to);
      last.boxes.push(box);
    } else out.push({ from, to, boxes: [box] });
  }
  return out;
}

/** The least of `f` over `items` (Infinity for none). A loop: spreading 150k runs into Math.min overflows the stack. */
function least<T>(items: readonly T[], f: (item: T) => number): number {
  let m = Number.POSITIVE_INFINITY;
  for (const item of items) {
    const v = f(item);
    if (v < m) m = v;
  }
  return m;
}

/** The greatest of `f` over `items` (-Infinity for none); a loop, as `least`. */
function most<T>(items: readonly T[], f: (item: T) => number): number {
  let m = Number.NEGATIVE_INFINITY;
  for (const item of items) {
    const v = f(item);
    if (v > m) m = v;
  }
  return m;
}

const isHeading = (size: number, body: number) => size >= body * HEADING_RATIO;

/**
 * Bands of a region: cut at horizontal white space clearly wider than the space between two lines
 * of a column, or beside a heading row. Columns whose paragraph breaks happen to fall at the same
 * height are not cut there, or their text would be read across.
 */
function bands(boxes: TextBox[], body: number, rowGaps: RowGaps): TextBox[][] | null {
  // A box's vertical extent is shrunk a little: touching rows of one column must not merge.
  const rows = merge(
    boxes.map((b) => [b.y + b.size * 0.1, b.y + b.size * 0.9, b]),
    0,
  );
  if (rows.length < 2) return null;
  const gaps = rows.slice(1).map((r, i) => r.from - rows[i]!.to);
  const headingRow = (r: (typeof rows)[number]) => r.boxes.every((b) => isHeading(b.size, body));
  const out: TextBox[][] = [[...rows[0]!.boxes]];
  rows.slice(1).forEach((r, i) => {
    const gap = gaps[i]!;
    // Two rows of one headline are set with room between them: not a band gap.
    const bothHeadings = headingRow(r) && headingRow(rows[i]!);
    const headingSize = Math.min(
      least(r.boxes, (b) => b.size),
      least(rows[i]!.boxes, (b) => b.size),
    );
    const wide = gap >= body * MIN_BAND_GAP && gap >= rowGaps.line + body * 0.5 && (!bothHeadings || gap >= headingSize * 0.9);
    const besideHeading = gap > body * 0.1 && headingRow(r) !== headingRow(rows[i]!);
    // Columns on one grid above and below a gap of a blank line or so: paragraph breaks that
    // happen to fall together, not two bands. Only a wider gap then separates bands.
    const sameGrid = () => {
      const above = gutters(
        rows.slice(0, i + 1).flatMap((x) => x.boxes),
        body,
      );
      const below = gutters(
        rows.slice(i + 1).flatMap((x) => x.boxes),
        body,
      );
      return above.length > 0 && above.length === below.length && above.every((c, k) => Math.abs(c - below[k]!) < body * 1.5);
    };
    const pitch = rowGaps.line + body * 0.8;
    if (besideHeading || (wide && (gap >= pitch * 1.8 || !sameGrid()))) out.push([...r.boxes]);
    else out[out.length - 1]!.push(...r.boxes);
  });
  return out.length > 1 ? out : null;
}

/**
 * Columns of a region: cut at vertical white space. A gutter may be crossed by a stray run or two
 * (a byline set a little too wide, a box measured with its trailing space): up to 3% of the
 * region's rows may cross it; each run then goes to the column it starts in.
 */
function gutters(boxes: readonly TextBox[], body: number): number[] {
  const left = least(boxes, (b) => b.x);
  const right = most(boxes, (b) => b.x + b.width);
  const step = body / 4;
  const cells = Math.min(20_000, Math.ceil((right - left) / step) + 1);
  const cover = new Int32Array(cells);
  for (const b of boxes) {
    const from = Math.floor((b.x - left) / step);
    const to = Math.min(cells - 1, Math.ceil((b.x + b.width - left) / step) - 1);
    for (let i = Math.max(0, from); i <= to; i++) cover[i]!++;
  }
  // Counted in rows, not runs: a writer may set each character as a run of its own.
  const rowCount = merge(
    boxes.map((b) => [b.y + b.size * 0.1, b.y + b.size * 0.9, b]),
    0,
  ).length;
  const allowed = rowCount >= 4 ? Math.max(1, Math.floor(rowCount * 0.03)) : 0;
  const minCells = Math.ceil((body * MIN_GUTTER) / step);
  const cuts: number[] = [];
  for (let i = 0; i < cells; ) {
    if (cover[i]! > allowed) {
      i++;
      continue;
    }
    let j = i;
    while (j < cells && cover[j]! <= allowed) j++;
    if (i > 0 && j < cells && j - i >= minCells) cuts.push(left + ((i + j) / 2) * step);
    i = j;
  }
  return cuts;
}

function columns(boxes: TextBox[], body: number): TextBox[][] | null {
  const cuts = gutters(boxes, body);
  if (cuts.length === 0) return null;
  const parts: TextBox[][] = Array.from({ length: cuts.length + 1 }, () => []);
  for (const b of boxes) {
    // By where it starts: a run too wide for its column overflows to the right.
    const start = b.x + Math.min(b.width / 2, body);
    parts[cuts.filter((c) => c < start).length]!.push(b);
  }
  const filled = parts.filter((p) => p.length > 0);
  return filled.length > 1 ? filled : null;
}

/** A region that is a single row is read left to right, not cut at its word spaces. */
function singleRow(boxes: TextBox[]): boolean {
  const top = least(boxes, (b) => b.y);
  const bottom = most(boxes, (b) => b.y + b.size);
  return bottom - top <= most(boxes, (b) => b.size) * 1.6;
}

/** White space between two rows of one column. */
export interface RowGaps {
  line: number;
}

/**
 * The white space between rows of one column, as the shrunk row extents of `bands` see it: from
 * runs that start at the same place on successive rows (a column's left edge, or one character
 * position when each character is a run): the usual one is the line gap. Pure.
 */
export function rowGapsOf(boxes: readonly TextBox[], body: number): RowGaps {
  const starts = new Map<number, number[]>();
  for (const b of boxes) {
    if (Math.abs(b.size - body) > body * 0.15) continue;
    const key = Math.round(b.x / (body / 2));
    const list = starts.get(key) ?? [];
    list.push(b.y);
    starts.set(key, list);
  }
  const pitches: number[] = [];
  for (const ys of starts.values()) {
    ys.sort((a, b) => a - b);
    for (let i = 1; i < ys.length; i++) {
      const d = ys[i]! - ys[i - 1]!;
      if (d > body * 0.5 && d < body * 4) pitches.push(d);
    }
  }
  if (pitches.length < 3) return { line: body * 0.5 };
  pitches.sort((a, b) => a - b);
  return { line: Math.max(0, pitches[Math.floor(pitches.length / 2)]! - body * 0.8) };
}

/** The leaf blocks of a page in reading order. */
export function readingOrder(boxes: TextBox[], body: number, gaps = rowGapsOf(boxes, body), depth = 0): TextBox[][] {
  if (boxes.length <= 1 || depth > 40 || singleRow(boxes)) return [boxes];
  const parts = bands(boxes, body, gaps) ?? columns(boxes, body);
  if (!parts) return [boxes];
  return parts.flatMap((p) => readingOrder(p, body, gaps, depth + 1));
}

/** Runs of one row as they are gathered: the lowest top, the lowest bottom and the least size so far. */
interface RowGroup {
  boxes: TextBox[];
  top: number;
  bottom: number;
  size: number;
}

/** The rows of one block, top to bottom, each read left to right. */
export function blockRows(block: readonly TextBox[], ocr = false): Row[] {
  const sorted = [...block].sort((a, b) => a.y - b.y || a.x - b.x);
  const groups: RowGroup[] = [];
  // Runs come top to bottom, so a group whose lowest top lies more than half the largest size
  // above the run can take neither it nor any run after it: only the recent groups are looked
  // at, each knowing its extent, and a page is laid out in about linear time.
  const reach = most(sorted, (b) => b.size) * 0.5;
  let open: RowGroup[] = [];
  for (const b of sorted) {
    if (open.length > 0 && b.y - open[0]!.top >= reach) open = open.filter((g) => b.y - g.top < reach);
    const g = open.find((g) => {
      const size = Math.min(b.size, g.size);
      return Math.abs(b.y - g.top) < size * 0.5 && Math.abs(b.y + b.size - g.bottom) < size * 0.6;
    });
    if (g) {
      g.boxes.push(b);
      g.top = Math.max(g.top, b.y);
      g.bottom = Math.max(g.bottom, b.y + b.size);
      g.size = Math.min(g.size, b.size);
    } else {
      const fresh = { boxes: [b], top: b.y, bottom: b.y + b.size, size: b.size };
      groups.push(fresh);
      open.push(fresh);
    }
  }
  return groups.map(({ boxes: g }) => {
    g.sort((a, b) => a.x - b.x);
    let text = "";
    let end = -Infinity;
    for (const b of g) {
      const piece = b.text.trim();
      const gap = b.x - end;
      const cjk = CJK.test(text.slice(-1)) && CJK.test(piece[0] ?? "");
      // Between Chinese characters only a wide gap is a space (headline parts set apart).
      const spaced = text !== "" && gap > b.size * (cjk ? 0.6 : 0.3);
      text += (spaced ? " " : "") + piece;
      end = Math.max(end, b.x + b.width);
    }
    const chars = g.map((b) => ({ size: b.size, n: b.text.trim().length }));
    const size =
      chars.reduce((s, c) => s + c.size * c.n, 0) /
      Math.max(
        1,
        chars.reduce((s, c) => s + c.n, 0),
      );
    return {
      text: ocr ? closeCjkSpaces(text) : text.trim(),
      spaceAfter: !ocr && /\s$/u.test(g[g.length - 1]!.text),
      left: least(g, (b) => b.x),
      right: most(g, (b) => b.x + b.width),
      top: least(g, (b) => b.y),
      bottom: most(g, (b) => b.y + b.size),
      size,
    };
  });
}

/** OCR (and some writers) put spaces between Chinese characters; they are not in the print. */
export function closeCjkSpaces(text: string): string {
  const cjk = "\\p{Script=Han}\\u3000-\\u303f\\uff00-\\uffef“”‘’《》";
  // Between two Chinese characters, or between one and a figure (共接到 20372 件 → 共接到20372件).
  const between = new RegExp(`(?<=[${cjk}])[ \\t]+(?=[${cjk}])|(?<=[${cjk}])[ \\t]+(?=[0-9])|(?<=[0-9%])[ \\t]+(?=[${cjk}])`, "gu");
  return text.replace(between, "").trim();
}

/** Heading rank from size: 1 for the page's largest type, 2 for headlines, 3 for kickers and sub-heads. */
function headingLevel(size: number, body: number): number {
  const ratio = size / body;
  return ratio >= 2.2 ? 1 : ratio >= 1.45 ? 2 : 3;
}

/**
 * Lays a page's text runs out as page text for the .txt reader: headings marked with "#" by size,
 * body paragraphs one a line (joined across column ends while a sentence is open), blank lines
 * between. OCR output (`ocr`) has spaces between Chinese characters that are not in the print:
 * they are closed. Pure.
 */
export function layoutText(input: readonly TextBox[], options: { ocr?: boolean } = {}): string {
  const boxes = splitWideRuns(input.filter((b) => b.text.trim() !== "" && b.size > 0 && Number.isFinite(b.x + b.y + b.width)));
  if (boxes.length === 0) return "";
  const body = bodySize(boxes);
  const out: string[] = [];
  let open: { text: string; size: number; spaceAfter: boolean; endsShort: boolean } | null = null;
  const flush = () => {
    if (open) out.push(open.text, "");
    open = null;
  };
  for (const block of readingOrder(boxes, body)) {
    const rows = blockRows(block, options.ocr ?? false);
    const left = least(rows, (r) => r.left);
    const right = most(rows, (r) => r.right);
    let heading: { text: string; level: number } | null = null;
    rows.forEach((row, i) => {
      if (isHeading(row.size, body)) {
        const level = headingLevel(row.size, body);
        if (heading && heading.level === level) heading.text += joiner(heading.text, row.text) + row.text;
        else {
          if (heading) out.push(`${"#".repeat(heading.level)} ${heading.text}`, "");
          flush();
          heading = { text: row.text, level };
        }
        return;
      }
      if (heading) {
        out.push(`${"#".repeat(heading.level)} ${heading.text}`, "");
        heading = null;
      }
      const previous = i > 0 ? rows[i - 1]! : null;
      const current = open as { text: string; size: number; spaceAfter: boolean; endsShort: boolean } | null;
      const sameSize = current !== null && Math.abs(current.size - row.size) <= body * 0.12;
      const indented = row.left - left >= row.size * 0.8;
      // A row that stops well short of the column's right edge ends its paragraph (the first row
      // of a block has none before it: it goes on an open paragraph, the text of a column end).
      const short = previous !== null ? previous.right < right - row.size * 2 : (current?.endsShort ?? false);
      // A photo credit (□毕金录摄) closes its caption; a short byline row stands alone.
      const credit = /摄$/u.test(row.text) && row.text.length <= 24;
      const goesOn =
        current !== null &&
        sameSize &&
        !indented &&
        !short &&
        (credit || (!opensItem(row.text) && !endsSentence(current.text))) &&
        !(previous !== null && bylineRow(current.text) && previous.right < right - row.size);
      const endsShort = row.right < right - row.size * 2;
      // A dateline set on a line of its own (本报讯 记者喻兰报道) opens the story under it.
      const dateline = !goesOn && current !== null && sameSize && DATELINE.test(current.text) && !opensItem(row.text);
      if (goesOn || dateline) {
        current!.text += (current!.spaceAfter || (dateline && !/^[：:，,]/u.test(row.text)) ? " " : joiner(current!.text, row.text)) + row.text;
        current!.spaceAfter = row.spaceAfter;
        current!.endsShort = endsShort;
      } else {
        flush();
        open = { text: row.text, size: row.size, spaceAfter: row.spaceAfter, endsShort };
      }
    });
    if (heading) {
      const h = heading as { text: string; level: number };
      out.push(`${"#".repeat(h.level)} ${h.text}`, "");
    }
  }
  flush();
  return `${out
    .join("\n")
    .replace(/\n{3,}/g, "\n\n")
    .trim()}\n`;
}

/** A byline row (□本报记者 刘茜, 本报通讯员 宋华敏) stands alone; a dateline (本报讯 …报道：) runs on. */
function bylineRow(text: string): boolean {
  return /^□/u.test(text) || (/^(本报记者|本报通讯员|记者|通讯员)/u.test(text) && !/讯|报道[：:]?$/u.test(text));
}

/** Nothing between Chinese characters or the digits of a figure cut by a line end; a space between Latin words. */
function joiner(before: string, after: string): string {
  return /[A-Za-z]$/.test(before) && /^[A-Za-z]/.test(after) ? " " : "";
}
