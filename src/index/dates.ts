/** A date as a sortable number: 2025-07-15 → 20250715, 2025-07 → 20250700, unknown → 0. */
export function dateKey(date: string | null): number {
  if (!date) return 0;
  const [y, m, d] = date.split("-").map(Number);
  return (y ?? 0) * 10000 + (m ?? 0) * 100 + (d ?? 0);
}

/** The lowest key a `YYYY`, `YYYY-MM` or `YYYY-MM-DD` bound allows (inclusive). */
function lowKey(bound: string): number {
  const [y, m, d] = bound.split("-").map(Number);
  return (y ?? 0) * 10000 + (m ?? 0) * 100 + (d ?? 0);
}

/** The highest key a bound allows: 2025 → 20251299, 2025-07 → 20250799 (inclusive). */
function highKey(bound: string): number {
  const [y, m, d] = bound.split("-").map(Number);
  return (y ?? 0) * 10000 + (m ?? 99) * 100 + (d ?? 99);
}

/**
 * The chunk numbers [from, to) whose dates fall within the bounds, for chunks stored newest
 * first (`dates` non-increasing, undated = 0 last). A month-precise date "2025-07" counts as
 * inside any bound that admits some day of July 2025. No bounds → everything.
 */
export function dateRange(dates: Int32Array, dateFrom?: string, dateTo?: string): [number, number] {
  if (!dateFrom && !dateTo) return [0, dates.length];
  const hi = dateTo ? highKey(dateTo) : Number.MAX_SAFE_INTEGER;
  const lo = dateFrom ? lowKey(dateFrom) : 1;
  // first index with key <= hi (keys descend); a month-only key (…00) is within its month
  const from = firstIndex(dates, (k) => k <= hi);
  const to = firstIndex(dates, (k) => k < lo && !(k % 100 === 0 && k + 99 >= lo));
  return [from, Math.max(from, to)];
}

/** First index where `pass` holds, for a predicate that flips once from false to true. */
function firstIndex(dates: Int32Array, pass: (key: number) => boolean): number {
  let lo = 0;
  let hi = dates.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (pass(dates[mid]!)) hi = mid;
    else lo = mid + 1;
  }
  return lo;
}
