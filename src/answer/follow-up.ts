import type { Tokenizer } from "../text/tokenize.js";
import { findAnchors } from "./question.js";
import type { Conversation, Turn } from "./types.js";

export type FollowUp =
  | { type: "sources"; previous: Turn }
  | { type: "original"; previous: Turn }
  | { type: "question"; question: string }
  /** "那呼图壁县呢？" with nothing before it: what about it? */
  | { type: "incomplete" };

const SOURCES =
  /^(?:那|那么)?(?:这|这个|这条|这篇|它|以上|上面的?|刚才的?)?(?:是|出自|来自)?(?:哪天|哪一天|什么时候|几号|哪期|哪一期|第几期|哪个版|哪一版|哪份报纸?|什么报纸?|哪里)(?:的)?(?:报道|新闻|消息|出的|登的|说的)?[？?。！!]*$|出处|来源是|在哪看到|哪篇报道|引用的?(?:是)?哪/u;
const ORIGINAL = /原文|原话|原句|怎么写的|怎么说的|具体怎么说|报道怎么说|全文/u;
/** "那木垒县呢？", "木垒县的呢", "那2021年呢": the same question about something else. */
const SWAP = /^(?:那|那么|那如果是|如果是|换成)?\s*(.{1,16}?)(?:的情况|的)?呢?[？?]?$/u;
const PRONOUN = /^(?:那|还有|另外|它|他们|该|这个|这家|那个|那家|这里|那里)/u;

/**
 * Understands a message in the light of the conversation so far: a question about the last
 * answer's source ("这是哪天的报道？"), a request for its original text ("原文怎么说？"), or a
 * short follow-up that reuses the last question ("那木垒县呢？" → the last question with 木垒县
 * in place of its place). Anything else is a new question. Pure.
 */
export function resolveFollowUp(message: string, conversation: Conversation | undefined, tokenizer: Tokenizer): FollowUp {
  const text = message.trim();
  const previous = conversation?.turns[conversation.turns.length - 1];
  if (!previous) {
    const bare = /^(?:那|那么)\s*\S{1,12}?(?:的)?呢[？?]?$/u.test(text);
    return bare ? { type: "incomplete" } : { type: "question", question: text };
  }
  if (text.length <= 20 && ORIGINAL.test(text)) return { type: "original", previous };
  if (text.length <= 20 && SOURCES.test(text)) return { type: "sources", previous };

  const swap = text.length <= 18 && /呢[？?]?$|^(?:那|换成|如果是)/u.test(text) ? SWAP.exec(text) : null;
  if (swap) {
    const subject = swap[1]!.replace(/^(?:那|那么)/u, "").trim();
    const newAnchors = findAnchors(subject, tokenizer);
    const oldAnchors = findAnchors(previous.resolved, tokenizer);
    const year = /^(\d{4})年?$/u.exec(subject);
    if (year && /\d{4}年/u.test(previous.resolved)) {
      return { type: "question", question: previous.resolved.replace(/\d{4}年/u, `${year[1]}年`) };
    }
    if (newAnchors.length > 0 && oldAnchors.length > 0) {
      return { type: "question", question: previous.resolved.replace(oldAnchors[0]!, newAnchors[0]!) };
    }
  }
  if (PRONOUN.test(text) && findAnchors(text, tokenizer).length === 0) {
    const anchors = findAnchors(previous.resolved, tokenizer);
    if (anchors.length > 0) return { type: "question", question: `${anchors.join("")}${text.replace(PRONOUN, "")}` };
  }
  return { type: "question", question: text };
}
