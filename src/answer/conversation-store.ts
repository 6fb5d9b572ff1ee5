import type { Conversation } from "./types.js";

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

  /** The value without making it recently used. */
  peek(key: K): V | undefined {
    return this.map.get(key);
  }

  set(key: K, value: V): void {
    this.map.delete(key);
    this.map.set(key, value);
    while (this.map.size > this.capacity) this.map.delete(this.map.keys().next().value as K);
  }

  delete(key: K): void {
    this.map.delete(key);
  }

  /** Least recently used first. */
  entries(): IterableIterator<[K, V]> {
    return this.map.entries();
  }

  get size(): number {
    return this.map.size;
  }
}

export interface ConversationLimits {
  /** Conversations remembered at once (least recently active forgotten first). */
  chats: number;
  /** Turns kept per conversation: follow-ups only look back this far. */
  turns: number;
  /** Forgotten after this long without a question (milliseconds); absent = only by count. */
  idleMs?: number;
}

interface Entry {
  conversation: Conversation;
  touched: number;
}

/**
 * One conversation per chat (the bot: a Telegram chat id; the web: a random conversation id),
 * bounded in count, in turns and optionally in idle time, in memory only. What the answerer
 * needs for follow-ups is the `Conversation` it returns; the store only decides how long it lives.
 */
export class ConversationStore<K = number> {
  private readonly chats: LruMap<K, Entry>;

  constructor(
    private readonly limits: ConversationLimits = { chats: 1000, turns: 10 },
    private readonly clock: () => number = Date.now,
  ) {
    this.chats = new LruMap(limits.chats);
  }

  /** The chat's conversation, created empty on first use (or after it expired). */
  of(chatId: K): Conversation {
    const found = this.find(chatId);
    if (found) return found;
    const conversation: Conversation = { turns: [] };
    this.chats.set(chatId, { conversation, touched: this.clock() });
    return conversation;
  }

  /** The chat's conversation when it is still remembered, else undefined. Counts as activity. */
  find(chatId: K): Conversation | undefined {
    this.forgetIdle();
    const entry = this.chats.get(chatId);
    if (!entry) return undefined;
    entry.touched = this.clock();
    return entry.conversation;
  }

  /** Drops the oldest turns beyond the limit (call after each answer). */
  trim(chatId: K): void {
    const entry = this.chats.get(chatId);
    const turns = entry?.conversation.turns;
    if (turns && turns.length > this.limits.turns) turns.splice(0, turns.length - this.limits.turns);
    if (entry) entry.touched = this.clock();
  }

  /** Conversations remembered now. */
  get size(): number {
    this.forgetIdle();
    return this.chats.size;
  }

  /** Least recently used come first, so the expired ones are a prefix: cost is what expired. */
  private forgetIdle(): void {
    const { idleMs } = this.limits;
    if (idleMs === undefined) return;
    const cutoff = this.clock() - idleMs;
    for (const [key, entry] of this.chats.entries()) {
      if (entry.touched > cutoff) break;
      this.chats.delete(key);
    }
  }
}
