import type { Tokenizer } from "../text/tokenize.js";

/**
 * Word-overlap measures over one page, used to tie headlines and captions to the article they
 * belong to and to find where one story ends and the next begins. Words are weighted by how rare
 * they are on the page, so that 昌吉州 counts for little and 基因编辑 for much.
 */
export interface PageVocabulary {
  terms(text: string): Set<string>;
  idf(term: string): number;
  /** Weighted share of `probe`'s words found in `text` (0–1). */
  recall(probe: string, text: string): number;
  /** Cosine similarity of the weighted word vectors of two texts (0–1). */
  similarity(a: string, b: string): number;
}

/** Builds the page's word statistics from its paragraphs. */
export function pageVocabulary(paragraphs: readonly string[], tokenizer: Tokenizer): PageVocabulary {
  const cache = new Map<string, string[]>();
  const tokens = (text: string): string[] => {
    let t = cache.get(text);
    if (!t) {
      t = tokenizer.terms(text).filter((w) => !/^\d+(\.\d+)?$/.test(w) || w.length >= 3);
      cache.set(text, t);
    }
    return t;
  };
  const df = new Map<string, number>();
  for (const p of paragraphs) for (const t of new Set(tokens(p))) df.set(t, (df.get(t) ?? 0) + 1);
  const n = Math.max(paragraphs.length, 1);
  const idf = (t: string) => Math.log(1 + n / (df.get(t) ?? 0.5));

  const vector = (text: string) => {
    const v = new Map<string, number>();
    for (const t of tokens(text)) v.set(t, (v.get(t) ?? 0) + idf(t));
    return v;
  };

  return {
    terms: (text) => new Set(tokens(text)),
    idf,
    recall(probe, text) {
      const want = new Set(tokens(probe));
      if (want.size === 0) return 0;
      const have = new Set(tokens(text));
      let hit = 0;
      let all = 0;
      for (const t of want) {
        const w = idf(t);
        all += w;
        if (have.has(t)) hit += w;
      }
      return hit / all;
    },
    similarity(a, b) {
      const va = vector(a);
      const vb = vector(b);
      let dot = 0;
      for (const [t, w] of va) dot += w * (vb.get(t) ?? 0);
      const norm = (v: Map<string, number>) => Math.sqrt([...v.values()].reduce((s, w) => s + w * w, 0));
      const d = norm(va) * norm(vb);
      return d === 0 ? 0 : dot / d;
    },
  };
}
