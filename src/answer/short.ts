import type { Tokenizer } from "../text/tokenize.js";
import { tagsOf } from "../text/tag-cache.js";
import { afterOrdinal, codeSpans, type Figure } from "./figures.js";
import type { QuestionAnalysis } from "./question.js";
import { QUESTION_WORD } from "./features.js";
import { askedFigures } from "./select.js";

/** A calendar date or time as printed: 2025年6月30日, 6月30日, 2019年, 12月上旬, 1998年春. */
const DATE =
  /(?:(?:19|20)\d\d|[一二〇零][〇零一二三四五六七八九]{3})年(?:\d{1,2}月(?:\d{1,2}日)?)?(?:[上下]半年|初|底|[春夏秋冬]季?)?|\d{1,2}月\d{1,2}日|\d{1,2}月(?:上旬|中旬|下旬|初|底)?/gu;

export interface Span {
  text: string;
  index: number;
}

/** Where the question's words stand in the text, on average (the answer is usually near them). */
function anchorOf(text: string, words: readonly string[]): number {
  const at = words.map((w) => text.indexOf(w)).filter((i) => i >= 0);
  return at.length ? at.reduce((s, i) => s + i, 0) / at.length : 0;
}

/** The clause (between ，；： and sentence ends) around a position. */
function clauseAt(text: string, index: number): string {
  const from = Math.max(...["，", "；", "：", "。", "、", ","].map((p) => text.lastIndexOf(p, index - 1))) + 1;
  return text.slice(from, clauseEnd(text, index));
}

function clauseEnd(text: string, index: number): number {
  const ends = ["，", "；", "。", "！", "？", "、", ","].map((p) => text.indexOf(p, index)).filter((i) => i >= 0);
  return ends.length ? Math.min(...ends) : text.length;
}

/**
 * The clause a span belongs to: its own, or, when the span is all of its clause, the clause it
 * opens ("1970年，在…取得学士学位": a time put first governs what follows).
 */
function clauseOf(text: string, span: Span): string {
  const own = clauseAt(text, span.index);
  if (own.trim() !== span.text) return own;
  const end = clauseEnd(text, span.index);
  return end < text.length && text[end] === "，" ? `${own}${clauseAt(text, end + 1)}` : own;
}

/**
 * How much each question word says about where the answer is: its length, and more the closer it
 * stands to the question word ("办结" in "收集到的问题已经办结了多少件").
 */
function weighWords(question: string, words: readonly string[]): Array<[string, number]> {
  const at = QUESTION_WORD.exec(question)?.index ?? question.length;
  return words.map((w) => {
    const i = question.indexOf(w);
    const distance = i < 0 ? question.length : i + w.length <= at ? at - (i + w.length) : i - at;
    return [w, w.length * (1 + 3 / (1 + distance))];
  });
}

/**
 * The span whose clause holds most of the question's words, weighted (the figure printed with
 * the thing it measures: "回访满意率达93.56%"), the one nearest the question's words on a tie;
 * `bonus` adds what else marks a span as the answer (the asked unit, the thing counted beside it).
 */
function nearest<S extends Span>(
  spans: S[],
  anchor: number,
  text = "",
  words: ReadonlyArray<[string, number]> = [],
  bonus: (s: S) => number = () => 0,
): string | null {
  return nearestSpan(spans, anchor, text, words, bonus)?.text ?? null;
}

function nearestSpan<S extends Span>(
  spans: S[],
  anchor: number,
  text = "",
  words: ReadonlyArray<[string, number]> = [],
  bonus: (s: S) => number = () => 0,
): S | null {
  let best: { span: S; score: number } | null = null;
  for (const span of spans) {
    const clause = text ? clauseOf(text, span) : "";
    const score = words.reduce((n, [w, weight]) => n + (clause.includes(w) ? weight : 0), 0) + bonus(span) - Math.abs(span.index - anchor) / 1000;
    if (!best || score > best.score) best = { span, score };
  }
  return best?.span ?? null;
}

/**
 * How much of the thing counted stands right next to a figure:
 * the length of the longest piece (two characters or more) of the question's phrase printed just
 * after it or just before it, one character apart at most ("20辆享受到补贴", "超长期国债1.53亿元"),
 * or 0. Punctuation parts them: "…2.1亿元、专项债0.8亿元" puts 专项债 beside the
 * second figure only.
 */
export function focusNextTo(text: string, figure: Span, phrase: string | null): number {
  if (!phrase) return 0;
  const end = figure.index + figure.text.length;
  const after = text.slice(end, end + phrase.length + 1);
  const before = text.slice(Math.max(0, figure.index - phrase.length - 1), figure.index);
  let best = 0;
  for (let i = 0; i < phrase.length; i++)
    for (let j = phrase.length; j - i >= Math.max(2, best + 1); j--) {
      const piece = phrase.slice(i, j);
      if (
        after.startsWith(piece) ||
        (HAN_CHAR.test(after[0] ?? "") && after.slice(1).startsWith(piece)) ||
        before.endsWith(piece) ||
        (HAN_CHAR.test(before.at(-1) ?? "") && before.slice(0, -1).endsWith(piece))
      ) {
        best = j - i;
        break;
      }
    }
  return best;
}

const HAN_CHAR = /^\p{Script=Han}$/u;

/**
 * The weight of the question words printed as a label right before a span: the word, then at
 * most a colon and spaces ("新闻热线: 2881100"). 0 when none is.
 */
export function labelledBy(text: string, span: Span, words: ReadonlyArray<[string, number]>): number {
  const before = text.slice(Math.max(0, span.index - 12), span.index).replace(/[\s:：]+$/u, "");
  return words.reduce((n, [w, weight]) => n + (before.endsWith(w) ? weight : 0), 0);
}

/** A text's tagged words with where each stands (the tags cached, as the features ask the same). */
function taggedSpans(text: string, tokenizer: Tokenizer): Array<Span & { tag: string }> {
  let at = 0;
  return tagsOf(text, tokenizer).map((t) => {
    const index = text.indexOf(t.word, at);
    at = index >= 0 ? index + t.word.length : at;
    return { text: t.word, index, tag: t.tag };
  });
}

/** Names of one part of speech (merged where jieba cut one name in two), with their positions. */
function names(text: string, tokenizer: Tokenizer, tag: string, question: string): Span[] {
  const out: Span[] = [];
  let run: Span | null = null;
  for (const t of taggedSpans(text, tokenizer)) {
    if (t.tag === tag) {
      if (run && run.index + run.text.length === t.index) run.text += t.text;
      else out.push((run = { text: t.text, index: t.index }));
    } else run = null;
  }
  return out.filter((s) => s.text.length >= 2 && !question.includes(s.text));
}

/**
 * People's names in a text that the question does not give: jieba's nr words, and words of two
 * or three characters jieba does not know (x) where news text puts a name (董事长霍群亚, 刘焕梅说:
 * jieba's dictionary tags few of them nr; elsewhere an unknown word is as often a mis-cut).
 */
export function personsIn(text: string, tokenizer: Tokenizer, question: string): Span[] {
  const tagged = taggedSpans(text, tokenizer);
  // Unknown words one by one: punctuation is x too, and a run of x would join it to the name.
  const unknown = tagged
    .filter((t) => t.tag === "x" && t.index >= 0 && /^\p{Script=Han}{2,3}$/u.test(t.text) && !question.includes(t.text) && introduced(text, t))
    .map((t) => ({ text: t.text, index: t.index }));
  // A surname jieba tags alone, then the given name it took for a place or a noun (李/nr 长江/ns).
  const split = tagged.flatMap((t, i) => {
    const next = tagged[i + 1];
    const given = next && next.index === t.index + t.text.length && /^\p{Script=Han}{1,2}$/u.test(next.text) && /^(?:n|ns|nr|nz|x)$/u.test(next.tag);
    const name = `${t.text}${next?.text ?? ""}`;
    return t.tag === "nr" && t.text.length === 1 && given && !question.includes(name) ? [{ text: name, index: t.index }] : [];
  });
  // A name in Latin letters: capitalised words (Kampon Tansacha).
  const latin = [...text.matchAll(/\b[A-Z][a-z]+(?:[ -][A-Z][a-z]+)+\b/gu)]
    .filter((m) => !question.includes(m[0]))
    .map((m) => ({ text: m[0], index: m.index! }));
  return [...names(text, tokenizer, "nr", question), ...unknown, ...split, ...latin].sort((a, b) => a.index - b.index);
}

/** A word that stands where news text puts a name: after a title (局长, 董事长, 村民) or before 说, 表示… */
function introduced(text: string, span: Span): boolean {
  const before = text.slice(Math.max(0, span.index - 4), span.index);
  const after = text.slice(span.index + span.text.length, span.index + span.text.length + 2);
  return /(?:[长员师记任席民]|经理|主管|代表|会计|干部|联系人|负责人)$/u.test(before) || /^(?:说|表示|介绍|认为|告诉|坦言|感慨|女士|先生)/u.test(after);
}

/** Organisation names: jieba's nt words, and phrases ending in 公司/大学/局/委员会… */
function organisations(text: string, tokenizer: Tokenizer, question: string): Span[] {
  const suffixed = [
    ...text.matchAll(/[\p{Script=Han}]{2,16}?(?:有限责任公司|有限公司|公司|集团|大学|学院|研究院|研究所|委员会|协会|银行|医院|中心|局|厅)/gu),
  ].map((m) => ({
    text: m[0].replace(/^.*[的和与及在从向对把将给是由为]/u, ""),
    index: m.index!,
  }));
  return [...suffixed, ...names(text, tokenizer, "nt", question)].filter((s) => s.text.length >= 2 && !question.includes(s.text));
}

/**
 * The exact words of `text` that answer a figure, date, person, place or organisation question
 * ("245家", "2025年6月30日", "张建国"), or null for other questions or when none is found. Always
 * a substring of `text`. Pure but for the tokenizer.
 */
export function shortAnswer(text: string, analysis: QuestionAnalysis, words: readonly string[], tokenizer: Tokenizer): string | null {
  const anchor = anchorOf(text, words);
  const question = analysis.asked;
  if (analysis.kind === "quantity") {
    if (analysis.unitClass === "code") {
      // A code is printed after its label ("邮发代号 57—103", "热线：2881100").
      const weights = weighWords(question, words);
      return nearest(codeSpans(text), anchor, "", [], (c) => labelledBy(text, c, weights));
    }
    const unit = analysis.unit;
    const asked = askedFigures(text, analysis);
    // A figure in the very unit asked answers before one in the general 个 (藏书共计3.6万册, not 书屋18个).
    const exact = unit ? asked.filter((f) => f.unit.endsWith(unit)) : [];
    const figures = exact.length > 0 && unit !== "个" ? asked.filter((f) => exact.includes(f) || !/^[万亿]?个$/u.test(f.unit)) : asked;
    // The asked unit marks the answer, and so does the thing counted printed right next to it
    // ("其中20辆享受到补贴" for "多少辆享受到了补贴", not the 119辆 bought).
    const marks = (f: Figure) => (unit && f.text.endsWith(unit) ? 8 : 0) + 8 * focusNextTo(text, f, analysis.focusPhrase);
    const found = nearestSpan(figures, anchor, text, weighWords(question, words), marks);
    // An ordinal is said whole, as printed: 第二天, not 二天 (which the page never says alone).
    return found && afterOrdinal(text, found) ? `第${found.text}` : (found?.text ?? null);
  }
  if (analysis.kind === "time") {
    const dates = [...text.matchAll(DATE)].map((m) => ({ text: m[0], index: m.index! })).filter((d) => !question.includes(d.text));
    return nearest(dates, anchor, text, weighWords(question, words));
  }
  if (analysis.wants === "person") return nearest(personsIn(text, tokenizer, question), anchor);
  if (analysis.wants === "place") return nearest(names(text, tokenizer, "ns", question), anchor);
  if (analysis.wants === "org") return nearest(organisations(text, tokenizer, question), anchor);
  return null;
}
