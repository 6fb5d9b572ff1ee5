import type { Headline } from "./headlines.js";

/** What a headline is matched with: its words and its sub-headline's. */
export const probe = (h: Headline) => [h.title, h.subtitle ?? ""].join(" ");
import type { PageVocabulary } from "./overlap.js";

export interface StoryPart {
  paragraphs: string[];
  headline: Headline | null;
}

/** Word overlap a headline needs with the text it heads. */
export const TITLE_MATCH = 0.45;
/** A headline printed without byline or sub-headline may be a banner: it must fit better. */
export const BARE_TITLE_MATCH = 0.6;
/** Adjacent windows less similar than this may be two different stories. */
const TOPIC_BREAK = 0.2;
/** Word overlap a headline needs with the first two paragraphs of the text it heads. */
const LEAD_MATCH = 0.3;
/** Two stories side by side share fewer words than two parts of one story. */
const SAME_STORY = 0.3;
const WINDOW = 2;

function combinations<T>(items: readonly T[], k: number): T[][] {
  if (k === 0) return [[]];
  const out: T[][] = [];
  items.forEach((item, i) => {
    for (const rest of combinations(items.slice(i + 1), k - 1)) out.push([item, ...rest]);
  });
  return out;
}

function permutations(n: number, k: number): number[][] {
  if (k === 0) return [[]];
  const out: number[][] = [];
  for (let i = 0; i < n; i++) {
    for (const rest of permutations(n, k - 1)) if (!rest.includes(i)) out.push([i, ...rest]);
  }
  return out;
}

/**
 * Cuts a run of paragraphs that several headlines fit into one story per headline, at the points
 * where the topic changes most. `headlines[0]` is kept on the first part when `firstIsFixed` (it
 * was printed right above the text). Every part must fit its headline; if no cut satisfies that,
 * the run stays whole with its best headline. A sub-heading inside the text says the text goes on,
 * so no cut falls there. Pure.
 */
export function splitStory(
  paragraphs: readonly string[],
  candidates: ReadonlyArray<{ headline: Headline; need: number }>,
  vocab: PageVocabulary,
  firstIsFixed = false,
  /** Paragraph indexes a cut may not fall before (an in-text sub-heading stands there). */
  keepTogether: ReadonlySet<number> = new Set(),
): StoryPart[] {
  const headlines = candidates.map((c) => c.headline);
  const whole = (): StoryPart[] => {
    if (firstIsFixed) return [{ paragraphs: [...paragraphs], headline: headlines[0] ?? null }];
    const text = paragraphs.join("\n");
    let best: Headline | null = null;
    let score = TITLE_MATCH;
    for (const { headline, need } of candidates) {
      const s = vocab.recall(probe(headline), text);
      if (s >= need && s >= score) [best, score] = [headline, s];
    }
    return [{ paragraphs: [...paragraphs], headline: best }];
  };
  const n = paragraphs.length;
  if (headlines.length < 2 || n < 2) return whole();

  const breaks: Array<{ at: number; similarity: number }> = [];
  for (let at = 1; at < n; at++) {
    if (keepTogether.has(at)) continue;
    const before = paragraphs.slice(Math.max(0, at - WINDOW), at).join("\n");
    const after = paragraphs.slice(at, at + WINDOW).join("\n");
    breaks.push({ at, similarity: vocab.similarity(before, after) });
  }
  const cuts = breaks
    .filter((b) => b.similarity < TOPIC_BREAK)
    .sort((a, b) => a.similarity - b.similarity)
    .slice(0, 8);

  for (let k = Math.min(headlines.length, cuts.length + 1); k >= 2; k--) {
    let best: { parts: StoryPart[]; score: number } | null = null;
    for (const cut of combinations(cuts, k - 1)) {
      const points = [0, ...cut.map((c) => c.at).sort((a, b) => a - b), n];
      const texts = points.slice(0, -1).map((from, i) => paragraphs.slice(from, points[i + 1]));
      const joined = texts.map((t) => t.join("\n"));
      if (joined.some((t, i) => i > 0 && vocab.similarity(joined[i - 1]!, t) >= SAME_STORY)) continue;
      for (const perm of permutations(headlines.length, k)) {
        if (firstIsFixed && perm[0] !== 0) continue;
        const fits = perm.map((h, part) => vocab.recall(probe(headlines[h]!), joined[part]!));
        if (fits.some((f, part) => f < candidates[perm[part]!]!.need)) continue;
        // A story's lead restates its headline; a banner fits one stray paragraph at best.
        const leads = perm.map((h, part) => vocab.recall(probe(headlines[h]!), texts[part]!.slice(0, 2).join("\n")));
        if (leads.some((f, part) => f < LEAD_MATCH && !(firstIsFixed && part === 0))) continue;
        const score = fits.reduce((s, f) => s + f, 0) - cut.reduce((s, c) => s + c.similarity, 0);
        if (!best || score > best.score) {
          best = { score, parts: texts.map((t, part) => ({ paragraphs: t, headline: headlines[perm[part]!]! })) };
        }
      }
    }
    if (best) return best.parts;
  }
  return whole();
}
