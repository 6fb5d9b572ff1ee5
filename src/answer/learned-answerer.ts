import type { Archive } from "../retrieve/archive.js";
import type { Retriever, SearchResult } from "../retrieve/retriever.js";
import { normalizeQuery, simplify } from "../retrieve/normalize-query.js";
import { normalizeText } from "../text/normalize.js";
import { listedAnswer, otherAnswers } from "./ambiguity.js";
import { citationOf, excerpt, leadOf, LONG_SENTENCE, olderCoverageNote, restateTime, withMarker } from "./compose.js";
import { calibrationInput, defaultModel, probability, rankScore, type AnswerModel } from "./model.js";
import { missingPart, splitParts, withoutAside } from "./parts.js";
import { analyzeQuestion, displayOf, PLACE_NAME, placesIn, type QuestionAnalysis } from "./question.js";
import { refusal } from "./refusal.js";
import { askedOf, buildCandidates, questionTerms, type Asked, type Candidate, type RuledSentence, type SentenceFacts } from "./features.js";
import { shortAnswer } from "./short.js";
import { dateAfter, newestOfSame, type Slice, sameStatement, searchSlices } from "./time-slices.js";
import { dateKey } from "../index/dates.js";
import type { AnswerResult, Citation, Conversation } from "./types.js";

export interface LearnedAnswererDeps {
  retriever: Retriever;
  archive: Archive;
  /** The clock, for "今年" questions (tests pass a fixed date). */
  now?: () => Date;
  /** The answer-selection model (default: the committed `src/answer/model.json`). */
  model?: AnswerModel;
  /** Answers below this confidence are refused (default: the model's threshold). */
  minConfidence?: number;
  /** Search the whole archive at once instead of the newest coverage first (a fallback's one look). */
  wholeArchive?: boolean;
  /**
   * A further check every candidate must pass (the default answerer's fallback asks some of its
   * support checks of the model's candidates: see `fallbackChecks` in answerer.ts).
   */
  accepts?: (c: Candidate, asked: Asked) => boolean;
  /**
   * The rule path's sentence scores of some passages when already computed for the same question
   * (the default answerer's, for its fallback): the features reuse them instead of scoring again.
   */
  ruledOf?: (results: readonly SearchResult[]) => readonly RuledSentence[] | undefined;
  /** Whether several reports answering differently are listed (default true; not for one part of a question). */
  list?: boolean;
}

export interface Answerer {
  /**
   * Answers one message. With a conversation, follow-ups ("那木垒县呢？", "原文怎么说？") are
   * understood from its last turn, and the new turn is appended to it. Never throws for a bad
   * question: empty, huge or nonsensical input gets an honest refusal.
   */
  answer(message: string, conversation?: Conversation): Promise<AnswerResult>;
}

/** The extractive answerer, which can also show the candidates it chooses from. */
export interface ExtractiveAnswerer extends Answerer {
  /** The scored candidates of one question (whole archive, no time slices): for training and study. */
  candidates(question: string): Promise<{ asked: Asked; candidates: Candidate[] }>;
}

const RESULTS = 8;

/**
 * Why a candidate cannot answer whatever its score, or null when it may: every place, body or
 * company the question names must be in its article (and a sentence about another county answers
 * nothing about this one), every figure the question states too.
 */
export function unsupported(c: { sentence: string; result: SearchResult }, analysis: QuestionAnalysis, archive: Archive): string | null {
  const text = archive.articleText(c.result.article.id);
  const missing = analysis.anchors.find((a) => !text.includes(a));
  if (missing) return `报道没有提到“${missing}”`;
  const asked = analysis.anchors.filter((a) => PLACE_NAME.test(a));
  if (asked.length > 0 && !asked.some((a) => c.sentence.includes(a))) {
    const places = placesIn(c.sentence, archive.tokenizer);
    if (places.length > 0) return `报道说的是${places[0]}`;
  }
  const number = analysis.givenNumbers.find((n) => !text.includes(n));
  if (number) return `报道没有提到“${number}”`;
  return null;
}

/** Scores candidates with the model, best first, and the confidence that the best one is right. */
export function scoreCandidates(candidates: Candidate[], model: AnswerModel): { ranked: Candidate[]; confidence: number } {
  for (const c of candidates) c.score = rankScore(model, c.features);
  const ranked = [...candidates].sort((a, b) => b.score - a.score);
  const best = ranked[0];
  if (!best) return { ranked, confidence: 0 };
  const runnerUp = ranked.find((c) => !overlaps(c, best));
  const confidence = probability(model.calibrator, calibrationInput({ logit: best.score, features: best.features }, runnerUp?.score ?? null));
  return { ranked, confidence };
}

/** What the model makes of the candidates of some passages: its order, and its confidence in one of them. */
export interface ModelView {
  /** The model's score of a sentence of these passages (−∞ when it is not one of them). */
  score(c: { sentence: string; result: SearchResult }): number;
  /** The calibrated probability that the sentence answers, or 0 when it is not one of them. */
  confidence(chosen: { sentence: string; result: SearchResult }): number;
  /** The model's own first choice among these candidates, or undefined when there is none. */
  readonly top: Candidate | undefined;
}

/**
 * The model over the candidates of `results` that the support checks allow (as in training, so
 * the runner-up is one of them). `ruled` passes the rule path's sentence scores when computed;
 * `facts`, the sentence facts of this question's earlier views (see `buildCandidates`).
 */
export function modelView(
  model: AnswerModel,
  results: readonly SearchResult[],
  query: string,
  analysis: QuestionAnalysis,
  terms: Map<string, number>,
  archive: Archive,
  ruled?: readonly RuledSentence[],
  facts?: Map<string, SentenceFacts>,
): ModelView {
  const candidates = buildCandidates(results, askedOf(query, analysis, terms), archive, ruled, facts).filter((c) => unsupported(c, analysis, archive) === null);
  const { ranked } = scoreCandidates(candidates, model);
  const key = (c: { sentence: string; result: SearchResult }) => `${c.result.article.id}\n${c.sentence}`;
  const byKey = new Map<string, Candidate>();
  for (const c of ranked) if (!byKey.has(key(c))) byKey.set(key(c), c);
  return {
    top: ranked[0],
    score: (c) => byKey.get(key(c))?.score ?? Number.NEGATIVE_INFINITY,
    confidence(chosen) {
      const mine = byKey.get(key(chosen));
      if (!mine) return 0;
      const runnerUp = ranked.find((c) => !overlaps(c, mine));
      return probability(model.calibrator, calibrationInput({ logit: mine.score, features: mine.features }, runnerUp?.score ?? null));
    },
  };
}

/**
 * The model's confidence in a sentence chosen by other means (the support checks): the
 * calibrated probability of its candidate among those of the same passages, or 0 when the
 * sentence is not among them.
 */
export function confidenceOf(
  model: AnswerModel,
  results: readonly SearchResult[],
  query: string,
  analysis: QuestionAnalysis,
  terms: Map<string, number>,
  chosen: { sentence: string; result: SearchResult },
  archive: Archive,
  ruled?: readonly RuledSentence[],
  facts?: Map<string, SentenceFacts>,
): number {
  return modelView(model, results, query, analysis, terms, archive, ruled, facts).confidence(chosen);
}

/** Whether two candidates share a sentence of the same article. */
export function overlaps(a: Candidate, b: Candidate): boolean {
  return a.result.article.id === b.result.article.id && a.parts.some((p) => b.parts.includes(p));
}

interface Found {
  best: Candidate;
  ranked: Candidate[];
  confidence: number;
  analysis: QuestionAnalysis;
  asked: Asked;
}

/** The extractive answerer (default, offline), with an optional LLM on top. */
export function createLearnedAnswerer(deps: LearnedAnswererDeps): ExtractiveAnswerer {
  const { retriever, archive } = deps;
  const now = deps.now ?? (() => new Date());
  const tokenizer = archive.tokenizer;
  const model = deps.model ?? defaultModel();
  const threshold = deps.minConfidence ?? model.threshold;

  function prepare(question: string, context = "") {
    const query = normalizeQuery(question);
    // The kind is read from the question as asked: 吗/呢 say "yes or no" before search drops them.
    const analysis = analyzeQuestion(normalizeText(simplify(question)), tokenizer);
    const terms = questionTerms(query, tokenizer, archive, context);
    // The sentence facts of one question's searches, shared by them (see `buildCandidates`).
    const facts = new Map<string, SentenceFacts>();
    return { query: context ? `${context}${query}` : query, analysis, asked: askedOf(query, analysis, terms), facts };
  }

  function supported(results: readonly SearchResult[], asked: Asked, facts: Map<string, SentenceFacts>): Candidate[] {
    const accepts = deps.accepts ?? (() => true);
    return buildCandidates(results, asked, archive, deps.ruledOf?.(results), facts).filter(
      (c) => unsupported(c, asked.analysis, archive) === null && accepts(c, asked),
    );
  }

  /** The best passage for one question (one part of a question), searching newest coverage first. */
  async function find(question: string, context = ""): Promise<Found | null> {
    const { query, analysis, asked, facts } = prepare(question, context);
    if (!query) return null;
    let closest: Found | null = null;
    for (const slice of deps.wholeArchive ? ([{}] as Slice[]) : searchSlices(question, archive.coverage.to, 0)) {
      const results = await retriever.search(query, { k: RESULTS, dateFrom: slice.dateFrom, dateTo: slice.dateTo });
      const { ranked, confidence } = scoreCandidates(supported(results, asked, facts), model);
      const best = ranked[0];
      if (!best) continue;
      const found = { best, ranked, confidence, analysis, asked };
      if (confidence >= threshold) {
        const same = ranked.filter((c) => c.score >= best.score - 0.5 && sameStatement(c.sentence, best.sentence));
        const newest = newestOfSame([best, ...same], (c) => dateKey(c.result.article.date)) ?? best;
        return { ...found, best: await newerVersion(newest, query, asked, facts) };
      }
      if (!closest || confidence > closest.confidence) closest = found;
    }
    return closest;
  }

  /**
   * The same sentence reported again later (with other figures) may lie beyond the passages
   * retrieved: look again, only in issues after the chosen one, at most twice.
   */
  async function newerVersion(best: Candidate, query: string, asked: Asked, facts: Map<string, SentenceFacts>): Promise<Candidate> {
    let current = best;
    for (let round = 0; round < 2; round++) {
      const after = dateAfter(current.result.article.date);
      if (!after || (archive.coverage.to && after > archive.coverage.to)) break;
      const results = await retriever.search(query, { k: RESULTS, dateFrom: after });
      const { ranked } = scoreCandidates(supported(results, asked, facts), model);
      const same = ranked.filter((c) => c.score >= current.score - 1 && sameStatement(c.sentence, current.sentence));
      const newer = newestOfSame([current, ...same], (c) => dateKey(c.result.article.date), Infinity);
      if (!newer || newer === current) break;
      current = newer;
    }
    return current;
  }

  /** One part's answer text, its citation and exact answer. */
  function compose(found: Found, id: number): { text: string; citation: Citation; short: string | null } {
    const { best, analysis, asked } = found;
    const article = best.result.article;
    const short = shortAnswer(best.sentence, analysis, asked.words, tokenizer);
    // The sentence the model chose is the answer; only a very long one is cut to its clauses.
    let text =
      best.sentence.length > LONG_SENTENCE
        ? excerpt(best.sentence, {
            unit: analysis.unit,
            unitClass: analysis.unitClass,
            focus: analysis.focus,
            wantsDate: analysis.kind === "time",
            words: asked.words,
          })
        : best.sentence;
    if (short && !text.includes(short)) text = best.sentence;
    const lead = leadOf(best.sentence, best.result.chunk, archive, analysis.asked);
    return { text: withMarker(restateTime(`${lead}${text}`, article.date), [id]), citation: citationOf(id, article, `${lead}${best.sentence}`), short };
  }

  function answerOf(display: string, found: Found): AnswerResult {
    const shortOf = (c: Candidate) => shortAnswer(c.sentence, found.analysis, found.asked.words, tokenizer);
    const alt = deps.list === false ? [] : otherAnswers(found.best, found.ranked, (c) => c.score, found.analysis, shortOf);
    if (alt.length === 0) {
      const { text, citation, short } = compose(found, 1);
      const note = found.analysis.wantsCurrent ? olderCoverageNote(found.best.result.article, now()) : null;
      return { question: display, answered: true, answer: note ? `${note}${text}` : text, citations: [citation], confidence: found.confidence, short };
    }
    const listed = listedAnswer([found.best, ...alt].map((c) => compose({ ...found, best: c }, 1)));
    return { question: display, answered: true, ...listed, confidence: found.confidence };
  }

  async function answerQuestion(asked: string, display: string): Promise<AnswerResult> {
    if (!normalizeQuery(asked)) return refusal(display, "empty");
    const question = withoutAside(asked);
    const analysis = analyzeQuestion(normalizeText(simplify(question)), tokenizer);
    const parts = splitParts(normalizeText(simplify(question)));
    if (parts.length > 1) return multiPart(display, parts);
    const found = await find(question);
    if (found && found.confidence >= threshold) return answerOf(display, found);
    if (analysis.outOfScope) return refusal(display, "out-of-scope");
    return refusal(display, "not-found", found?.best.result.article, found?.confidence ?? 0);
  }

  /** Each part answered on its own (later parts with the first as context); a part not found is said to be. */
  async function multiPart(display: string, parts: string[]): Promise<AnswerResult> {
    const citations: Citation[] = [];
    const texts: string[] = [];
    const confidences: number[] = [];
    let short: string | null = null;
    for (const [i, part] of parts.entries()) {
      const found = await find(part, i === 0 ? "" : parts[0]!.replace(/[？?]+$/u, ""));
      if (!found || found.confidence < threshold) {
        texts.push(missingPart(part, i));
        confidences.push(found?.confidence ?? 0);
        continue;
      }
      // The same sentence (with the one it leans on) answering another part is cited once.
      const quote = `${leadOf(found.best.sentence, found.best.result.chunk, archive, found.analysis.asked)}${found.best.sentence}`;
      const same = citations.find((c) => c.source === found.best.result.article.source && c.quote === quote);
      const piece = compose(found, same?.id ?? citations.length + 1);
      if (!same) citations.push(piece.citation);
      texts.push(piece.text);
      confidences.push(found.confidence);
      short ??= piece.short;
    }
    if (citations.length === 0) return refusal(display, "not-found", undefined, Math.max(...confidences));
    const answer = texts.join("");
    return { question: display, answered: true, answer, citations, confidence: Math.min(...confidences.filter((c) => c >= threshold)), short };
  }

  return {
    async answer(message) {
      const display = displayOf(message);
      return answerQuestion(display.trim(), display);
    },
    async candidates(question) {
      const { query, asked, facts } = prepare(question);
      const results = query ? await retriever.search(query, { k: RESULTS }) : [];
      return { asked, candidates: supported(results, asked, facts) };
    },
  };
}
