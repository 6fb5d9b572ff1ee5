import { randomBytes } from "node:crypto";
import type { AnswerResult, Conversation } from "../answer/types.js";

/** A Map that forgets its least recently used entries beyond `capacity`. */
export class LruMap<K, V> {
  private readonly map = new Map<K, V>();

  constructor(readonly capacity: number) {}

  get(key: K): V | undefined {
    const value = this.map.get(key);
    if (value !== undefined) {
      this.map.delete(key);
      this.map.set(key, value);
    }
    return value;
  }

  set(key: K, value: V): void {
    this.map.delete(key);
    this.map.set(key, value);
    while (this.map.size > this.capacity) this.map.delete(this.map.keys().next().value as K);
  }

  get size(): number {
    return this.map.size;
  }
}

export interface ConversationLimits {
  /** Chats remembered at once (least recently active forgotten first). */
  chats: number;
  /** Turns kept per chat: follow-ups only look back this far. */
  turns: number;
}

/** One conversation per chat, bounded in chats and in turns, in memory only. */
export class ConversationStore {
  private readonly chats: LruMap<number, Conversation>;

  constructor(private readonly limits: ConversationLimits = { chats: 1000, turns: 10 }) {
    this.chats = new LruMap(limits.chats);
  }

  /** The chat's conversation, created empty on first use. */
  of(chatId: number): Conversation {
    let conversation = this.chats.get(chatId);
    if (!conversation) this.chats.set(chatId, (conversation = { turns: [] }));
    return conversation;
  }

  /** Drops the oldest turns beyond the limit (call after each answer). */
  trim(chatId: number): void {
    const turns = this.chats.get(chatId)?.turns;
    if (turns && turns.length > this.limits.turns) turns.splice(0, turns.length - this.limits.turns);
  }
}

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
