import type { Article } from "../ingest/types.js";

/** A small seeded PRNG (mulberry32): the same seed gives the same archive. */
export function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const COUNTIES = ["昌吉市", "阜康市", "呼图壁县", "玛纳斯县", "奇台县", "吉木萨尔县", "木垒县"];

function pick<T>(random: () => number, items: readonly T[]): T {
  return items[Math.floor(random() * items.length)]!;
}

/** A different number of about the same size, with the same decimals (never the original). */
function vary(random: () => number, text: string): string {
  const decimals = text.includes(".") ? text.split(".")[1]!.length : 0;
  const value = Number(text);
  for (let i = 0; i < 10; i++) {
    const candidate = (value * (0.3 + random() * 2.7) + (decimals ? 0 : 1)).toFixed(decimals);
    if (candidate !== text && Number(candidate) > 0) return candidate;
  }
  return (value + 1).toFixed(decimals);
}

/**
 * Rewrites a real text as coverage from another year: every figure changed, years shifted by
 * `yearShift`, month-day dates redrawn, counties swapped by `places`. A real fact is never
 * repeated under another date.
 */
function transform(random: () => number, text: string, yearShift: number, places: Map<string, string>): string {
  let out = text.replace(/(\d{1,2})月(\d{1,2})日/g, () => `${1 + Math.floor(random() * 12)}月${1 + Math.floor(random() * 28)}日`);
  out = out.replace(/\d+(?:\.\d+)?/g, (n, offset: number, whole: string) => {
    if (/^(19|20)\d\d$/.test(n) && whole[offset + n.length] === "年") return String(Number(n) + yearShift);
    if (/月|日/.test(whole[offset + n.length] ?? "")) return n; // already redrawn above
    return vary(random, n);
  });
  for (const [from, to] of places) out = out.split(from).join(`\u0000${to}`);
  return out.replace(/\u0000/g, "");
}

export interface SyntheticOptions {
  seed: number;
  /** Share of articles that closely follow one real article (same topic, another year). */
  sameTopic?: number;
}

const sentencesOf = (text: string) => text.split(/(?<=[。！？])/u).filter((s) => s.trim().length > 0);

/**
 * An endless, reproducible stream of synthetic articles made from the real ones. Most mix the
 * sentences of two to four real articles; a few (`sameTopic`, default 3%) closely follow one
 * (准东 registrations reported again in another year). Every figure is varied, years shifted,
 * month-day dates redrawn and counties swapped, and each is dated before the earliest real
 * article it draws on, so a real fact never reappears under another date and "今年" still means
 * the real page.
 */
export function* syntheticArticles(real: readonly Article[], options: SyntheticOptions): Generator<Article> {
  const random = rng(options.seed);
  const templates = real.filter((a) => a.date && a.body.length > 80);
  const sameTopic = options.sameTopic ?? 0.03;
  for (let n = 0; ; n++) {
    const main = pick(random, templates);
    const follow = random() < sameTopic;
    const others = follow ? [] : Array.from({ length: 1 + Math.floor(random() * 3) }, () => pick(random, templates));
    const earliest = Math.min(...[main, ...others].map((a) => Number(a.date!.slice(0, 4))));
    const year = 1990 + Math.floor(random() * Math.max(1, earliest - 1990));
    const shift = year - Number(main.date!.slice(0, 4));
    const shuffled = [...COUNTIES].sort(() => random() - 0.5);
    const places = new Map(random() < 0.7 ? COUNTIES.map((c, i) => [c, shuffled[i]!] as const) : []);
    const keep = follow ? 0.85 : 0.5;
    const sentences = sentencesOf(main.body).filter(() => random() < keep);
    for (const o of others) {
      const from = sentencesOf(o.body);
      const at = Math.floor(random() * (sentences.length + 1));
      sentences.splice(at, 0, ...from.filter(() => random() < 0.3).slice(0, 3));
    }
    const body = transform(random, (sentences.join("") || main.body).replace(/\n/g, ""), shift, places);
    yield {
      ...main,
      source: `synthetic/${year}/${String(n).padStart(7, "0")}.txt`,
      date: `${year}-${String(1 + Math.floor(random() * 12)).padStart(2, "0")}-${String(1 + Math.floor(random() * 28)).padStart(2, "0")}`,
      dateInferred: false,
      issue: 3000 + Math.floor(random() * 9000),
      page: 1 + Math.floor(random() * 8),
      title: main.title ? transform(random, main.title, shift, places) : null,
      body,
      captions: [],
      continuedFrom: null,
      continuedTo: null,
    };
  }
}
