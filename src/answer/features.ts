import type { Archive } from "../retrieve/archive.js";
import type { SearchResult } from "../retrieve/retriever.js";
import { type Tag, tagsOf } from "../text/tag-cache.js";
import { findCodes } from "./figures.js";
import type { QuestionAnalysis } from "./question.js";
import {
  askedFigures,
  countsFocus,
  coverage,
  articleWords,
  DATE_CUE,
  eitherOf,
  MIN_COVERAGE,
  questionTerms,
  rankSentences,
  type Candidate as RuleCandidate,
  type Words,
} from "./select.js";

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
  "localStrict",
  "offHeadline",
  "articleShare",
  "rarestInArticle",
  "slotWord",
  "coverageGap",
  "strictGap",
  "bigramsGap",
  "longestRunGap",
  "densityGap",
  "localStrictGap",
  "bigramsRank",
  "ruleScore",
  "ruleSupported",
] as const;

/** Features compared with the best value among a question's candidates (listwise, for a pointwise model). */
const RELATIVE = ["coverage", "strict", "bigrams", "longestRun", "density", "localStrict"] as const;

/** Where a question asks: its text before and after the question word ("生命数耗完即算为" / ""). */
export const QUESTION_WORD =
  /多少|几[个家辆台件项名户套座次条张所批天年月岁号位]?|什么|哪[里儿个些位一年天家所种]?|谁|多久|多长|多远|多大|多高|怎么|如何|怎样|是否|能否|为何|为什么|何时|何地|何人/u;

/** Words that make a sentence a rule or a way to do something (general Chinese, not one page's). */
const RULE_CUE = /不得|不能|不超过|应当|必须|可以|原则上|一般|禁止|严禁|允许|需要|须|通过|办理|提供|申请|只需|就能|即可/u;
/** A date a "when" question can be answered with: the support checks' dates, or a year. */
const DATE_OR_YEAR = new RegExp(`${DATE_CUE.source}|(?:19|20)\\d\\d年|[一二三四五六七八九十〇零]{2,4}年`, "u");

export { questionTerms };

/** Single characters weigh little: they are mostly grammar. */
const weightOf = (t: string, idf: number) => (t.length === 1 ? 0.3 * idf : idf);

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

/**
 * The question's words reweighted by how few of the candidates' sentences hold them: a word that
 * every sentence repeats (what the page is about) says little about which sentence answers.
 */
export function locallyWeighted(terms: Map<string, number>, sentences: readonly Set<string>[]): Map<string, number> {
  const df = new Map<string, number>();
  for (const words of sentences) for (const t of terms.keys()) if (words.has(t)) df.set(t, (df.get(t) ?? 0) + 1);
  return new Map([...terms].map(([t, idf]) => [t, idf * Math.log((sentences.length + 1) / ((df.get(t) ?? 0) + 0.5))]));
}

/**
 * The weighted share of the question's words that the article's headline lacks, found in one set
 * of words: the headline says what the whole article is about, the other words which sentence answers.
 */
export function offHeadline(terms: Map<string, number>, headline: Set<string>, words: Set<string>): number {
  let all = 0;
  let hit = 0;
  for (const [t, idf] of terms) {
    if (headline.has(t)) continue;
    const w = weightOf(t, idf);
    all += w;
    if (words.has(t)) hit += w;
  }
  return all === 0 ? 0 : hit / all;
}

/** Characters that carry meaning (Han, letters, digits), for the character-level features. */
const meaningful = (text: string) => text.replace(/[^\p{Script=Han}\p{L}\p{N}]/gu, "");

/** The character bigrams of a text already reduced to its meaningful characters. */
export function bigramsOf(clean: string): string[] {
  const out: string[] = [];
  for (let i = 0; i + 1 < clean.length; i++) out.push(clean.slice(i, i + 2));
  return out;
}

/** What the features need of one sentence whatever the question: cached across questions. */
interface SentenceText {
  chars: string;
  /** The distinct character bigrams of `chars`. */
  bigrams: Set<string>;
  number: boolean;
  date: boolean;
  rule: boolean;
  quoted: boolean;
  org: boolean;
}

/** What the features need of one sentence, computed once per question (a pair combines its two). */
export interface SentenceFacts extends SentenceText {
  run: number;
  before: number;
  after: number;
  tags: readonly Tag[];
}

const NUMBER_CUE = /\d|[一二两三四五六七八九十百千万亿]+[个名位家项次年月日天]/u;
const QUOTED = /“[^”]{2,16}”|《[^》]{2,30}》/u;
// Two Han characters before the suffix are as good as more for a test, and do not backtrack.
const ORG_SUFFIX = /\p{Script=Han}{2}(?:公司|集团|大学|学院|委员会|局|厅|部|协会|中心)/u;
const TEXT_CACHE = 50_000;

const textCache = new Map<string, SentenceText>();

// Per-candidate helpers live here, not as closures in the loop: tsx's keepNames wraps each
// nested named closure in a defineProperty call, hundreds per answer.

/** Whether any sentence of a candidate has the fact. */
function anyOf(facts: readonly SentenceText[], key: "number" | "date" | "rule" | "quoted" | "org"): boolean {
  return facts.some((f) => f[key]);
}

/** Whether a candidate's tags hold a name of the kind (two characters or more) that the question lacks. */
function newName(tags: readonly Tag[], tag: string, asked: string): boolean {
  return tags.some((t) => t.tag === tag && t.word.length >= 2 && !asked.includes(t.word));
}

/** A sentence's question-independent facts, cached across questions (the same passages come back often). */
function textOf(sentence: string): SentenceText {
  let t = textCache.get(sentence);
  if (!t) {
    if (textCache.size >= TEXT_CACHE) textCache.clear();
    const chars = meaningful(sentence);
    t = {
      chars,
      bigrams: new Set(bigramsOf(chars)),
      number: NUMBER_CUE.test(sentence),
      date: DATE_OR_YEAR.test(sentence),
      rule: RULE_CUE.test(sentence),
      quoted: QUOTED.test(sentence),
      org: ORG_SUFFIX.test(sentence),
    };
    textCache.set(sentence, t);
  }
  return t;
}

/**
 * The longest runs a question shares with a text: anywhere, within its first `before` characters,
 * and within the part from `afterFrom` on — one pass over the table instead of three.
 */
function commonRuns(question: string, text: string, before: number, afterFrom: number): { run: number; before: number; after: number } {
  const out = { run: 0, before: 0, after: 0 };
  if (!question || !text) return out;
  let prev = new Uint16Array(text.length + 1);
  let cur = new Uint16Array(text.length + 1);
  for (let i = 1; i <= question.length; i++) {
    for (let j = 1; j <= text.length; j++) {
      const r = question[i - 1] === text[j - 1] ? prev[j - 1]! + 1 : 0;
      cur[j] = r;
      if (r === 0) continue;
      if (r > out.run) out.run = r;
      if (i <= before && r > out.before) out.before = r;
      if (i > afterFrom) {
        const inside = Math.min(r, i - afterFrom);
        if (inside > out.after) out.after = inside;
      }
    }
    [prev, cur] = [cur, prev];
  }
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

/**
 * The question's last content word before its question word, which the answer is printed beside
 * (建成 in "已经建成了多少个充电桩" → "已建成51个充电桩"), or null.
 */
export function slotWord(question: string, terms: Map<string, number>, tokenizer: CandidateArchive["tokenizer"]): string | null {
  const m = QUESTION_WORD.exec(question);
  if (!m) return null;
  // An adverb (已经, 大约) says how it is asked, not what the answer is printed with.
  const words = tagsOf(question.slice(0, m.index), tokenizer).filter((t) => t.word.length >= 2 && terms.has(t.word) && !NOT_SLOT.test(t.tag));
  return words.at(-1)?.word ?? null;
}

/** Tags of words that are no slot: adverbs, prepositions, conjunctions, particles, pronouns. */
const NOT_SLOT = /^(?:d[a-z]*|ad|p|c|u[a-z]*|y|r[a-z]*)$/u;

/** How many characters may stand between the slot word and the answer after it ("完成投资30.96亿元")… */
const SLOT_NEAR = 6;
/** … or between the start of an answer before it and the word (a date is long: "于2007年5月21日推出"). */
const SLOT_AFTER_ANSWER = 14;

/** Whether a text prints the slot word beside one of the answers starting at `positions`. */
export function besideAnswer(text: string, slot: string, positions: number[]): boolean {
  for (let i = text.indexOf(slot); i >= 0; i = text.indexOf(slot, i + 1)) {
    const end = i + slot.length;
    if (positions.some((p) => (p >= end && p - end <= SLOT_NEAR) || (p < i && i - p <= SLOT_AFTER_ANSWER))) return true;
  }
  return false;
}

const DATES = new RegExp(DATE_OR_YEAR.source, "gu");

/** Where dates (or years) start in a text. */
function datesIn(text: string): number[] {
  return [...text.matchAll(DATES)].map((m) => m.index!);
}

/** Everything about a question the features need, computed once. */
export function askedOf(query: string, analysis: QuestionAnalysis, terms: Map<string, number>): Asked {
  const m = QUESTION_WORD.exec(query);
  const before = meaningful(m ? query.slice(0, m.index) : query);
  const after = meaningful(m ? query.slice(m.index + m[0].length) : "");
  return { analysis, terms, chars: meaningful(query), words: [...terms.keys()].filter((w) => w.length >= 2), before, after };
}

/** The archive lookups candidate building needs. */
export type CandidateArchive = Pick<Archive, "sentencesOf" | "articleText" | "headlineTerms" | "sentencesBefore" | "tokenizer">;

interface Unit {
  text: string;
  parts: string[];
  terms: Set<string>;
  index: number;
  near: Words;
  around: Words;
}

/**
 * The candidates of the retrieved chunks: every sentence and every pair of adjacent sentences,
 * each with its features. Pure but for the archive's caches and `bySentence`, the facts of the
 * sentences seen so far: shared by the calls for one question only (they depend on its words).
 * Scores are left at 0.
 */
export function buildCandidates(
  results: readonly SearchResult[],
  asked: Asked,
  archive: CandidateArchive,
  ruled?: readonly RuledSentence[],
  bySentence: Map<string, SentenceFacts> = new Map(),
): Candidate[] {
  const { analysis, terms } = asked;
  const out: Candidate[] = [];
  const union = (a: Set<string>, b: Set<string>) => {
    const u = new Set(a);
    for (const t of b) u.add(t);
    return u;
  };
  const memo = articleWords();
  const units: Array<{ unit: Unit; result: SearchResult; rank: number; headline: Set<string>; inArticle: (t: string) => boolean }> = [];
  results.forEach((result, rank) => {
    const headline = archive.headlineTerms(result.article);
    const text = archive.articleText(result.article.id);
    const inArticle = memo(result.article.id, text);
    const sentences = archive.sentencesOf(result.chunk);
    sentences.forEach((s, i) => {
      const near = eitherOf(sentences[i - 1]?.terms, sentences[i + 1]?.terms);
      const around = eitherOf(sentences[i - 2]?.terms, sentences[i + 2]?.terms);
      units.push({ unit: { text: s.text, parts: [s.text], terms: s.terms, index: i, near, around }, result, rank, headline, inArticle });
      const next = sentences[i + 1];
      if (next) {
        const pair = {
          text: s.text + next.text,
          parts: [s.text, next.text],
          terms: union(s.terms, next.terms),
          index: i,
          near: eitherOf(sentences[i - 1]?.terms, sentences[i + 2]?.terms),
          around: eitherOf(sentences[i - 2]?.terms, sentences[i + 3]?.terms),
        };
        units.push({ unit: pair, result, rank, headline, inArticle });
      }
    });
  });

  // Per sentence, once: the longest runs shared with the question, and the part-of-speech tags.
  // A pair takes its sentences' (a run across the seam is rare; tagging is the dearest step).
  const needTags = !!analysis.wants || analysis.kind === "other";
  const sentenceFacts = (sentence: string): SentenceFacts => {
    let f = bySentence.get(sentence);
    if (!f) {
      const text = textOf(sentence);
      f = {
        ...text,
        ...commonRuns(asked.chars, text.chars, asked.before.length, asked.chars.length - asked.after.length),
        tags: needTags ? tagsOf(sentence, archive.tokenizer) : [],
      };
      bySentence.set(sentence, f);
    }
    return f;
  };

  // Character bigrams weighted by how rare they are among the candidates' sentences.
  const df = new Map<string, number>();
  let sentenceCount = 0;
  for (const u of units) {
    if (u.unit.parts.length !== 1) continue;
    sentenceCount++;
    for (const g of sentenceFacts(u.unit.text).bigrams) df.set(g, (df.get(g) ?? 0) + 1);
  }
  const questionBigrams = [...new Set(bigramsOf(asked.chars))];
  const bigramWeight = (g: string) => Math.log((sentenceCount + 1) / ((df.get(g) ?? 0) + 0.5));
  const bigramTotal = questionBigrams.reduce((s, g) => s + bigramWeight(g), 0) || 1;

  const localTerms = locallyWeighted(
    terms,
    units.filter((u) => u.unit.parts.length === 1).map((u) => u.unit.terms),
  );
  // The question's rarest word: an article that never prints it is hardly the one asked about.
  let rarest: string | null = null;
  for (const [t, idf] of terms) if (t.length >= 2 && (rarest === null || idf > terms.get(rarest)!)) rarest = t;
  const articleFacts = new Map<string, { share: number; rarest: number }>();
  const articleFactsOf = (id: string, inArticle: (t: string) => boolean) => {
    let f = articleFacts.get(id);
    if (!f) {
      let all = 0;
      let hit = 0;
      for (const [t, idf] of terms) {
        const w = weightOf(t, idf);
        all += w;
        if (inArticle(t)) hit += w;
      }
      f = { share: all === 0 ? 0 : hit / all, rarest: rarest === null || inArticle(rarest) ? 1 : 0 };
      articleFacts.set(id, f);
    }
    return f;
  };
  const questionTermSet = new Set(terms.keys());
  const kind = analysis.kind;
  const wantsNumber = kind === "quantity";
  const wantsDate = kind === "time";
  const wantsRule = kind === "yesno" || kind === "procedure";
  const wantsName = analysis.wants;
  // The word a figure or date is printed beside; a time question's is what happened (开工 in
  // 什么时候开工), but one asking the year has no event word and takes the word before 哪一年.
  const slot = wantsNumber || wantsDate ? ((wantsDate ? analysis.event : null) ?? slotWord(analysis.asked, terms, archive.tokenizer)) : null;
  const rules = rulesOf(ruled ?? rankSentences(results, asked.analysis, asked.terms, archive), asked);

  for (const { unit, result, rank, headline, inArticle } of units) {
    const text = unit.text;
    // A sentence's coverage is the rule path's (the same places, the same weights).
    const single = unit.parts.length === 1 ? rules.get(ruleKey(result, text)) : undefined;
    const cov = single?.coverage ?? coverage(terms, { sentence: unit.terms, near: unit.near, around: unit.around, headline, inArticle });
    const strict = share(terms, unit.terms);
    const facts = unit.parts.map(sentenceFacts);
    // A bigram of a pair's text is one of its sentences' or the one across the seam.
    const seam = facts.slice(1).map((f, i) => `${facts[i]!.chars.slice(-1)}${f.chars.slice(0, 1)}`);
    let bigramHit = 0;
    for (const g of questionBigrams) if (facts.some((f) => f.bigrams.has(g)) || seam.includes(g)) bigramHit += bigramWeight(g);
    bigramHit /= bigramTotal;
    const run = Math.max(...facts.map((f) => f.run)) / Math.max(4, asked.chars.length);
    let novelTerms = 0;
    for (const t of unit.terms) if (!questionTermSet.has(t)) novelTerms++;
    const figures = wantsNumber ? askedFigures(text, analysis) : [];
    const hasNumber = anyOf(facts, "number");
    const hasAskedFigure = wantsDate ? anyOf(facts, "date") : analysis.unitClass === "code" ? findCodes(text).length > 0 : wantsNumber && figures.length > 0;
    const tags = facts.flatMap((f) => f.tags);
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
      wantsName === "person" && newName(tags, NAME_TAGS.person, asked.chars) ? 1 : 0,
      wantsName === "place" ? 1 : 0,
      wantsName === "place" && newName(tags, NAME_TAGS.place, asked.chars) ? 1 : 0,
      wantsName === "org" ? 1 : 0,
      wantsName === "org" && (newName(tags, NAME_TAGS.org, asked.chars) || anyOf(facts, "org")) ? 1 : 0,
      wantsRule ? 1 : 0,
      wantsRule && anyOf(facts, "rule") ? 1 : 0,
      newNoun ? 1 : 0,
      anyOf(facts, "quoted") && !wantsNumber ? 1 : 0,
      asked.before.length >= 2 ? Math.max(...facts.map((f) => f.before)) / asked.before.length : 0,
      asked.after.length >= 2 ? Math.max(...facts.map((f) => f.after)) / asked.after.length : 0,
      share(localTerms, unit.terms),
      offHeadline(terms, headline, unit.terms),
      articleFactsOf(result.article.id, inArticle).share,
      articleFactsOf(result.article.id, inArticle).rarest,
      slot && text.includes(slot) && besideAnswer(text, slot, wantsNumber ? figures.map((f) => f.index) : datesIn(text)) ? 1 : 0,
    ];
    out.push({ sentence: text, parts: unit.parts, result, rank, coverage: cov, hasAskedFigure, features, score: 0 });
  }
  addRelative(out);
  addRules(out, rules);
  return out;
}

/**
 * The hand-written sentence score and support checks (src/answer/select.ts) as two features, so
 * that the model weighs them by what they are worth on data; a pair takes its better sentence's.
 */
/** What the hand-written scoring says of a sentence (src/answer/select.ts's candidates). */
export type RuledSentence = Pick<RuleCandidate, "sentence" | "result" | "score" | "coverage" | "hasFocus" | "hasAskedFigure">;

type Rules = Map<string, { score: number; ok: boolean; coverage: number }>;
const ruleKey = (result: SearchResult, sentence: string) => `${result.chunk.id}\n${sentence}`;

function rulesOf(ruled: readonly RuledSentence[], asked: Asked): Rules {
  const rules: Rules = new Map();
  for (const c of ruled) {
    const ok = c.coverage >= MIN_COVERAGE && c.hasFocus && (!(asked.analysis.kind === "quantity" || asked.analysis.kind === "time") || c.hasAskedFigure);
    rules.set(ruleKey(c.result, c.sentence), { score: c.score, ok, coverage: c.coverage });
  }
  return rules;
}

function addRules(candidates: Candidate[], rules: Rules): void {
  for (const c of candidates) {
    const parts = c.parts.map((p) => rules.get(ruleKey(c.result, p)));
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
