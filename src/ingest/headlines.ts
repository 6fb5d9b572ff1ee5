import { printWidth } from "../text/normalize.js";
import type { Paragraph } from "./types.js";

/**
 * A headline block as printed: optional banner or kicker lines, the headline, an optional
 * sub-headline (——…) and an optional byline (□本报记者 …).
 */
export interface HeadlineGroup {
  /** The heading lines after joining lines of one headline broken over two lines. */
  lines: Array<{ text: string; level: number }>;
  subtitle: string | null;
  byline: string | null;
}

export interface Headline {
  title: string;
  section: string | null;
  subtitle: string | null;
  byline: string | null;
}

/** A headline broken over lines: the first ends in ——/，/：, or the next starts with a conjunction. */
function belongTogether(a: string, b: string): boolean {
  if (/(——|，|：|、)$/u.test(a)) return true;
  if (/^(及|和|与|暨|并)/u.test(b)) return true;
  const short = (s: string) => printWidth(s) <= 8 && !/\s/.test(s);
  return short(a) && short(b);
}

function joinLines(lines: HeadlineGroup["lines"]): HeadlineGroup["lines"] {
  const out: HeadlineGroup["lines"] = [];
  let previous = "";
  for (const line of lines) {
    const last = out[out.length - 1];
    if (last && last.level === line.level && belongTogether(previous, line.text)) {
      last.text += line.text;
    } else {
      out.push({ ...line });
    }
    previous = line.text;
  }
  return out;
}

/**
 * Splits a run of consecutive heading, subtitle and byline paragraphs into headline groups: a
 * byline closes a group; a heading after a subtitle opens a new one. Pure.
 */
export function groupHeadlines(run: readonly Paragraph[]): HeadlineGroup[] {
  const groups: HeadlineGroup[] = [];
  let current: HeadlineGroup | null = null;
  const open = () => {
    current = { lines: [], subtitle: null, byline: null };
    groups.push(current);
    return current;
  };
  for (const p of run) {
    let g: HeadlineGroup = current ?? open();
    if (p.kind === "heading") {
      if (g.subtitle !== null || g.byline !== null) g = open();
      g.lines.push({ text: p.text, level: p.level });
    } else if (p.kind === "subtitle") {
      if (g.subtitle !== null || g.byline !== null) g = open();
      g.subtitle = p.text;
    } else if (p.kind === "byline") {
      if (g.byline !== null) g = open();
      g.byline = p.text;
      current = null;
    }
  }
  for (const g of groups) g.lines = joinLines(g.lines);
  return groups;
}

/**
 * Picks the headline of a group: the most prominent "#" level, then not a banner (·), then the
 * longest. Lines before it are the section banner or kicker; a line after it is a sub-headline.
 * Returns null for a group with no heading line.
 */
export function pickHeadline(group: HeadlineGroup): Headline | null {
  if (group.lines.length === 0) return null;
  const rank = (l: { text: string; level: number }) => [l.level, l.text.includes("·") ? 1 : 0, -printWidth(l.text)] as const;
  let best = 0;
  group.lines.forEach((l, i) => {
    const a = rank(l);
    const b = rank(group.lines[best]!);
    if (a[0] < b[0] || (a[0] === b[0] && (a[1] < b[1] || (a[1] === b[1] && a[2] < b[2])))) best = i;
  });
  const before = group.lines.slice(0, best).map((l) => l.text);
  const after = group.lines.slice(best + 1).map((l) => l.text);
  const subtitle = [...after, ...(group.subtitle ? [group.subtitle] : [])].join(" ") || null;
  return {
    title: group.lines[best]!.text,
    section: before.join(" ") || null,
    subtitle,
    byline: group.byline,
  };
}

/** Removes the decoration around a byline or credit: □本报记者 杨 鹤摄 → 本报记者 杨鹤. */
export function cleanByline(text: string): string {
  return (
    text
      .replace(/^□\s*/u, "")
      .replace(/\s*摄$/u, "")
      // Only a name set wide (杨 鹤) closes up; the space after 本报记者 separates role and name.
      .replace(/(?<=(?:^|\s)\p{Script=Han})\s(?=\p{Script=Han}(?:\s|$))/gu, "")
      .trim()
  );
}
