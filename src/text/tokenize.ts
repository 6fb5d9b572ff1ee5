import { Jieba } from "@node-rs/jieba";
import { dict } from "@node-rs/jieba/dict.js";

/** Whether a token carries meaning for matching (not punctuation, not white space). */
export function isContentToken(token: string): boolean {
  return /[\p{L}\p{N}]/u.test(token);
}

const STOP = new Set(
  "的 了 和 与 及 在 是 有 也 都 就 对 将 把 被 从 为 以 等 这 那 其 之 并 或 而 又 还 让 给 向 到 于 中 上 下 个 们 着 过 吗 呢 吧 啊 呀 么 什么 多少 怎么 怎样 如何 哪些 哪个 几 是否 能否 可以 一 年 月 日 我 你 他 她 它 我们 你们 他们".split(
    " ",
  ),
);

/** Words too common to tell two passages apart. */
export function isStopword(token: string): boolean {
  return STOP.has(token);
}

export interface Tokenizer {
  /** jieba's precise cut (HMM on): every token, punctuation included. */
  cut(text: string): string[];
  /** The precise cut with jieba's part-of-speech tags (nr person, ns place, nt organisation, m numeral…). */
  tag(text: string): Array<{ word: string; tag: string }>;
  /** Search-mode cut, lower-cased, content tokens only: what indexes and overlap use. */
  terms(text: string): string[];
}

/**
 * A user dictionary entry (`准东开发区`, `奇台县 200000 ns`) as jieba's dictionary line: the word,
 * a frequency high enough to keep it whole, and its part of speech (n unless given).
 */
export function dictLine(entry: string): string {
  const { word, freq, tag } = parseEntry(entry);
  return `${word} ${freq ?? 200000} ${tag ?? "n"}`;
}

/** A user dictionary entry's word, frequency and part of speech (null where the entry gives none). */
function parseEntry(entry: string): { word: string; freq: string | null; tag: string | null } {
  const [word = "", second, third] = entry.trim().split(/\s+/);
  const numeric = second !== undefined && /^\d+$/.test(second);
  return { word, freq: numeric ? second : null, tag: third ?? (second !== undefined && !numeric ? second : null) };
}

/**
 * A jieba tokenizer with the stock dictionary plus `extraWords` (the corpus's userdict.txt: local
 * place and body names jieba's stock dictionary splits wrongly). Loading the dictionary takes
 * ~150 ms, so callers keep one (see `defaultTokenizer`).
 */
export function createTokenizer(extraWords: readonly string[] = []): Tokenizer {
  const jieba = Jieba.withDict(dict);
  const words = extraWords.filter((w) => w.trim().length > 0);
  if (words.length > 0) jieba.loadDict(Buffer.from(words.map(dictLine).join("\n")));
  // jieba keeps its own part of speech for a word its dictionary has (昌吉 nr, 呼图壁 nr): the
  // user dictionary's, where an entry gives one, is the newsroom's word and stands.
  const tags = new Map(words.map(parseEntry).flatMap(({ word, tag }) => (tag ? [[word, tag] as const] : [])));
  return {
    cut: (text) => jieba.cut(text, true),
    tag: (text) => {
      const tagged = jieba.tag(text, true);
      return tags.size === 0 ? tagged : tagged.map((t) => ({ word: t.word, tag: tags.get(t.word) ?? t.tag }));
    },
    terms: (text) =>
      jieba
        .cutForSearch(text, true)
        .map((t) => t.toLowerCase())
        .filter((t) => isContentToken(t) && !isStopword(t)),
  };
}

let shared: Tokenizer | undefined;
let sharedKey = "";

/** A process-wide tokenizer, rebuilt only when `extraWords` change. Created on first use. */
export function defaultTokenizer(extraWords: readonly string[] = []): Tokenizer {
  const key = extraWords.join("\n");
  if (!shared || key !== sharedKey) {
    shared = createTokenizer(extraWords);
    sharedKey = key;
  }
  return shared;
}
