import type { Tokenizer } from "../text/tokenize.js";
import { Bm25Builder, Bm25Index } from "./bm25.js";

/** The lexical side of the index: BM25 over jieba terms of each chunk's header and text. */
export type LexicalIndex = Bm25Index;
export { Bm25Builder };

/** The terms a chunk is indexed by and a question is matched with: one tokenizer for both. */
export function lexicalTerms(text: string, tokenizer: Tokenizer): string[] {
  return tokenizer.terms(text);
}

/** Reads an index folder's lexical.bin. @throws Error when the file is truncated, corrupt or of another version. */
export function loadLexicalIndex(path: string): Promise<LexicalIndex> {
  return Bm25Index.read(path);
}
