import type { Archive } from "../retrieve/archive.js";
import type { SearchResult } from "../retrieve/retriever.js";
import type { Tokenizer } from "../text/tokenize.js";
import { afterOrdinal, digitsIn, findCodes, findFigures, unitClass, type Figure } from "./figures.js";
import type { QuestionAnalysis } from "./question.js";

/** A sentence that may answer the question, with why. */
export interface Candidate {
  sentence: string;
  result: SearchResult;
  /** 0-based rank of its chunk in the retrieval results. */
  rank: number;
  /** Weighted share of the question's words found in the sentence (or, less, in the headline). */
  coverage: number;
  /**
   * The same share with the article's sentences just before the chunk counted as neighbours of
   * its first two (a figure opening a chunk, its subject named at the end of the one before):
   * what the support check asks. Scores and the model use `coverage`, so a sentence of a
   * parallel list (“红码事项”…, “绿码事项”…) is not lifted over the one asked by its lead-in.
   */
  reach: number;
  /** The sentence states a figure of the unit asked for (quantity questions). */
  hasAskedFigure: boolean;
  /** The sentence (or the one before it) names the thing counted or measured. */
  hasFocus: boolean;
  /** The sentence itself prints one of the question's words of two characters or more. */
  printsWord: boolean;
  /** For a question asking a part of a stated whole: an asked figure counts that part (`countsPart`); else true. */
  partCounted: boolean;
  score: number;
}

/** Share of the question's weighted words a passage must contain to be taken as an answer. */
export const MIN_COVERAGE = 0.45;

/** Words of a question that say what is asked, not what it is about. */
const ASKING = new Set(
  "多少 几 什么 怎么 怎么办 怎样 如何 多长时间 长时间 多长 多久 多少钱 多大 多高 多远 哪些 哪个 哪天 哪里 哪儿 哪位 谁 是否 能否 能不能 不能 可不可以 应该 可以 请问 一下 一共 总共 共有 现在 目前 今年 一般 大概 大约 需要 时间 情况 问题 知道 告诉 吗 呢 有 是 了 的 个 家 项 为何 为什么 何时 何地".split(
    " ",
  ),
);

const PROCEDURE_CUE = /可以|可|需要|须|应当|应|通过|办理|提供|申请|窗口|平台|只需|就能|即可/u;
/** A sentence that offers a way out (作为…地址, 提供了…) rather than restating the difficulty. */
const SOLUTION_CUE = /提供|通过|帮助|解决了|开通|推出|设立|只需|就能|即可|可以/u;
const PROBLEM_CUE = /问题|难题|困难|面临|怎么办/u;
const NORMATIVE_CUE = /不得|不能|不超过|应当|必须|可以|原则上|一般|禁止|严禁|允许/u;
/** A day or month (or 年底, 年初…) a "when" question can be answered with. */
export const DATE_CUE = /\d{1,2}月\d{1,2}日|\d{1,2}月(?:份|初|中旬|下旬|上旬|底)?|年底|年初|年中|月底|上旬|中旬|下旬/u;
/** A year, which answers 哪一年 and 什么时候 from a sentence that says what happened. */
const YEAR = /\d{3,4}年|[一二三四五六七八九十〇零]{2,4}年/u;
/** A time named without a figure (孔雀王朝时期, 二十世纪, 高二的时候), which answers 什么时候 as a year does. */
const PERIOD = /时期|年代|世纪|[初末]期|(?<![有要到])的时候/u;

/**
 * Whether a sentence gives what a time question asks: a day or month, or (unless it asks for the
 * day) a year — for 什么时候 in a sentence that also says what happened (the question's event) —
 * or a period named without a figure, in a sentence that says the event.
 */
export function answersWhen(sentence: string, analysis: Pick<QuestionAnalysis, "asksDay" | "event">): boolean {
  if (DATE_CUE.test(sentence)) return true;
  if (analysis.asksDay) return false;
  if (YEAR.test(sentence)) return !analysis.event || sentence.includes(analysis.event);
  // A period is a time only beside what happened: 有的时候 or 中期评估 elsewhere say nothing of when.
  return analysis.event !== null && PERIOD.test(sentence) && sentence.includes(analysis.event);
}

export interface Weighting {
  /** How telling a word is in this archive (inverse document frequency). */
  idf(term: string): number;
}

/**
 * The question's content words with their weights (idf). Words of `context` (the first part of a
 * two-part question, said again for the second) count half.
 */
export function questionTerms(question: string, tokenizer: Tokenizer, weighting: Weighting, context = ""): Map<string, number> {
  const terms = new Map<string, number>();
  for (const t of tokenizer.terms(question)) if (!ASKING.has(t)) terms.set(t, weighting.idf(t));
  for (const t of tokenizer.terms(context)) if (!ASKING.has(t) && !terms.has(t)) terms.set(t, weighting.idf(t) / 2);
  return terms;
}

/** How much a question word counts where it is found: in the sentence, near it, or in the article. */
const FOUND = { sentence: 1, near: 0.6, headline: 0.6, around: 0.4, article: 0.25 };

/**
 * Whether a sentence itself prints one of the question's words of two characters or more (`has`
 * says whether it prints a word): words found only in its neighbours, its headline or elsewhere
 * in its article do not make its figure the one asked.
 */
export function printsQuestionWord(terms: ReadonlyMap<string, number>, has: (term: string) => boolean): boolean {
  for (const t of terms.keys()) if (t.length >= 2 && has(t)) return true;
  return false;
}

/** A set of words as coverage asks it: only whether a word is in it. */
export interface Words {
  has(term: string): boolean;
}

/** Either set's words, without building their union (most question words are found before it is asked). */
export function eitherOf(a: Words | undefined, b: Words | undefined): Words {
  return new Either(a, b);
}

// A class, not a closure: one is made per sentence, and its method is not a fresh function each time.
class Either implements Words {
  constructor(
    private readonly a: Words | undefined,
    private readonly b: Words | undefined,
  ) {}
  has(term: string): boolean {
    return (this.a?.has(term) ?? false) || (this.b?.has(term) ?? false);
  }
}

export interface Places {
  sentence: Words;
  near: Words;
  around: Words;
  headline: Words;
  /** Whether the article prints a word (a substring test: no tokenising a whole article). */
  inArticle: (term: string) => boolean;
}

/**
 * Weighted share of the question's words found for a sentence: fully in the sentence itself,
 * partly in its neighbours (他, 该公司… refer back), the headline, or elsewhere in the article.
 * Single characters weigh little: they are mostly grammar.
 */
export function coverage(terms: Map<string, number>, at: Places): number {
  let all = 0;
  let hit = 0;
  for (const [t, idf] of terms) {
    const w = t.length === 1 ? 0.3 * idf : idf;
    all += w;
    if (at.sentence.has(t)) hit += w * FOUND.sentence;
    else if (at.near.has(t)) hit += w * FOUND.near;
    else if (at.headline.has(t)) hit += w * FOUND.headline;
    else if (at.around.has(t)) hit += w * FOUND.around;
    else if (at.inArticle(t)) hit += w * FOUND.article;
  }
  return all === 0 ? 0 : hit / all;
}

/**
 * Whether a sentence defines a term: the term, perhaps a bracketed gloss, then 是, 是指, 指 or
 * 就是 (羊水栓塞是一种…; 冠夫姓（或从夫姓），指…; 所谓三鹰就是…), or a sentence that opens with
 * the term and its gloss (自在奥义书（IAST：…）婆罗门教诸奥义书中…).
 */
export function definesTerm(sentence: string, term: string): boolean {
  return placesOf(sentence, term).some((at) => {
    // The term as a word of its own, not the end of a longer one (二甲基乙酰胺 is not 乙酰胺).
    const before = sentence.slice(0, at);
    if (/\p{Script=Han}$/u.test(before) && !before.endsWith("所谓")) return false;
    const after = sentence.slice(at + term.length);
    const rest = after.replace(GLOSS, "");
    return DEFINING.test(rest) || (at === 0 && rest !== after && /\p{Script=Han}{2}/u.test(rest));
  });
}

/** A bracketed gloss after a term: 牛车水（；）, 梧桐树协议（Buttonwood Agreement）. */
const GLOSS = /^\s*(?:（[^）]*）|\([^)]*\))/u;
/** The words that say what a term is. */
const DEFINING = /^[，,]?\s*(?:也就是|就是|是指|是|指)/u;

/** Counters that count the same things: people (人, 名, 位). */
const PEOPLE = /^[万亿]?(?:人|名|位)$/u;

/**
 * Whether a figure's counter answers a question asking in `asked`: the same counter (万 before it
 * or not); the general 个 for any counter, either way ("多少条巷道" → "18个巷道"); people for people.
 */
export function countsAs(unit: string, asked: string): boolean {
  if (unit.endsWith(asked)) return true;
  if (asked === "个" || asked === "万个") return unitClass(unit) === "count";
  if (/^[万亿]?个$/u.test(unit)) return unitClass(asked) === "count";
  return PEOPLE.test(unit) && PEOPLE.test(asked);
}

/** Figures that answer: of the unit (or kind of unit) asked, and not ones the question states. */
export function askedFigures(sentence: string, analysis: QuestionAnalysis): Figure[] {
  const given = new Set(analysis.givenNumbers.map((n) => n.replace(/\D+$/u, "")));
  const figures = findFigures(sentence).filter((f) => {
    if (given.has(f.text.replace(/\D+$/u, ""))) return false;
    if (analysis.unitClass === "ordinal") return afterOrdinal(sentence, f) && (!analysis.unit || f.unit.endsWith(analysis.unit));
    if (analysis.unitClass && analysis.unitClass !== "count") return f.cls === analysis.unitClass;
    if (analysis.unit) return countsAs(f.unit, analysis.unit);
    return true;
  });
  if (analysis.unitClass !== "percent") return figures;
  const stated = (text: string) => {
    const digits = digitsIn(text);
    return digits.length > 0 && digits.every((d) => given.has(d));
  };
  const shares = [...sentence.matchAll(SHARE)].filter((m) => !CLOCK.test(m[0]) && !stated(m[0]));
  return [...figures, ...shares.map((m) => ({ text: m[0], unit: "", cls: "percent" as const, index: m.index! }))].sort((a, b) => a.index - b.index);
}

/**
 * Whether a figure counts the part a question asks of a stated whole: the thing counted beside
 * it (`countsFocus`), or its head word a few characters before it in the same clause, the
 * whole's noun between (其中规上企业210家 for 规上的有多少家).
 */
export function countsPart(sentence: string, figures: readonly Figure[], analysis: Pick<QuestionAnalysis, "focus" | "focusPhrase">): boolean {
  if (countsFocus(sentence, figures, analysis.focusPhrase)) return true;
  const focus = analysis.focus;
  if (!focus) return false;
  return figures.some((f) => {
    const at = sentence.lastIndexOf(focus, f.index);
    return at >= 0 && /^[\p{Script=Han}]{0,4}$/u.test(sentence.slice(at + focus.length, f.index));
  });
}

/** A time of day (10:30, 8：05), which a ratio's pattern would take. */
const CLOCK = /^\d{1,2}\s*[:：]\s*[0-5]\d$/u;
/** A share written without %: 百分之三十, or a ratio (男女生比例约为1：7). */
const SHARE = /百分之[零一二三四五六七八九十百点\d.]+|(?<![\d.:：])\d+(?:\.\d+)?\s*[:：比]\s*\d+(?:\.\d+)?(?![\d.:：])/gu;

/**
 * A figure right next to the thing counted or measured: "245家企业", "51个充电桩" (the phrase,
 * or its last three or more characters, follows the figure) or "报装总容量达2740.55万千瓦伏安"
 * (it comes just before).
 */
export function countsFocus(sentence: string, figures: readonly Figure[], phrase: string | null): boolean {
  if (!phrase) return false;
  const tails = [phrase, ...Array.from({ length: Math.max(0, phrase.length - 2) }, (_, i) => phrase.slice(i + 1))].filter((t) => t.length >= 2);
  return figures.some((f) => {
    const after = sentence.slice(f.index + f.text.length, f.index + f.text.length + phrase.length + 2);
    const before = sentence.slice(Math.max(0, f.index - phrase.length - 4), f.index);
    return tails.some((t) => after.startsWith(t) || before.endsWith(t) || before.slice(0, -1).endsWith(t) || (t.length >= 3 && before.includes(t)));
  });
}

/**
 * Whether an article prints a word: a substring test over the whole article, asked for every
 * question word and sentence, so answered once per article and word (for one question's work).
 */
export function articleWords(): (id: string, text: string) => (term: string) => boolean {
  const seen = new Map<string, Map<string, boolean>>();
  return (id, text) => {
    let known = seen.get(id);
    if (!known) seen.set(id, (known = new Map()));
    const k = known;
    return (t) => {
      let v = k.get(t);
      if (v === undefined) k.set(t, (v = text.includes(t)));
      return v;
    };
  };
}

/** 人口数, 藏书量, 交易额: the amount of a thing is named by the thing (人口约33,700人). */
const AMOUNT_OF = /(?:总量|总数|总额|数量|人数|人次|户数|量|数|额)$/u;

/** How far apart (characters) the two halves of a four-character focus may be printed, at their nearest: 身高2米11（6呎11吋），体重. */
const HALVES_APART = 16;

/** Where a word is printed in a text (non-overlapping, in order). */
function placesOf(text: string, word: string): number[] {
  const out: number[] = [];
  for (let i = text.indexOf(word); i >= 0; i = text.indexOf(word, i + word.length)) out.push(i);
  return out;
}

/** Whether a text names what the question counts or measures (its focus), or the thing an amount is of. */
export function namesFocus(text: string, focus: string): boolean {
  if (text.includes(focus)) return true;
  // A four-character word made of two (身高体重): the text may print them apart (身高2米11，体重118公斤).
  if (/^\p{Script=Han}{4}$/u.test(focus)) {
    const seconds = placesOf(text, focus.slice(2));
    if (placesOf(text, focus.slice(0, 2)).some((a) => seconds.some((b) => Math.abs(a - b) <= HALVES_APART))) return true;
  }
  const thing = focus.replace(AMOUNT_OF, "");
  return thing.length >= 2 && thing !== focus && text.includes(thing);
}

/** What a sentence of a chunk earns for one question, whatever rank its chunk is retrieved at. */
interface SentenceRule {
  sentence: string;
  coverage: number;
  reach: number;
  hasAskedFigure: boolean;
  hasFocus: boolean;
  printsWord: boolean;
  partCounted: boolean;
  /** The score before the chunk's rank is weighed in: coverage and the kind's cue … */
  base: number;
  /** … less this for a very long sentence. */
  long: number;
}

/**
 * One question's sentence scores by chunk id, to be shared by its searches (the time slices and
 * the look for newer versions retrieve many of the same chunks): see `rankSentences`.
 */
export type SentenceMemo = Map<string, SentenceRule[]>;

/**
 * Scores every sentence of the retrieved chunks for a question: word coverage, the figure or cue
 * its kind asks for, and (a little) the chunk's retrieval rank. Best first. Pure but for
 * `memo`, which keeps each chunk's sentence scores for the same question's next searches.
 */
export function rankSentences(
  results: readonly SearchResult[],
  analysis: QuestionAnalysis,
  terms: Map<string, number>,
  archive: Pick<Archive, "sentencesOf" | "articleText" | "headlineTerms" | "sentencesBefore">,
  memo: SentenceMemo = new Map(),
): Candidate[] {
  const out: Candidate[] = [];
  let printed: ReturnType<typeof articleWords> | undefined;
  results.forEach((result, rank) => {
    let rules = memo.get(result.chunk.id);
    if (!rules) {
      printed ??= articleWords();
      rules = sentenceRules(result, analysis, terms, archive, printed);
      memo.set(result.chunk.id, rules);
    }
    for (const r of rules) {
      out.push({
        sentence: r.sentence,
        result,
        rank,
        coverage: r.coverage,
        reach: r.reach,
        hasAskedFigure: r.hasAskedFigure,
        hasFocus: r.hasFocus,
        printsWord: r.printsWord,
        partCounted: r.partCounted,
        score: r.base + 0.08 / (rank + 1) - r.long,
      });
    }
  });
  return out.sort((a, b) => b.score - a.score);
}

function sentenceRules(
  result: SearchResult,
  analysis: QuestionAnalysis,
  terms: Map<string, number>,
  archive: Pick<Archive, "sentencesOf" | "articleText" | "headlineTerms" | "sentencesBefore">,
  printed: ReturnType<typeof articleWords>,
): SentenceRule[] {
  const headline = archive.headlineTerms(result.article);
  const inArticle = printed(result.article.id, archive.articleText(result.article.id));
  const sentences = archive.sentencesOf(result.chunk);
  // The article's sentences just before the chunk, for the support check's coverage only.
  const before = archive.sentencesBefore(result.chunk);
  const line = [...before, ...sentences];
  const from = before.length;
  return sentences.map(({ text: sentence, terms: words }, i) => {
    const cov = coverage(terms, {
      sentence: words,
      near: eitherOf(sentences[i - 1]?.terms, sentences[i + 1]?.terms),
      around: eitherOf(sentences[i - 2]?.terms, sentences[i + 2]?.terms),
      headline,
      inArticle,
    });
    const at = i + from;
    const reach =
      i >= 2 || from === 0
        ? cov
        : coverage(terms, {
            sentence: words,
            near: eitherOf(line[at - 1]?.terms, line[at + 1]?.terms),
            around: eitherOf(line[at - 2]?.terms, line[at + 2]?.terms),
            headline,
            inArticle,
          });
    const figures = analysis.kind === "quantity" ? askedFigures(sentence, analysis) : [];
    const hasAskedFigure =
      analysis.kind === "time" ? answersWhen(sentence, analysis) : analysis.unitClass === "code" ? findCodes(sentence).length > 0 : figures.length > 0;
    const previous = sentences[i - 1]?.text ?? "";
    const hasFocus = !analysis.focus || namesFocus(sentence, analysis.focus) || namesFocus(previous, analysis.focus);
    let bonus = 0;
    const partCounted = !analysis.asksPart || countsPart(sentence, figures, analysis);
    if (analysis.kind === "quantity") {
      bonus = hasAskedFigure ? 0.3 : -0.2;
      if (countsFocus(sentence, figures, analysis.focusPhrase)) bonus += 0.3;
      if (analysis.unit && figures.some((f) => f.unit.endsWith(analysis.unit!))) bonus += 0.1;
    } else if (analysis.kind === "time") bonus = hasAskedFigure ? 0.3 : -0.2;
    else if (analysis.kind === "procedure" || analysis.kind === "yesno") {
      const cue = analysis.kind === "yesno" ? NORMATIVE_CUE.test(sentence) || PROCEDURE_CUE.test(sentence) : PROCEDURE_CUE.test(sentence);
      bonus = (cue ? 0.15 : 0) + (SOLUTION_CUE.test(sentence) ? 0.15 : 0) - (PROBLEM_CUE.test(sentence) && !SOLUTION_CUE.test(sentence) ? 0.15 : 0);
    }
    // "通过什么渠道": the answer is usually a name, printed in quotes.
    else if (/什么|哪个|哪家|哪种/u.test(analysis.asked) && /“[^”]{2,12}”/u.test(sentence)) bonus = 0.1;
    const printsWord = printsQuestionWord(terms, (t) => words.has(t));
    return { sentence, coverage: cov, reach, hasAskedFigure, hasFocus, printsWord, partCounted, base: cov + bonus, long: sentence.length > 160 ? 0.05 : 0 };
  });
}
