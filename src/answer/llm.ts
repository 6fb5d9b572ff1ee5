import type { Candidate } from "./select.js";
import type { AnswerResult } from "./types.js";

/** An LLM that may rewrite an extractive answer; must return it unchanged on any doubt. */
export interface LlmAnswerer {
  improve(question: string, passages: readonly Candidate[], extractive: AnswerResult): Promise<AnswerResult>;
}
