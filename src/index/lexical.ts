import MiniSearch from "minisearch";
import type { Chunk } from "../chunk/types.js";
import type { Tokenizer } from "../text/tokenize.js";

interface LexicalDoc {
  i: number;
  text: string;
  header: string;
}

function options(tokenizer: Tokenizer) {
  return {
    idField: "i",
    fields: ["text", "header"],
    tokenize: (text: string) => tokenizer.terms(text),
    processTerm: (term: string) => term,
    searchOptions: { boost: { header: 0.6 }, combineWith: "OR" as const },
  };
}

/** BM25 (MiniSearch's BM25+) over chunk text and headers, tokenised by jieba like everything else. */
export type LexicalIndex = MiniSearch<LexicalDoc>;

/** Builds the lexical index; chunk `i` of `chunks` gets id `i`. */
export function buildLexicalIndex(chunks: readonly Chunk[], tokenizer: Tokenizer): LexicalIndex {
  const index = new MiniSearch<LexicalDoc>(options(tokenizer));
  index.addAll(chunks.map((c, i) => ({ i, text: c.text, header: c.header })));
  return index;
}

export function serializeLexicalIndex(index: LexicalIndex): string {
  return JSON.stringify(index);
}

/** @throws when the JSON is not a saved MiniSearch index. */
export function loadLexicalIndex(json: string, tokenizer: Tokenizer): LexicalIndex {
  return MiniSearch.loadJSON<LexicalDoc>(json, options(tokenizer));
}
