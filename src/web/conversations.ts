import { randomBytes } from "node:crypto";
import { ConversationStore } from "../answer/conversation-store.js";
import type { Conversation } from "../answer/types.js";

/** What a client may send back as `conversation`: the ids made here, and nothing stranger. */
export const CONVERSATION_ID = /^[A-Za-z0-9_-]{1,64}$/;

export interface WebConversationLimits {
  /** Conversations remembered at once (least recently active forgotten first). */
  max: number;
  /** Turns kept per conversation. */
  turns: number;
  /** Forgotten after this long without a question. */
  idleMs: number;
}

/**
 * The web's conversations: the answer stage's store, keyed by random ids, and one question at a
 * time per conversation (as the bot answers one update at a time per chat), so a follow-up sent
 * before the previous answer arrived is still read against it.
 */
export class WebConversations {
  private readonly store: ConversationStore<string>;
  private readonly tails = new Map<string, Promise<unknown>>();

  constructor(limits: WebConversationLimits, clock: () => number = Date.now) {
    this.store = new ConversationStore<string>({ chats: limits.max, turns: limits.turns, idleMs: limits.idleMs }, clock);
  }

  /**
   * Runs `ask` in the conversation `id` — or, when `id` is absent, unknown or expired, in a new
   * one — after the questions already running in it. Resolves with the id actually used.
   */
  async ask<T>(id: string | undefined, ask: (conversation: Conversation) => Promise<T>): Promise<{ id: string; result: T }> {
    const known = id !== undefined ? this.store.find(id) : undefined;
    const used = known ? id! : randomBytes(16).toString("base64url");
    const run = (this.tails.get(used) ?? Promise.resolve()).then(() => ask(this.store.of(used)));
    const tail = run.catch(() => {});
    this.tails.set(used, tail);
    try {
      const result = await run;
      this.store.trim(used);
      return { id: used, result };
    } finally {
      if (this.tails.get(used) === tail) this.tails.delete(used);
    }
  }

  /** Conversations remembered now (expired ones are not counted). */
  get size(): number {
    return this.store.size;
  }
}
