import { describe, expect, it } from "vitest";
import { OCR_NOTE } from "../../src/answer/citation.js";
import type { ArticleMeta, Chunk } from "../../src/chunk/types.js";
import { chunkDocument, citationMetadata } from "../../src/langchain/documents.js";

// The 12345 hotline story of the seed page 2021-12_12345热线.txt, as a scan would give it.
const ARTICLE: ArticleMeta = {
  id: "corpus/昌吉日报/2021-12_热线扫描.png#0",
  source: "corpus/昌吉日报/2021-12_热线扫描.png",
  paper: "昌吉日报",
  date: "2021-12",
  dateInferred: true,
  issue: null,
  page: null,
  title: "用心倾听群众呼声",
  byline: null,
  captions: [],
  section: null,
  subtitle: null,
  subheads: [],
  continuedFrom: null,
  continuedTo: null,
  textFrom: "ocr",
};
const CHUNK: Chunk = {
  id: `${ARTICLE.id}#0`,
  articleId: ARTICLE.id,
  text: "今年8月，昌吉州12345政务服务便民热线受理中心正式成立。",
  header: "用心倾听群众呼声",
  position: 0,
  kind: "body",
};

describe("citationMetadata: how a Document cites its page", () => {
  it.each([
    ["ocr", true, `《昌吉日报》2021年12月（推定）《用心倾听群众呼声》${OCR_NOTE}`],
    ["pdf", false, "《昌吉日报》2021年12月（推定）《用心倾听群众呼声》"],
    [undefined, false, "《昌吉日报》2021年12月（推定）《用心倾听群众呼声》"],
  ] as const)("text from %s: ocr %s, citation %s", (textFrom, ocr, citation) => {
    const article = { ...ARTICLE, textFrom };
    expect(citationMetadata(CHUNK, article)).toMatchObject({ ocr, citation });
    expect(chunkDocument(CHUNK, article, {}).metadata).toMatchObject({ ocr, citation });
  });
});
