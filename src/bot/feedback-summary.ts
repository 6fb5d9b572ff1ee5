import type { FeedbackRecord } from "./feedback-store.js";

export interface FeedbackSummary {
  total: number;
  up: number;
  down: number;
  /** Distinct (hashed) users who voted. */
  users: number;
  from: string | null;
  to: string | null;
  /** Answers voted down, most votes first: what to look at. */
  worst: Array<{ question: string; answered: boolean; down: number; up: number; answer: string }>;
}

/** Counts votes and lists the questions people disliked most. Pure. */
export function summarizeFeedback(records: readonly FeedbackRecord[], top = 10): FeedbackSummary {
  const byQuestion = new Map<string, { question: string; answered: boolean; down: number; up: number; answer: string }>();
  for (const r of records) {
    const key = `${r.question}\u0000${r.answer}`;
    let entry = byQuestion.get(key);
    if (!entry) byQuestion.set(key, (entry = { question: r.question, answered: r.answered, down: 0, up: 0, answer: r.answer }));
    entry[r.vote]++;
  }
  const times = records.map((r) => r.time).sort();
  return {
    total: records.length,
    up: records.filter((r) => r.vote === "up").length,
    down: records.filter((r) => r.vote === "down").length,
    users: new Set(records.map((r) => r.user)).size,
    from: times[0] ?? null,
    to: times[times.length - 1] ?? null,
    worst: [...byQuestion.values()]
      .filter((e) => e.down > 0)
      .sort((a, b) => b.down - a.down || a.up - b.up)
      .slice(0, top),
  };
}

/** The summary for a person, in Chinese. */
export function renderFeedbackSummary(s: FeedbackSummary, file: string, damaged = 0): string {
  if (s.total === 0) return `还没有反馈（${file}）。`;
  const share = (n: number) => `${Math.round((100 * n) / s.total)}%`;
  const lines = [`反馈：${s.total} 条（👍 ${s.up}，${share(s.up)}；👎 ${s.down}，${share(s.down)}），来自 ${s.users} 位用户`, `时间：${s.from} 至 ${s.to}`];
  if (damaged > 0) lines.push(`注意：${damaged} 行无法解析，已跳过`);
  if (s.worst.length > 0) {
    lines.push("", "👎 最多的回答：");
    for (const w of s.worst) {
      lines.push(`- ${w.question}（👎 ${w.down} / 👍 ${w.up}${w.answered ? "" : "，未作答"}）`, `  ${w.answer.slice(0, 120)}`);
    }
  }
  return lines.join("\n");
}
