import type { SearchFilters } from "../retrieve/retriever.js";

/** A part of the archive to search, and how sure a match there must be to stop searching. */
export interface Slice extends SearchFilters {
  /** Word coverage a supported sentence needs in this slice. */
  minCoverage: number;
}

/** "2019年上半年…": the year of the issues asked about (not "2021年以来", a starting point). */
export function issueYear(question: string): number | null {
  const m = /((?:19|20)\d\d)年(?!以来|起|至今|以后|开始|到|至|度)/u.exec(question);
  return m ? Number(m[1]) : null;
}

/**
 * Where to look, in order. A question naming a year looks in that year's issues (and the next,
 * which report on it) first. Otherwise the newest coverage comes first — the newest year's
 * issues, then the last five years — and only then the whole archive: among reports of the
 * same thing, the latest is the answer a reader wants. Early slices stop the search only on a
 * slightly surer match.
 */
export function searchSlices(question: string, newest: string | null, minCoverage: number): Slice[] {
  const all: Slice = { minCoverage };
  const year = issueYear(question);
  if (year) return [{ dateFrom: String(year), dateTo: String(year + 1), minCoverage }, all];
  if (!newest) return [all];
  const last = Number(newest.slice(0, 4));
  const surer = Math.min(1, minCoverage + 0.05);
  return [{ dateFrom: String(last), minCoverage: surer }, { dateFrom: String(last - 4), minCoverage: surer }, all];
}

/** Character bigrams of a sentence, for telling reprints of one sentence apart from others. */
function bigrams(text: string): Set<string> {
  const out = new Set<string>();
  const clean = text.replace(/[\d\s]/g, "");
  for (let i = 0; i + 1 < clean.length; i++) out.add(clean.slice(i, i + 2));
  return out;
}

/** Whether two sentences say the same thing (the same sentence printed again, figures aside). */
export function sameStatement(a: string, b: string): boolean {
  const x = bigrams(a);
  const y = bigrams(b);
  let common = 0;
  for (const g of x) if (y.has(g)) common++;
  return common / Math.max(1, Math.min(x.size, y.size)) >= 0.6;
}

/**
 * Among supported candidates that say the same thing as the best one (the same sentence printed
 * again in other years, with other figures) and score nearly as well, the newest.
 */
export function newestOfSame<C extends { score: number; sentence: string }>(
  supported: readonly C[],
  dateKey: (c: C) => number,
  tolerance = 0.15,
): C | undefined {
  const best = supported[0];
  if (!best) return undefined;
  let chosen = best;
  for (const c of supported.slice(1)) {
    if (c.score < best.score - tolerance || !sameStatement(c.sentence, best.sentence)) continue;
    if (dateKey(c) > dateKey(chosen)) chosen = c;
  }
  return chosen;
}

/** The first day after a date, as a bound: 2025-07-15 → 2025-07-16, 2025-07 → 2025-08. */
export function dateAfter(date: string | null): string | null {
  if (!date) return null;
  const [y, m, d] = date.split("-").map(Number);
  if (d !== undefined) {
    const next = new Date(Date.UTC(y!, m! - 1, d + 1));
    return next.toISOString().slice(0, 10);
  }
  if (m !== undefined) return m === 12 ? `${y! + 1}-01` : `${y}-${String(m + 1).padStart(2, "0")}`;
  return String(y! + 1);
}
