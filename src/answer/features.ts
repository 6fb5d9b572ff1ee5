import type { Archive } from "../retrieve/archive.js";
import type { SearchResult } from "../retrieve/retriever.js";
import type { Tokenizer } from "../text/tokenize.js";
import { findCodes, findFigures, type Figure } from "./figures.js";
import type { QuestionAnalysis } from "./question.js";
import { MIN_COVERAGE, rankSentences } from "./select.js";

/**
 * A passage that may answer the question — one sentence of a retrieved chunk, or two adjacent
 * ones — with the general features the answer-selection model scores it by.
 */
export interface Candidate {
  /** The candidate's text (one sentence, or two run together). */
  sentence: string;
  /** The sentences it is made of (one or two). */
  parts: string[];
  result: SearchResult;
  /** 0-based rank of its chunk in the retrieval results. */
  rank: number;
  /** Weighted share of the question's words found in it (or, less, near it and in the headline). */
  coverage: number;
  /** It states what the question's kind asks for (the figure in the asked unit, a date, …). */
  hasAskedFigure: boolean;
  /** The model's features, in `FEATURES` order. */
  features: number[];
  /** The model's probability that it holds the answer (set by the scorer; 0 before). */
  score: number;
}

/** The feature names, in the order of `Candidate.features` (and of the model file's weights). */
export const FEATURES = [
  "coverage",
  "strict",
  "bigrams",
  "longestRun",
  "density",
  "headline",
  "novel",
  "chunkRank",
  "lexicalRank",
  "vectorRank",
  "cosine",
  "length",
  "pair",
  "first",
  "wantsNumber",
  "hasNumber",
  "askedUnit",
  "nextToFocus",
  "wantsDate",
  "hasDate",
  "wantsPerson",
  "newPerson",
  "wantsPlace",
  "newPlace",
  "wantsOrg",
  "newOrg",
  "wantsRule",
  "ruleCue",
  "otherNewNoun",
  "quoted",
  "runBefore",
  "runAfter",
  "coverageGap",
  "strictGap",
  "bigramsGap",
  "longestRunGap",
  "densityGap",
  "bigramsRank",
  "ruleScore",
  "ruleSupported",
] as const;

/** Features compared with the best value among a question's candidates (listwise, for a pointwise model). */
const RELATIVE = ["coverage", "strict", "bigrams", "longestRun", "density"] as const;

/** Where a question asks: its text before and after the question word ("生命数耗完即算为" / ""). */
export const QUESTION_WORD =
  /多少|几[个家辆台件项名户套座次条张所批天年月岁号位]?|什么|哪[里儿个些位一年天家所种]?|谁|多久|多长|多远|多大|多高|怎么|如何|怎样|是否|能否|为何|为什么|何时|何地|何人/u;

/** Words of a question that say what is asked, not what it is about. */
const ASKING = new Set(
  "多少 几 什么 怎么 怎么办 怎样 如何 多长时间 长时间 多长 多久 多少钱 多大 多高 多远 哪些 哪个 哪天 哪里 哪儿 哪位 谁 是否 能否 能不能 不能 可不可以 应该 可以 请问 一下 一共 总共 共有 现在 目前 一般 大概 大约 需要 时间 情况 问题 知道 告诉 吗 呢 有 是 了 的 个 家 项 为何 为什么 何时 何地".split(
    " ",
  ),
);

/** Words that make a sentence a rule or a way to do something (general Chinese, not one page's). */
const RULE_CUE = /不得|不能|不超过|应当|必须|可以|原则上|一般|禁止|严禁|允许|需要|须|通过|办理|提供|申请|只需|就能|即可/u;
/** A date a "when" question can be answered with. */
export const DATE_CUE =
  /\d{1,2}月\d{1,2}日|\d{1,2}月(?:份|初|中旬|下旬|上旬|底)?|(?:19|20)\d\d年|年底|年初|年中|月底|上旬|中旬|下旬|[一二三四五六七八九十〇零]{2,4}年/u;

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

/** How much a question word counts where it is found: in the candidate, near it, or in the article. */
const FOUND = { sentence: 1, near: 0.6, headline: 0.6, around: 0.4, article: 0.25 };

interface Places {
  sentence: Set<string>;
  near: Set<string>;
  around: Set<string>;
  headline: Set<string>;
  /** Whether the article prints a word (a substring test: no tokenising a whole article). */
  inArticle: (term: string) => boolean;
}

/** Single characters weigh little: they are mostly grammar. */
const weightOf = (t: string, idf: number) => (t.length === 1 ? 0.3 * idf : idf);

/** Weighted share of the question's words found for a candidate, near ones counting partly. */
function coverage(terms: Map<string, number>, at: Places): number {
  let all = 0;
  let hit = 0;
  for (const [t, idf] of terms) {
    const w = weightOf(t, idf);
    all += w;
    if (at.sentence.has(t)) hit += w * FOUND.sentence;
    else if (at.near.has(t)) hit += w * FOUND.near;
    else if (at.headline.has(t)) hit += w * FOUND.headline;
    else if (at.around.has(t)) hit += w * FOUND.around;
    else if (at.inArticle(t)) hit += w * FOUND.article;
  }
  return all === 0 ? 0 : hit / all;
}

/** Weighted share of the question's words in one set of words only. */
function share(terms: Map<string, number>, words: Set<string>): number {
  let all = 0;
  let hit = 0;
  for (const [t, idf] of terms) {
    const w = weightOf(t, idf);
    all += w;
    if (words.has(t)) hit += w;
  }
  return all === 0 ? 0 : hit / all;
}

/** Figures that answer: of the unit (or kind of unit) asked, and not ones the question states. */
export function askedFigures(text: string, analysis: QuestionAnalysis): Figure[] {
  const given = new Set(analysis.givenNumbers.map((n) => n.replace(/\D+$/u, "")));
  return findFigures(text).filter((f) => {
    if (given.has(f.text.replace(/\D+$/u, ""))) return false;
    if (analysis.unitClass && analysis.unitClass !== "count") return f.cls === analysis.unitClass;
    if (analysis.unit) return f.cls === "count" || f.unit.endsWith(analysis.unit);
    return true;
  });
}

/**
 * A figure right next to the thing counted or measured: "245家企业" (the phrase, or its last
 * characters, follows the figure) or "报装总容量达2740.55万千瓦伏安" (it comes just before).
 */
function countsFocus(text: string, figures: Figure[], phrase: string | null): boolean {
  if (!phrase) return false;
  const tails = [phrase, ...Array.from({ length: Math.max(0, phrase.length - 2) }, (_, i) => phrase.slice(i + 1))].filter((t) => t.length >= 2);
  return figures.some((f) => {
    const after = text.slice(f.index + f.text.length, f.index + f.text.length + phrase.length + 2);
    const before = text.slice(Math.max(0, f.index - phrase.length - 4), f.index);
    const adjacent = (t: string) => before.endsWith(t) || before.slice(0, -1).endsWith(t);
    return tails.some((t) => after.startsWith(t) || adjacent(t) || (t.length >= 3 && before.includes(t)));
  });
}

/** Characters that carry meaning (Han, letters, digits), for the character-level features. */
const meaningful = (text: string) => text.replace(/[^\p{Script=Han}\p{L}\p{N}]/gu, "");

function bigramsOf(text: string): string[] {
  const clean = meaningful(text);
  const out: string[] = [];
  for (let i = 0; i + 1 < clean.length; i++) out.push(clean.slice(i, i + 2));
  return out;
}

/** Length of the longest run of characters the two texts share. */
export function longestCommonRun(a: string, b: string): number {
  if (!a || !b) return 0;
  let best = 0;
  let prev = new Uint16Array(b.length + 1);
  let cur = new Uint16Array(b.length + 1);
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      cur[j] = a[i - 1] === b[j - 1] ? prev[j - 1]! + 1 : 0;
      if (cur[j]! > best) best = cur[j]!;
    }
    [prev, cur] = [cur, prev];
  }
  return best;
}

/** How close together the question's words stand in the text: matched characters / their window. */
function density(text: string, words: readonly string[]): number {
  let from = Infinity;
  let to = -Infinity;
  let matched = 0;
  for (const w of words) {
    const i = text.indexOf(w);
    if (i < 0) continue;
    matched += w.length;
    from = Math.min(from, i);
    to = Math.max(to, i + w.length);
  }
  return matched === 0 ? 0 : Math.min(1, matched / (to - from));
}

/** A part of speech jieba gives a name of that kind (nr person, ns place, nt organisation). */
const NAME_TAGS = { person: "nr", place: "ns", org: "nt" } as const;

/** What the question asks for, as the features see it. */
export interface Asked {
  analysis: QuestionAnalysis;
  terms: Map<string, number>;
  /** The question's meaningful characters, for the longest shared run. */
  chars: string;
  /** The question's words, for the density feature. */
  words: string[];
  /** The question's characters before and after its question word. */
  before: string;
  after: string;
}

/** What a question is about: its text before its question word ("上半年完成了" of "上半年完成了多少户用电报装？"). */
export function questionTopic(question: string): string {
  const m = QUESTION_WORD.exec(question);
  return (m ? question.slice(0, m.index) : question).replace(/[，,？?。！!\s]+$/u, "");
}

/** Everything about a question the features need, computed once. */
export function askedOf(query: string, analysis: QuestionAnalysis, terms: Map<string, number>): Asked {
  const m = QUESTION_WORD.exec(query);
  const before = meaningful(m ? query.slice(0, m.index) : query);
  const after = meaningful(m ? query.slice(m.index + m[0].length) : "");
  return { analysis, terms, chars: meaningful(query), words: [...terms.keys()].filter((w) => w.length >= 2), before, after };
}

/** The archive lookups candidate building needs. */
export type CandidateArchive = Pick<Archive, "sentencesOf" | "articleText" | "headlineTerms" | "tokenizer">;

interface Unit {
  text: string;
  parts: string[];
  terms: Set<string>;
  index: number;
  near: Set<string>;
  around: Set<string>;
}

/**
 * The candidates of the retrieved chunks: every sentence and every pair of adjacent sentences,
 * each with its features. Pure but for the archive's caches. Scores are left at 0.
 */
export function buildCandidates(results: readonly SearchResult[], asked: Asked, archive: CandidateArchive): Candidate[] {
  const { analysis, terms } = asked;
  const out: Candidate[] = [];
  const union = (...sets: Array<Set<string> | undefined>) => {
    const u = new Set<string>();
    for (const s of sets) if (s) for (const t of s) u.add(t);
    return u;
  };
  const units: Array<{ unit: Unit; result: SearchResult; rank: number; headline: Set<string>; inArticle: (t: string) => boolean }> = [];
  results.forEach((result, rank) => {
    const headline = archive.headlineTerms(result.article);
    const text = archive.articleText(result.article.id);
    const inArticle = (t: string) => text.includes(t);
    const sentences = archive.sentencesOf(result.chunk);
    sentences.forEach((s, i) => {
      const near = union(sentences[i - 1]?.terms, sentences[i + 1]?.terms);
      const around = union(sentences[i - 2]?.terms, sentences[i + 2]?.terms);
      units.push({ unit: { text: s.text, parts: [s.text], terms: s.terms, index: i, near, around }, result, rank, headline, inArticle });
      const next = sentences[i + 1];
      if (next) {
        const pair = {
          text: s.text + next.text,
          parts: [s.text, next.text],
          terms: union(s.terms, next.terms),
          index: i,
          near: union(sentences[i - 1]?.terms, sentences[i + 2]?.terms),
          around: union(sentences[i - 2]?.terms, sentences[i + 3]?.terms),
        };
        units.push({ unit: pair, result, rank, headline, inArticle });
      }
    });
  });

  // Character bigrams weighted by how rare they are among the candidates' sentences.
  const df = new Map<string, number>();
  let sentenceCount = 0;
  for (const u of units) {
    if (u.unit.parts.length !== 1) continue;
    sentenceCount++;
    for (const g of new Set(bigramsOf(u.unit.text))) df.set(g, (df.get(g) ?? 0) + 1);
  }
  const questionBigrams = [...new Set(bigramsOf(asked.chars))];
  const bigramWeight = (g: string) => Math.log((sentenceCount + 1) / ((df.get(g) ?? 0) + 0.5));
  const bigramTotal = questionBigrams.reduce((s, g) => s + bigramWeight(g), 0) || 1;

  const questionTermSet = new Set(terms.keys());
  const kind = analysis.kind;
  const wantsNumber = kind === "quantity";
  const wantsDate = kind === "time";
  const wantsRule = kind === "yesno" || kind === "procedure";
  const wantsName = analysis.wants;

  for (const { unit, result, rank, headline, inArticle } of units) {
    const text = unit.text;
    const cov = coverage(terms, { sentence: unit.terms, near: unit.near, around: unit.around, headline, inArticle });
    const strict = share(terms, unit.terms);
    const chars = meaningful(text);
    const bigramHit = questionBigrams.reduce((s, g) => s + (chars.includes(g) ? bigramWeight(g) : 0), 0) / bigramTotal;
    const run = longestCommonRun(asked.chars, chars) / Math.max(4, asked.chars.length);
    const novelTerms = [...unit.terms].filter((t) => !questionTermSet.has(t)).length;
    const figures = wantsNumber ? askedFigures(text, analysis) : [];
    const hasNumber = /\d|[一二两三四五六七八九十百千万亿]+[个名位家项次年月日天]/u.test(text);
    const hasAskedFigure = wantsDate ? DATE_CUE.test(text) : analysis.unitClass === "code" ? findCodes(text).length > 0 : wantsNumber && figures.length > 0;
    const tags = wantsName || kind === "other" ? archive.tokenizer.tag(text) : [];
    const newName = (tag: string) => tags.some((t) => t.tag === tag && t.word.length >= 2 && !asked.chars.includes(t.word));
    const newNoun = kind === "other" && tags.some((t) => /^n/.test(t.tag) && t.word.length >= 2 && !asked.chars.includes(t.word));
    const features = [
      cov,
      strict,
      bigramHit,
      run,
      density(text, asked.words),
      share(terms, headline),
      unit.terms.size === 0 ? 0 : novelTerms / unit.terms.size,
      1 / (rank + 1),
      result.lexicalRank ? 1 / result.lexicalRank : 0,
      result.vectorRank ? 1 / result.vectorRank : 0,
      result.distance === null ? 0 : 1 - result.distance,
      Math.log(1 + text.length) / 5,
      unit.parts.length > 1 ? 1 : 0,
      unit.index === 0 && result.chunk.position === 0 ? 1 : 0,
      wantsNumber ? 1 : 0,
      wantsNumber && hasNumber ? 1 : 0,
      hasAskedFigure && wantsNumber ? 1 : 0,
      wantsNumber && countsFocus(text, figures, analysis.focusPhrase) ? 1 : 0,
      wantsDate ? 1 : 0,
      wantsDate && hasAskedFigure ? 1 : 0,
      wantsName === "person" ? 1 : 0,
      wantsName === "person" && newName(NAME_TAGS.person) ? 1 : 0,
      wantsName === "place" ? 1 : 0,
      wantsName === "place" && newName(NAME_TAGS.place) ? 1 : 0,
      wantsName === "org" ? 1 : 0,
      wantsName === "org" && (newName(NAME_TAGS.org) || /[\p{Script=Han}]{2,}(?:公司|集团|大学|学院|委员会|局|厅|部|协会|中心)/u.test(text)) ? 1 : 0,
      wantsRule ? 1 : 0,
      wantsRule && RULE_CUE.test(text) ? 1 : 0,
      newNoun ? 1 : 0,
      /“[^”]{2,16}”|《[^》]{2,30}》/u.test(text) && !wantsNumber ? 1 : 0,
      asked.before.length >= 2 ? longestCommonRun(asked.before, chars) / asked.before.length : 0,
      asked.after.length >= 2 ? longestCommonRun(asked.after, chars) / asked.after.length : 0,
    ];
    out.push({ sentence: text, parts: unit.parts, result, rank, coverage: cov, hasAskedFigure, features, score: 0 });
  }
  addRelative(out);
  addRules(out, results, asked, archive);
  return out;
}

/**
 * The hand-written sentence score and support checks (src/answer/select.ts) as two features, so
 * that the model weighs them by what they are worth on data; a pair takes its better sentence's.
 */
function addRules(candidates: Candidate[], results: readonly SearchResult[], asked: Asked, archive: CandidateArchive): void {
  const rules = new Map<string, { score: number; ok: boolean }>();
  for (const c of rankSentences(results, asked.analysis, asked.terms, archive)) {
    const ok = c.coverage >= MIN_COVERAGE && c.hasFocus && (!(asked.analysis.kind === "quantity" || asked.analysis.kind === "time") || c.hasAskedFigure);
    rules.set(`${c.result.chunk.id}\n${c.sentence}`, { score: c.score, ok });
  }
  for (const c of candidates) {
    const parts = c.parts.map((p) => rules.get(`${c.result.chunk.id}\n${p}`));
    c.features.push(Math.max(...parts.map((p) => p?.score ?? 0)), parts.some((p) => p?.ok) ? 1 : 0);
  }
}

/** Appends each candidate's gap to the best of its question in the RELATIVE features, and its rank by bigrams. */
function addRelative(candidates: Candidate[]): void {
  const at = RELATIVE.map((name) => FEATURES.indexOf(name));
  const best = at.map((i) => Math.max(...candidates.map((c) => c.features[i]!)));
  const bigrams = FEATURES.indexOf("bigrams");
  const order = candidates.map((c) => c.features[bigrams]!).sort((a, b) => b - a);
  for (const c of candidates) {
    const gaps = at.map((i, k) => c.features[i]! - best[k]!);
    c.features.push(...gaps, 1 / (1 + order.indexOf(c.features[bigrams]!)));
  }
}
