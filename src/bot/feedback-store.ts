import { createHash, randomBytes } from "node:crypto";
import { appendFile, mkdir, readFile, writeFile } from "node:fs/promises";
import { dirname, join } from "node:path";
import type { AnswerResult, Citation } from "../answer/types.js";

export type Vote = "up" | "down";

/** One 👍/👎, as one line of the feedback file. No raw Telegram id, name or chat id is kept. */
export interface FeedbackRecord {
  time: string;
  vote: Vote;
  /** sha256 of a local salt and the Telegram user id: the same person, never who. */
  user: string;
  chatType: string;
  question: string;
  answered: boolean;
  answer: string;
  citations: Citation[];
}

export interface FeedbackInput {
  vote: Vote;
  userId: number;
  chatType: string;
  result: AnswerResult;
}

/** Where votes go. */
export interface FeedbackStore {
  /** The hashed form of a user id, as records store it. */
  hashUser(userId: number): Promise<string>;
  /** Appends one vote. @throws on a file-system error (the caller logs it). */
  record(input: FeedbackInput): Promise<FeedbackRecord>;
}

/** The feedback file for a config: `feedback.jsonl` next to the index folder (data/). */
export function feedbackFileFor(indexDir: string): string {
  return join(dirname(indexDir), "feedback.jsonl");
}

/**
 * An append-only JSON Lines store. The salt is `salt` when given, else read from (or created
 * once, mode 600, in) `feedback.salt` beside the file — nothing is written before the first vote.
 */
export function createFeedbackStore(file: string, options: { salt?: string; now?: () => Date } = {}): FeedbackStore {
  const now = options.now ?? (() => new Date());
  let salt: Promise<string> | null = options.salt ? Promise.resolve(options.salt) : null;
  const saltFile = join(dirname(file), "feedback.salt");

  async function loadSalt(): Promise<string> {
    try {
      const text = (await readFile(saltFile, "utf8")).trim();
      if (text) return text;
    } catch {
      // first vote: make one
    }
    await mkdir(dirname(saltFile), { recursive: true });
    const fresh = randomBytes(32).toString("hex");
    await writeFile(saltFile, `${fresh}\n`, { mode: 0o600, flag: "wx" }).catch(async () => {
      // another process made it first: use theirs
    });
    return (await readFile(saltFile, "utf8")).trim();
  }

  async function hashUser(userId: number): Promise<string> {
    salt ??= loadSalt().catch((error: unknown) => {
      salt = null;
      throw error;
    });
    return createHash("sha256")
      .update(`${await salt}:${userId}`)
      .digest("hex");
  }

  return {
    hashUser,
    async record({ vote, userId, chatType, result }) {
      const record: FeedbackRecord = {
        time: now().toISOString(),
        vote,
        user: await hashUser(userId),
        chatType,
        question: result.question,
        answered: result.answered,
        answer: result.answer,
        citations: result.citations,
      };
      await mkdir(dirname(file), { recursive: true });
      // One write per line with O_APPEND: concurrent votes never interleave within a line.
      await appendFile(file, `${JSON.stringify(record)}\n`, "utf8");
      return record;
    },
  };
}

/** Reads a feedback file; a missing file is no votes; a damaged line is skipped and counted. */
export async function readFeedback(file: string): Promise<{ records: FeedbackRecord[]; damaged: number }> {
  let text: string;
  try {
    text = await readFile(file, "utf8");
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return { records: [], damaged: 0 };
    throw error;
  }
  const records: FeedbackRecord[] = [];
  let damaged = 0;
  for (const line of text.split("\n")) {
    if (!line.trim()) continue;
    try {
      const r = JSON.parse(line) as FeedbackRecord;
      if (r.vote === "up" || r.vote === "down") records.push(r);
      else damaged++;
    } catch {
      damaged++;
    }
  }
  return { records, damaged };
}
