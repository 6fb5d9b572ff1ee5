import { normalizeText, printWidth } from "../text/normalize.js";
import type { Paragraph } from "./types.js";

/**
 * Undoing the column layout of PDF-extracted newspaper text.
 *
 * Two layouts occur: "column" pages hard-wrapped at the printed column width (a line per ~15
 * characters, words cut anywhere), and "paragraph" pages with one paragraph per line. Both put
 * blank lines where a column ended, often inside a sentence. The rule that works for both: a line
 * that fills its column and does not end a sentence continues on the next line, even across blank
 * lines; a short line, or one that ends a sentence, ends its paragraph.
 */

const TERMINAL = /(?:[。！？!?…]|[。！？!?…][”’」』]|[）)])$/u;
const HAN_SPACE_HAN = /[\p{Script=Han}”》][ \t\u3000]+[\p{Script=Han}“《]/u;
const MARKDOWN_HEADING = /^(#{1,6})\s+(.*)$/;

const CREDIT = /^(?:□\s*)?(?:本报记者|本报通讯员|记者|通讯员)?\s*[\p{Script=Han}·]{1,4}(?:[ \t\u3000]+[\p{Script=Han}]{1,3})*\s*摄$/u;
const TRAILING_CREDIT = /\s*(□\s*(?:本报记者|本报通讯员|记者|通讯员)?\s*[\p{Script=Han}·]{1,4}(?:[ \t\u3000]+[\p{Script=Han}]{1,3})*\s*摄)$/u;
const BYLINE = /^(?:□\s*[^\s。！？，,].{0,28}|(?:本报记者|本报通讯员|本报评论员)[ \t\u3000]+[\p{Script=Han}、 \t\u3000]{2,24})$/u;
const TURN = /^[（(]\s*下转\s*(\d{1,2})\s*版\s*[）)]$/u;
const CONTINUED_FROM = /^[（(]\s*上接\s*(\d{1,2})\s*版\s*[）)]\s*/u;

/** Datelines and wire credits that open a news story; group 1 is what to keep as its byline. */
const LEADS: RegExp[] = [
  /^(本报讯[ \t\u3000]*(?:[^：:。]{0,40}?报道)?)[：:]?[ \t\u3000]*/u,
  /^(据[\p{Script=Han}]{2,10}(?:报|社|台|网)报道)[：:，,]?[ \t\u3000]*/u,
  /^([\p{Script=Han}]{2,12}\d{1,2}月\d{1,2}日(?:电|讯)[ \t\u3000]*(?:[^：:。]{0,40}?报道)?)[：:]?[ \t\u3000]*/u,
];

/** True when the line ends a sentence (。！？… optionally inside a closing quote). */
export function endsSentence(text: string): boolean {
  return TERMINAL.test(text.trimEnd());
}

interface Line {
  text: string;
  width: number;
  level: number;
}

interface Block {
  lines: Line[];
  gapBefore: number;
}

function toBlocks(text: string): Block[] {
  const blocks: Block[] = [];
  let gap = 0;
  let current: Block | null = null;
  for (const raw of text.split(/\r\n|\r|\n/)) {
    const line = raw.replace(/\s+$/u, "").replace(/^[ \t\u3000]+/u, "");
    if (line === "") {
      gap++;
      current = null;
      continue;
    }
    const md = MARKDOWN_HEADING.exec(line);
    const entry: Line = md
      ? { text: md[2]!.trim(), width: printWidth(md[2]!.trim()), level: md[1]!.length }
      : { text: line, width: printWidth(line), level: 0 };
    // A marked heading always stands alone.
    if (!current || entry.level > 0 || current.lines.some((l) => l.level > 0)) {
      current = { lines: [], gapBefore: gap };
      blocks.push(current);
    }
    current.lines.push(entry);
    gap = 0;
  }
  return blocks;
}

/** The printed column width: the usual width of lines that wrapped (not a paragraph's last). */
function columnWidth(blocks: Block[]): number {
  const widths = blocks.flatMap((b) => b.lines.slice(0, -1).map((l) => l.width)).sort((a, b) => a - b);
  if (widths.length < 5) return Infinity;
  return widths[Math.floor(widths.length / 2)]!;
}

/** Whether a line opens an item of its own (byline, credit, dateline, 上接/下转, sub-headline, "#" heading). */
export function opensItem(text: string): boolean {
  const md = MARKDOWN_HEADING.exec(text);
  return startsNewItem({ text, width: printWidth(text), level: md ? md[1]!.length : 0 });
}

function startsNewItem(line: Line): boolean {
  const t = line.text;
  return (
    line.level > 0 ||
    t.startsWith("——") ||
    t.startsWith("□") ||
    CREDIT.test(t) ||
    BYLINE.test(t) ||
    TURN.test(t) ||
    CONTINUED_FROM.test(t) ||
    LEADS.some((re) => re.test(t) && re !== LEADS[1])
  );
}

interface Piece {
  text: string;
  lastWidth: number;
  /** The width that counts as a full line where this piece ended. */
  fullWidth: number;
  level: number;
  gapBefore: number;
  lines: number;
}

/**
 * How much narrower than its column a line may be and still count as full: a paragraph's first
 * line lost its two-character indent in extraction, and spaces around digits blur widths.
 */
const SLACK = 2.5;
/** A paragraph's first line starts two characters in. */
const INDENT = 2;

function isFull(p: Piece): boolean {
  return p.lastWidth >= p.fullWidth - SLACK;
}

/** Splits each block into pieces: lines join while the previous one fills its column. */
function toPieces(blocks: Block[], pageWidth: number, paragraphLayout: boolean): Piece[] {
  const pieces: Piece[] = [];
  for (const block of blocks) {
    // Three lines or more show their own column's width; fewer say little, so the page's counts.
    const wrapped = block.lines
      .slice(0, -1)
      .map((l) => l.width)
      .sort((a, b) => a - b);
    const blockWidth = block.lines.length >= 3 ? wrapped[Math.floor(wrapped.length * 0.75)]! : Math.max(...block.lines.map((l) => l.width));
    const full = paragraphLayout ? 25 : block.lines.length >= 3 ? blockWidth : Math.max(blockWidth, pageWidth);
    let piece: Piece | null = null;
    block.lines.forEach((line, i) => {
      const prev = i > 0 ? block.lines[i - 1]! : null;
      const join = piece && prev && !startsNewItem(line) && !endsSentence(prev.text) && prev.width >= full - SLACK - (piece.lines === 1 ? INDENT : 0);
      if (piece && join) {
        piece.text += line.text;
        piece.lastWidth = line.width;
        piece.lines++;
      } else {
        piece = {
          text: line.text,
          lastWidth: line.width,
          fullWidth: full,
          level: line.level,
          gapBefore: i === 0 ? block.gapBefore : 0,
          lines: 1,
        };
        pieces.push(piece);
      }
    });
  }
  return pieces;
}

/**
 * Whether a piece reads as a headline: marked with "#", or short with no sentence end. A lone full
 * line with no sentence end is either a headline or a sentence cut by a column end: `nextIsBody`
 * (what follows is running text) decides.
 */
function headingLike(p: Piece, paragraphLayout: boolean, nextIsBody: boolean, nextIsByline: boolean): boolean {
  if (p.level > 0) return true;
  const t = p.text;
  // A question as headline: "…准东何以成为投资热土?" over a byline.
  if (endsSentence(t)) return paragraphLayout && /[?？]$/.test(t) && printWidth(t) <= 45 && nextIsByline;
  if (/^[一二三四五六七八九十]{1,3}、[^。，；]{2,30}$/u.test(t)) return true; // 四、规范借调干部
  // Headlines hold no full stop, and a comma only between two parts set apart by a space.
  if (/[。！；]|[？?]./.test(t)) return false;
  if (/[，,、]./.test(t) && !HAN_SPACE_HAN.test(t)) return false;
  const width = printWidth(t);
  if (paragraphLayout) return width <= 45 && !(nextIsBody && width >= 25 && !HAN_SPACE_HAN.test(t));
  if (width > 50 || p.lines > 1) return false;
  if (!isFull(p) || HAN_SPACE_HAN.test(t)) return true;
  return !nextIsBody;
}

function classify(p: Piece, paragraphLayout: boolean, next: Piece | undefined): Paragraph {
  const text = p.text;
  const base: Paragraph = {
    kind: "body",
    text,
    level: 9,
    gapBefore: p.gapBefore,
    lead: null,
    continuedFrom: null,
    credit: null,
  };
  const turn = TURN.exec(text);
  if (turn) return { ...base, kind: "turn", continuedFrom: Number(turn[1]) };
  if (CREDIT.test(text) && printWidth(text) <= 20) return { ...base, kind: "credit", credit: tidy(text) };
  const trailing = TRAILING_CREDIT.exec(text);
  if (trailing && printWidth(text) <= 140) {
    return { ...base, kind: "caption", text: tidy(text.slice(0, trailing.index)), credit: tidy(trailing[1]!) };
  }
  if (p.level === 0 && BYLINE.test(text) && !endsSentence(text)) return { ...base, kind: "byline", text: tidy(text) };
  if (/^[—–-]{1,2}\s*\S/.test(text) && printWidth(text) <= 50 && !endsSentence(text)) {
    return { ...base, kind: "subtitle", text: tidy(text), level: p.level || 9 };
  }
  const nextIsBody =
    next !== undefined && next.level === 0 && (next.lines > 1 || endsSentence(next.text)) && !startsNewItem({ text: next.text, width: 0, level: 0 });
  const nextIsByline = next !== undefined && BYLINE.test(next.text);
  if (headingLike(p, paragraphLayout, nextIsBody, nextIsByline) && !LEADS.some((re) => re.test(text))) {
    return { ...base, kind: "heading", text: tidy(text), level: p.level || 9 };
  }
  return base;
}

/** Headlines, bylines and captions keep their spaces: they separate names and headline parts. */
function tidy(text: string): string {
  return normalizeText(text, { keepSpaces: true }).trim();
}

/** Peels a dateline or "(上接01版)" off the start of a body paragraph. */
function openBody(p: Paragraph): Paragraph {
  let text = p.text;
  let continuedFrom: number | null = null;
  const from = CONTINUED_FROM.exec(text);
  if (from) {
    continuedFrom = Number(from[1]);
    text = text.slice(from[0].length);
  }
  let lead: string | null = null;
  for (const re of LEADS) {
    const m = re.exec(text);
    if (m && m[0].length < text.length) {
      lead = tidy(m[1]!);
      text = text.slice(m[0].length);
      break;
    }
  }
  return { ...p, text: normalizeText(text).trim(), lead, continuedFrom };
}

/** Whether body paragraph `a` was cut by a column end and goes on in `b`. */
function continues(a: Paragraph, aPiece: Piece, b: Paragraph): boolean {
  if (a.kind !== "body" || b.kind !== "body" || endsSentence(a.text)) return false;
  if (b.lead || b.continuedFrom !== null) return false;
  return isFull(aPiece) || /[\p{Script=Han}，、“]$/u.test(a.text);
}

/**
 * Turns a page's raw text (metadata and masthead already removed) into typed paragraphs:
 * column breaks rejoined, captions split from their credits, datelines peeled off body text,
 * punctuation normalised. Pure.
 */
export function toParagraphs(text: string): Paragraph[] {
  const blocks = toBlocks(text);
  const allLines = blocks.flatMap((b) => b.lines);
  const sorted = allLines.map((l) => l.width).sort((a, b) => a - b);
  const median = sorted.length ? sorted[Math.floor(sorted.length / 2)]! : 0;
  const paragraphLayout = median > 30;
  const pageWidth = paragraphLayout ? 25 : columnWidth(blocks);
  const pieces = toPieces(blocks, pageWidth, paragraphLayout);

  const classified = pieces.map((p, i) => ({ piece: p, para: classify(p, paragraphLayout, pieces[i + 1]) }));
  // Captions with their credit on a line of their own: the short paragraph(s) just before a credit,
  // back to the wide gap a picture leaves. Whether one is really a photo-news item with its own
  // headline is for the article splitter to decide.
  for (let i = 0; i < classified.length; i++) {
    if (classified[i]!.para.kind !== "credit") continue;
    let j = i - 1;
    const texts: string[] = [];
    while (j >= 0 && texts.length < 3) {
      const prev = classified[j]!.para;
      if (prev.kind !== "body" || printWidth(prev.text) > 130 || !endsSentence(prev.text)) break;
      texts.unshift(prev.text);
      j--;
      if (prev.gapBefore >= 2) break;
    }
    if (texts.length > 0) {
      const first = classified[j + 1]!;
      const credit = classified[i]!.para.credit;
      classified.splice(j + 1, texts.length + 1, {
        piece: first.piece,
        para: { ...first.para, kind: "caption", text: tidy(texts.join("")), credit },
      });
      i = j + 1;
    }
  }

  // Rejoin body paragraphs split by a column end (possibly with a caption printed between them).
  const out: Array<{ para: Paragraph; piece: Piece }> = [];
  const held: typeof out = [];
  for (const item of classified) {
    const para = item.para.kind === "body" ? openBody(item.para) : item.para;
    const last = out[out.length - 1];
    const openSentence = last !== undefined && last.para.kind === "body" && !endsSentence(last.para.text);
    if ((para.kind === "caption" || para.kind === "credit") && openSentence) {
      held.push({ para, piece: item.piece });
      continue;
    }
    if (last && continues(last.para, last.piece, para)) {
      last.para.text += para.text;
      last.piece = item.piece;
      continue;
    }
    out.push(...held.splice(0), { para, piece: item.piece });
  }
  out.push(...held);
  return out.map(({ para }) => (para.kind === "body" ? { ...para, text: normalizeText(para.text) } : para));
}
