import { describe, expect, it } from "vitest";
import { DEFAULT_CHUNK_OPTIONS } from "../../src/chunk/chunk-article.js";
import { fingerprint, type FingerprintInput } from "../../src/index/manifest.js";

describe("fingerprint", () => {
  const pages = [
    { source: "corpus/昌吉日报/2021-12_12345热线.txt", sha256: "a".repeat(64) },
    { source: "corpus/昌吉日报/2025-07_准东投资热土.txt", sha256: "b".repeat(64) },
  ];
  const base: FingerprintInput = {
    pages,
    embeddings: { kind: "local", model: null },
    chunking: DEFAULT_CHUNK_OPTIONS,
    userWords: ["准东开发区 ns", "三色清单"],
    modelSha256: "e".repeat(64),
  };

  it("is the same for the same inputs, given afresh", () => {
    const copy = structuredClone(base);
    expect(fingerprint(copy)).toBe(fingerprint(base));
    expect(fingerprint(base)).toMatch(/^[0-9a-f]{64}$/);
  });

  it("does not depend on the order the pages are listed in", () => {
    expect(fingerprint({ ...base, pages: [...pages].reverse() })).toBe(fingerprint(base));
  });

  it.each<[string, Partial<FingerprintInput>]>([
    ["a page's bytes", { pages: [pages[0]!, { ...pages[1]!, sha256: "c".repeat(64) }] }],
    ["a page added", { pages: [...pages, { source: "corpus/昌吉日报/2025-08-07_02版.txt", sha256: "d".repeat(64) }] }],
    ["the embedding kind", { embeddings: { kind: "openai", model: "bge-m3" } }],
    ["the chunk size", { chunking: { size: 300, overlap: 40 } }],
    ["a word added to the user dictionary", { userWords: [...base.userWords, "石榴云"] }],
    ["a word removed from the user dictionary", { userWords: ["准东开发区 ns"] }],
    ["no user dictionary", { userWords: [] }],
    ["a word's part of speech", { userWords: ["准东开发区 nt", "三色清单"] }],
    // Entries hold spaces: a space-joined digest would not tell these apart.
    ["an entry split at its space", { userWords: ["准东开发区", "ns", "三色清单"] }],
    ["the answer-selection model", { modelSha256: "f".repeat(64) }],
    ["the model file appearing", { modelSha256: "" }],
  ])("changes with %s", (_, change) => {
    expect(fingerprint({ ...base, ...change })).not.toBe(fingerprint(base));
  });

  it("changes with the embedding model of the same kind", () => {
    const bge = fingerprint({ ...base, embeddings: { kind: "openai", model: "bge-m3" } });
    expect(fingerprint({ ...base, embeddings: { kind: "openai", model: "nomic-embed-text" } })).not.toBe(bge);
  });
});
