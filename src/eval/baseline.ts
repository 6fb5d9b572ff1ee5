import { readFile } from "node:fs/promises";
import { MemoryVectorStore } from "@langchain/classic/vectorstores/memory";
import { Document } from "@langchain/core/documents";
import { RecursiveCharacterTextSplitter } from "@langchain/textsplitters";
import { LocalEmbeddings } from "../embed/local-embeddings.js";
import { parseFrontMatter } from "../ingest/front-matter.js";
import type { CorpusPage } from "../ingest/load-corpus.js";
import type { Tokenizer } from "../text/tokenize.js";

export interface BaselineHit {
  text: string;
  date: string | null;
}

/**
 * The plain LangChain recipe, for comparison: each page's raw text through
 * RecursiveCharacterTextSplitter with its defaults into a MemoryVectorStore with the same (local)
 * embeddings. Pages keep the date Baoku resolved for them, so citations are judged alike.
 */
export async function createBaseline(pages: readonly CorpusPage[], files: ReadonlyMap<string, string>, tokenizer: Tokenizer) {
  const splitter = new RecursiveCharacterTextSplitter();
  const docs: Document[] = [];
  for (const page of pages) {
    const raw = await readFile(files.get(page.source) ?? page.source, "utf8");
    const { text } = parseFrontMatter(raw);
    for (const chunk of await splitter.splitText(text)) docs.push(new Document({ pageContent: chunk, metadata: { date: page.meta.date } }));
  }
  const embeddings = new LocalEmbeddings(tokenizer);
  embeddings.fit(docs.map((d) => d.pageContent));
  const store = await MemoryVectorStore.fromDocuments(docs, embeddings);
  return {
    chunks: docs.length,
    async search(question: string, k: number): Promise<BaselineHit[]> {
      const found = await store.similaritySearch(question, k);
      return found.map((d) => ({ text: d.pageContent, date: (d.metadata.date as string | null) ?? null }));
    },
  };
}
