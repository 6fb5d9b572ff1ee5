import type { Embeddings } from "@langchain/core/embeddings";
import type { Tokenizer } from "../text/tokenize.js";
import { LocalEmbeddings, type LocalEmbeddingStats } from "./local-embeddings.js";
import { createOpenAIEmbeddings } from "./openai-embeddings.js";

export interface EmbeddingsSettings {
  EMBEDDINGS: "local" | "openai";
  OPENAI_BASE_URL?: string | undefined;
  OPENAI_API_KEY?: string | undefined;
  EMBEDDINGS_MODEL?: string | undefined;
}

/** Which embedding an index was built with: a different one means rebuilding, never mixing. */
export function embeddingsKind(settings: EmbeddingsSettings): { kind: "local" | "openai"; model: string | null } {
  return settings.EMBEDDINGS === "openai" ? { kind: "openai", model: settings.EMBEDDINGS_MODEL ?? null } : { kind: "local", model: null };
}

/**
 * The configured embeddings. `local` needs corpus statistics: pass the saved `stats`, or none and
 * call `fit` before use (the index builder does).
 */
export function createEmbeddings(settings: EmbeddingsSettings, tokenizer: Tokenizer, stats?: LocalEmbeddingStats): Embeddings {
  if (settings.EMBEDDINGS === "openai") {
    return createOpenAIEmbeddings({
      baseURL: settings.OPENAI_BASE_URL!,
      model: settings.EMBEDDINGS_MODEL!,
      apiKey: settings.OPENAI_API_KEY,
    });
  }
  return new LocalEmbeddings(tokenizer, stats);
}
