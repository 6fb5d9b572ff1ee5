import { randomBytes } from "node:crypto";
import { LruMap } from "../answer/conversation-store.js";
import type { AnswerResult } from "../answer/types.js";

// Conversations are kept by the answer stage's store, shared with the web server.
export { ConversationStore, LruMap, type ConversationLimits } from "../answer/conversation-store.js";

/** An answer the bot sent, kept so that its buttons (原文, 👍/👎) can refer to it. */
export interface SentAnswer {
  result: AnswerResult;
  chatType: string;
  /** Hashed ids of users who voted on it already. */
  voters: Set<string>;
}

/**
 * Answers behind buttons, keyed by a short random id (Telegram allows 64 bytes of callback data;
 * random rather than counted so a restarted bot never maps an old button to a new answer).
 */
export class AnswerCache {
  private readonly answers: LruMap<string, SentAnswer>;

  constructor(capacity = 2000) {
    this.answers = new LruMap(capacity);
  }

  /** Keeps an answer and returns its id (8 URL-safe characters). */
  put(result: AnswerResult, chatType: string): string {
    const id = randomBytes(6).toString("base64url");
    this.answers.set(id, { result, chatType, voters: new Set() });
    return id;
  }

  /** The answer, or undefined when it was forgotten (too old, or the bot restarted). */
  get(id: string): SentAnswer | undefined {
    return this.answers.get(id);
  }
}
