import { createHash } from "node:crypto";
import { z } from "zod";
import type { ChunkOptions } from "../chunk/chunk-article.js";

/** Bump when the files or the parsing change meaning: an older index is then rebuilt. */
export const INDEX_FORMAT = 5;

export const manifestSchema = z.object({
  format: z.number().int(),
  fingerprint: z.string(),
  embeddings: z.object({ kind: z.enum(["local", "openai"]), model: z.string().nullable(), dimensions: z.number().int().positive() }),
  chunking: z.object({ size: z.number().int(), overlap: z.number().int() }),
  userWords: z.array(z.string()),
  counts: z.object({ pages: z.number().int(), articles: z.number().int(), chunks: z.number().int() }),
  coverage: z.object({ papers: z.array(z.string()), from: z.string().nullable(), to: z.string().nullable() }),
  skipped: z.array(z.object({ source: z.string(), reason: z.string() })),
  undated: z.array(z.string()),
  builtAt: z.string(),
  buildSeconds: z.number(),
});

/** What an index folder says about itself; written last, so a folder without one is incomplete. */
export type Manifest = z.infer<typeof manifestSchema>;

export interface FingerprintInput {
  /** `name` (path inside the corpus folder) is used when given, else `source`. */
  pages: ReadonlyArray<{ source: string; name?: string; sha256: string }>;
  embeddings: { kind: string; model: string | null };
  chunking: ChunkOptions;
  /**
   * The tokenizer's word list beyond jieba's stock dictionary: the entries of the corpus's
   * userdict.txt (`奇台县 ns`), in file order.
   */
  userWords: readonly string[];
  /** sha256 of the answer-selection model file (`modelDigest()`), "" when there is none. */
  modelSha256: string;
}

/** A digest of everything the index is built from: the same digest means nothing to rebuild. */
export function fingerprint(input: FingerprintInput): string {
  const h = createHash("sha256");
  h.update(`format ${INDEX_FORMAT}\n`);
  h.update(`embeddings ${input.embeddings.kind} ${input.embeddings.model ?? ""}\n`);
  h.update(`chunking ${input.chunking.size} ${input.chunking.overlap}\n`);
  // JSON, not a space-joined list: an entry may hold spaces ("奇台县 ns" ≠ "奇台县", "ns").
  h.update(`words ${JSON.stringify(input.userWords)}\n`);
  h.update(`model ${input.modelSha256}\n`);
  const named = input.pages.map((p) => ({ name: p.name ?? p.source, sha256: p.sha256 }));
  for (const p of named.sort((a, b) => a.name.localeCompare(b.name))) h.update(`${p.name} ${p.sha256}\n`);
  return h.digest("hex");
}
