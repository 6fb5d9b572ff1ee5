import type { Tokenizer } from "./tokenize.js";

/** One word of a tagged text. */
export interface Tag {
  word: string;
  tag: string;
}

/** Sentences whose tags are kept per tokenizer (then the cache starts over). */
const TAG_CACHE = 50_000;
const tagCaches = new WeakMap<Tokenizer, Map<string, Tag[]>>();

/**
 * A text's part-of-speech tags, cached per tokenizer across questions: the same passages come
 * back often, and the features and the support checks both ask for their tags.
 */
export function tagsOf(text: string, tokenizer: Tokenizer): readonly Tag[] {
  let cache = tagCaches.get(tokenizer);
  if (!cache) tagCaches.set(tokenizer, (cache = new Map()));
  let tags = cache.get(text);
  if (!tags) {
    if (cache.size >= TAG_CACHE) cache.clear();
    tags = tokenizer.tag(text);
    cache.set(text, tags);
  }
  return tags;
}
