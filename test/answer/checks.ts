import { dateDigits } from "../../src/answer/compose.js";
import { inventedNumbers } from "../../src/answer/figures.js";
import type { AnswerResult, Citation } from "../../src/answer/types.js";
import type { App } from "../../src/app.js";

const squeeze = (s: string) => s.replace(/\s+/g, "");

/**
 * The body of an article put back together from its chunks, overlap removed (a chunk repeats
 * the last sentences of the one before). White space is dropped: quotes are compared without it.
 */
export function articleBody(app: App, articleId: string): string {
  const texts = app.index.chunks
    .filter((c) => c.articleId === articleId)
    .sort((a, b) => a.position - b.position)
    .map((c) => squeeze(c.text));
  let body = texts[0] ?? "";
  for (const next of texts.slice(1)) {
    let k = Math.min(body.length, next.length);
    while (k > 0 && !body.endsWith(next.slice(0, k))) k--;
    body += next.slice(k);
  }
  return body;
}

/** The articles a citation can point to: same page file and same headline. */
export function articlesOf(app: App, c: Citation): string[] {
  return [...app.index.articles.values()].filter((a) => a.source === c.source && a.title === c.title).map((a) => a.id);
}

/** The citation's quote is printed, as is, in the article it names (its body, or its headline). */
export function quoteIsVerbatim(app: App, c: Citation): boolean {
  return articlesOf(app, c).some((id) => articleBody(app, id).includes(squeeze(c.quote)) || squeeze(c.title ?? "") === squeeze(c.quote));
}

/**
 * Everything that makes an answer unverifiable, as readable strings (empty when fine): numbers
 * in the answer found in no cited quote nor cited date, [n] markers without a citation,
 * citations no marker points to, quotes not printed in their article.
 */
export function fidelityProblems(app: App, r: AnswerResult): string[] {
  const problems: string[] = [];
  if (!r.answered) {
    if (r.citations.length > 0) problems.push("拒答却带有引用");
    return problems;
  }
  const invented = inventedNumbers(
    r.answer,
    r.citations.map((c) => c.quote),
    dateDigits(r.citations),
  );
  if (invented.length) problems.push(`编造的数字：${invented.join("、")}`);
  const ids = new Set(r.citations.map((c) => c.id));
  const markers = [...r.answer.matchAll(/\[(\d+)\]/g)].map((m) => Number(m[1]));
  if (markers.length === 0) problems.push("没有 [n] 标记");
  for (const m of markers) if (!ids.has(m)) problems.push(`[${m}] 没有对应的引用`);
  for (const c of r.citations) {
    if (!markers.includes(c.id)) problems.push(`引用 ${c.id} 没有被标记`);
    if (!quoteIsVerbatim(app, c)) problems.push(`引文不在原报道中：${c.quote.slice(0, 30)}`);
  }
  return problems.map((p) => `${r.question.slice(0, 40)} → ${p}`);
}

/** How many times `part` occurs in `text`. */
export const occurrences = (text: string, part: string) => text.split(part).length - 1;
