import type { LoadedIndex } from "../index/load-index.js";
import type { Tokenizer } from "../text/tokenize.js";

/** What the answer stage may ask of the archive beyond search results. */
export interface Archive {
  tokenizer: Tokenizer;
  /** How telling a word is in this archive (inverse document frequency over chunks). */
  idf(term: string): number;
  /** The whole text of an article (headline and body), for checking what it is about. */
  articleText(articleId: string): string;
  /** Papers and date range covered, for messages. */
  coverage: { papers: string[]; from: string | null; to: string | null; articles: number };
}

/** The archive view of a loaded index. Article texts are assembled on first use. */
export function archiveOf(index: LoadedIndex): Archive {
  const chunksOf = new Map<string, number[]>();
  index.chunks.forEach((c, i) => {
    const list = chunksOf.get(c.articleId);
    if (list) list.push(i);
    else chunksOf.set(c.articleId, [i]);
  });
  const cache = new Map<string, string>();
  return {
    tokenizer: index.tokenizer,
    idf: (term) => index.lexical.idf(term),
    articleText(id) {
      let text = cache.get(id);
      if (text === undefined) {
        const a = index.articles.get(id);
        text = [a?.title, a?.subtitle, a?.section, ...(chunksOf.get(id) ?? []).map((i) => index.chunks[i]!.text)].filter(Boolean).join("\n");
        if (cache.size > 5000) cache.clear();
        cache.set(id, text);
      }
      return text;
    },
    coverage: { ...index.manifest.coverage, articles: index.manifest.counts.articles },
  };
}
