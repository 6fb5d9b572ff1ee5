import { splitSentences } from "../chunk/sentences.js";
import type { ArticleMeta, Chunk } from "../chunk/types.js";
import { indexIdf, type LoadedIndex } from "../index/load-index.js";
import type { Tokenizer } from "../text/tokenize.js";

/** A sentence of a chunk with its search terms. */
export interface Sentence {
  text: string;
  terms: Set<string>;
}

/** What the answer stage may ask of the archive beyond search results. Lookups are cached. */
export interface Archive {
  tokenizer: Tokenizer;
  /** How telling a word is in this archive (inverse document frequency over chunks). */
  idf(term: string): number;
  /** The whole text of an article (headline and body) without white space, for checking what it is about. */
  articleText(articleId: string): string;
  /** The terms of an article's headline and sub-headline. */
  headlineTerms(article: ArticleMeta): Set<string>;
  /** A chunk's sentences, each with its terms (tokenised once). */
  sentencesOf(chunk: Chunk): Sentence[];
  /** The sentence printed just before one of a chunk's sentences (from the chunk before when it opens this one), or null. */
  sentenceBefore(chunk: Chunk, sentence: string): string | null;
  /**
   * The (up to two) sentences printed just before a chunk's first sentence, from the article's
   * chunk before it: a sentence's neighbours do not stop where a chunk starts. Sentences the
   * chunk carries over from the one before are not counted again.
   */
  sentencesBefore(chunk: Chunk): Sentence[];
  /** Papers and date range covered, for messages. */
  coverage: { papers: string[]; from: string | null; to: string | null; articles: number };
}

/** A small least-recently-used cache: a Map keeps insertion order. */
function lru<K, V>(capacity: number, make: (key: K) => V): (key: K) => V {
  const map = new Map<K, V>();
  return (key) => {
    let value = map.get(key);
    if (value !== undefined) {
      map.delete(key);
    } else {
      value = make(key);
      if (map.size >= capacity) map.delete(map.keys().next().value as K);
    }
    map.set(key, value);
    return value;
  };
}

/**
 * The archive view of a loaded index: its live articles and chunks (of every segment; a changed
 * or removed page's old chunks are not there). Texts and terms are computed on first use and cached.
 */
export function archiveOf(index: LoadedIndex): Archive {
  const chunksOf = new Map<string, Chunk[]>();
  const articles = new Map<string, ArticleMeta>();
  for (const seg of index.segments) {
    seg.chunks.forEach((c, i) => {
      if (seg.live && !seg.live[i]) return;
      const list = chunksOf.get(c.articleId);
      if (list) list.push(c);
      else chunksOf.set(c.articleId, [c]);
      if (!articles.has(c.articleId)) articles.set(c.articleId, seg.articles.get(c.articleId)!);
    });
  }
  const tokenizer = index.tokenizer;
  const chunkList = (id: string) => chunksOf.get(id) ?? [];

  const sentencesOf = lru(20_000, (chunk: Chunk): Sentence[] => splitSentences(chunk.text).map((text) => ({ text, terms: new Set(tokenizer.terms(text)) })));
  const headline = lru(20_000, (id: string): Set<string> => {
    const a = articles.get(id);
    return new Set(tokenizer.terms(`${a?.title ?? ""} ${a?.subtitle ?? ""} ${a?.section ?? ""}`));
  });
  const articleText = lru(5_000, (id: string): string => {
    const a = articles.get(id);
    return [a?.title, a?.subtitle, a?.section, ...chunkList(id).map((c) => c.text)].filter(Boolean).join("").replace(/\s+/g, "");
  });

  const sentencesBefore = (chunk: Chunk): Sentence[] => {
    const first = sentencesOf(chunk)[0]?.text;
    const prior = chunkList(chunk.articleId).find((c) => c.position === chunk.position - 1 && c.kind === chunk.kind);
    if (first === undefined || !prior) return [];
    const theirs = sentencesOf(prior);
    const carried = theirs.map((t) => t.text).lastIndexOf(first);
    return theirs.slice(0, carried < 0 ? theirs.length : carried).slice(-2);
  };

  return {
    tokenizer,
    idf: (term) => indexIdf(index, term),
    articleText,
    headlineTerms: (article) => headline(article.id),
    sentencesOf,
    sentenceBefore(chunk, sentence) {
      const own = sentencesOf(chunk).map((s) => s.text);
      const at = own.indexOf(sentence);
      if (at !== 0) return at > 0 ? own[at - 1]! : null;
      // The chunk opens with it: it was carried over from the chunk before, or follows that chunk's last sentence.
      return sentencesBefore(chunk).at(-1)?.text ?? null;
    },
    sentencesBefore,
    coverage: { ...index.manifest.coverage, articles: index.manifest.counts.articles },
  };
}
