import { OpenAIEmbeddings } from "@langchain/openai";
import type { Embeddings } from "@langchain/core/embeddings";

export interface OpenAIEmbeddingsOptions {
  baseURL: string;
  model: string;
  apiKey?: string;
  /** Milliseconds per request. */
  timeout?: number;
}

/**
 * LangChain's OpenAI embeddings pointed at any OpenAI-compatible endpoint (Ollama, vLLM,
 * Xinference…). Retries twice, then the error reaches the caller.
 */
export function createOpenAIEmbeddings(options: OpenAIEmbeddingsOptions): Embeddings {
  return new OpenAIEmbeddings({
    model: options.model,
    apiKey: options.apiKey || "not-needed",
    configuration: { baseURL: options.baseURL },
    maxRetries: 2,
    timeout: options.timeout ?? 60_000,
    batchSize: 64,
  });
}
