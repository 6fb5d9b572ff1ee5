import type { Answerer } from "../answer/answerer.js";
import { EXAMPLE_QUESTIONS } from "../answer/examples.js";
import type { Manifest } from "../index/manifest.js";
import type { Retriever } from "../retrieve/retriever.js";
import type { AnswerCache, ConversationStore } from "./chat-memory.js";
import type { FeedbackStore } from "./feedback-store.js";
import type { BotLogger } from "./logger.js";

/** What /about and /start tell about the archive: the index manifest's description of itself. */
export type IndexInfo = Pick<Manifest, "coverage" | "counts" | "builtAt" | "buildSeconds">;

/** Everything the bot needs from the outside, as interfaces (tests pass the real ones or fakes). */
export interface BotDeps {
  answerer: Answerer;
  /** For /search. */
  retriever: Pick<Retriever, "search">;
  /** The current index, for /about and /start. */
  indexInfo(): IndexInfo;
  /** Rebuilds the index and switches answers to it (admin /reindex). @throws AppError. */
  reindex(): Promise<IndexInfo>;
  feedback: FeedbackStore;
  logger: BotLogger;
  /** Telegram user ids allowed admin commands. */
  admins: readonly number[];
  /** Example questions offered by /start (three). */
  examples?: readonly string[];
}

/** Per-bot memory shared by the features: conversations per chat, answers behind buttons. */
export interface BotState {
  conversations: ConversationStore;
  answers: AnswerCache;
}

/** The questions /start offers when the caller gives none: one per kind of user (shared with the web page). */
export const DEFAULT_EXAMPLES = EXAMPLE_QUESTIONS;
