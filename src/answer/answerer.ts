import type { Archive } from "../retrieve/archive.js";
import type { Retriever, SearchResult } from "../retrieve/retriever.js";
import { normalizeQuery, simplify } from "../retrieve/normalize-query.js";
import { normalizeText } from "../text/normalize.js";
import { formatCitation, formatDate } from "./citation.js";
import { citationOf, excerpt, leadOf, LONG_SENTENCE, OLDER_NOTE, olderCoverageNote, restateTime, withMarker } from "./compose.js";
import { resolveFollowUp } from "./follow-up.js";
import { analyzeQuestion, displayOf, MAX_QUESTION, type QuestionAnalysis, WHO } from "./question.js";
import { refusal } from "./refusal.js";
import {
  askedFigures,
  type Candidate,
  countsPart,
  definesTerm,
  MIN_COVERAGE,
  printsQuestionWord,
  questionTerms,
  rankSentences,
  type SentenceMemo,
} from "./select.js";
import { dateAfter, newestOfSame, sameStatement, searchSlices } from "./time-slices.js";
import { dateKey } from "../index/dates.js";
import type { AnswerResult, Citation, Conversation } from "./types.js";
import type { LlmAnswerer } from "./llm.js";
import { type Asked, bigramsOf, type Candidate as LearnedCandidate, questionTopic, type SentenceFacts } from "./features.js";
import { confidenceOf, createLearnedAnswerer, modelView, unsupported as namesMissing } from "./learned-answerer.js";
import { missingPart, splitParts, withoutAside } from "./parts.js";
import { isMasthead } from "../ingest/masthead.js";
import { defaultModel, type AnswerModel } from "./model.js";
import { personsIn, shortAnswer } from "./short.js";
import { listedAnswer, otherAnswers } from "./ambiguity.js";

export interface AnswererDeps {
  retriever: Retriever;
  archive: Archive;
  /** Optional LLM; any failure falls back to the extractive answer. */
  llm?: LlmAnswerer;
  /** The clock, for "今年" questions (tests pass a fixed date). */
  now?: () => Date;
  /** The answer-selection model that gives `confidence` (default: the committed `src/answer/model.json`). */
  model?: AnswerModel;
  /** Answers whose confidence is below this are refused (default 0: the support checks decide). */
  minConfidence?: number;
}

export interface Answerer {
  /**
   * Answers one message. With a conversation, follow-ups ("那木垒县呢？", "原文怎么说？") are
   * understood from its last turn, and the new turn is appended to it. Never throws for a bad
   * question: empty, huge or nonsensical input gets an honest refusal.
   */
  answer(message: string, conversation?: Conversation): Promise<AnswerResult>;
}

export { MAX_QUESTION, MIN_COVERAGE };

/**
 * Said after an answer whose confidence is below the model's threshold (chosen so that held-out
 * answers at or above it were 90% right): the support checks answer below it too, and there
 * answers are right far less often (README: about half on the benchmark).
 */
export const UNSURE = "（报库对这个回答把握不大，请以原文为准。）";
const RESULTS = 8;
const LIST_RESULTS = 40;
/**
 * Whether a sentence says anything the question does not: a letter, digit or Han character the
 * question lacks ("此战奠定了…霸权。" answers no "为什么此战奠定了…霸权？").
 */
export function saysMore(sentence: string, question: string): boolean {
  for (const ch of sentence) if (/[\p{Script=Han}\p{L}\p{N}]/u.test(ch) && !question.includes(ch)) return true;
  return false;
}

/**
 * Why a candidate sentence cannot answer, or null when it can: what the question names must be
 * in its article (as for the learned selection); it must cover the question, print one of its
 * words itself, state what its kind asks for and name the thing counted — for a part of a
 * stated whole, count that part; for a question asking who, name someone.
 */
export function unsupported(c: Candidate, analysis: QuestionAnalysis, archive: Archive): string | null {
  const named = namesMissing(c, analysis, archive);
  if (named) return named;
  if (!saysMore(c.sentence, analysis.asked)) return "句子只是重复了问题";
  const subject = analysis.subject;
  if (subject) {
    // An unknown word may have taken in a neighbour (黄华麒是): two of its characters will do.
    const text = archive.articleText(c.result.article.id);
    if (!bigramsOf(subject).some((p) => text.includes(p))) return `报道没有提到“${subject}”`;
  }
  if (c.reach < MIN_COVERAGE) return "报道与问题不够相关";
  // Words found only around it (the sentence before names the road, this one another thing's length) do not make it the answer.
  if (!c.printsWord) return "句子本身没有问题所说的词";
  if (analysis.kind === "quantity" && !c.hasAskedFigure) return "报道没有给出所问的数字";
  if (analysis.kind === "time" && !c.hasAskedFigure) return "报道没有给出所问的日期";
  if (!c.hasFocus) return `报道没有提到“${analysis.focus}”`;
  // A question asking who (not 叫什么名字, which names things too) is answered by a sentence
  // that names someone the question does not.
  if (analysis.wants === "person" && WHO.test(analysis.asked) && personsIn(c.sentence, archive.tokenizer, analysis.asked).length === 0)
    return "报道没有给出所问的人";
  // A question that states the whole (245家企业里) and asks how many of a part: the part must be
  // counted beside its figure, not only named where the whole's other parts are counted.
  if (!c.partCounted) return `报道没有给出“${analysis.focus}”的数字`;
  return null;
}

/**
 * The support checks the learned fallback's candidates must pass too (the model alone rates
 * highly what they exist to refuse): each sentence prints a question word itself (not a pair
 * whose first sentence names the thing and whose second gives another thing's figure), and a
 * question asking a part of a stated whole gets the part's own figure.
 */
export function fallbackChecks(archive: Pick<Archive, "sentencesOf" | "tokenizer">): (c: LearnedCandidate, asked: Asked) => boolean {
  return (c, asked) => {
    // The sentence's own words, as the support checks read them (开发 is not printed by 开发区):
    // the archive's, which it keeps per chunk; tokenised here only for a sentence it splits otherwise.
    const sentences = archive.sentencesOf(c.result.chunk);
    const own = (p: string) => {
      const words = sentences.find((s) => s.text === p)?.terms ?? new Set(archive.tokenizer.terms(p));
      return printsQuestionWord(asked.terms, (t) => words.has(t));
    };
    if (!c.parts.every(own)) return false;
    const analysis = asked.analysis;
    if (!saysMore(c.sentence, analysis.asked)) return false;
    return !analysis.asksPart || countsPart(c.sentence, askedFigures(c.sentence, analysis), analysis);
  };
}

/** The extractive answerer (default, offline), with an optional LLM on top. */
export function createAnswerer(deps: AnswererDeps): Answerer {
  const { retriever, archive } = deps;
  const now = deps.now ?? (() => new Date());
  const tokenizer = archive.tokenizer;
  const model = deps.model ?? defaultModel();
  const minConfidence = deps.minConfidence ?? 0;
  // Where the support checks find nothing, the learned selection answers when it is very sure.
  // It searches what the last slice searched: one question's searches are shared (never across questions).
  // The rule scores of its last look are passed on: the fallback asks the same question of the same passages.
  const fallbackFor = (search: Retriever, ruled: Map<readonly SearchResult[], Candidate[]>, list: boolean) =>
    createLearnedAnswerer({
      list,
      retriever: search,
      archive,
      model,
      minConfidence: Math.max(minConfidence, model.fallbackThreshold),
      wholeArchive: true,
      accepts: fallbackChecks(archive),
      ruledOf: (results) => ruled.get(results),
    });

  async function answerQuestion(asked: string, display: string): Promise<AnswerResult> {
    if (!normalizeQuery(asked)) return refusal(display, "empty");
    const question = withoutAside(asked);
    const parts = splitParts(normalizeText(simplify(question)));
    const search = onceEach(retriever);
    const result = parts.length > 1 ? await multiPart(display, parts, search) : await answerOne(question, display, search);
    return result.answered && result.confidence < model.threshold ? { ...result, answer: `${result.answer}${UNSURE}` } : result;
  }

  /**
   * A question that asks two or more things: each part answered on its own, later parts with
   * what the first is about ("上半年完成了多少户用电报装？同比增长多少？" → "上半年完成了同比增长多少？"),
   * citations numbered across the parts; a part the archive does not answer is said to be missing.
   */
  async function multiPart(display: string, parts: string[], search: Retriever): Promise<AnswerResult> {
    const topic = questionTopic(parts[0]!);
    const citations: Citation[] = [];
    const texts: string[] = [];
    const confidences: number[] = [];
    let short: string | null = null;
    let best = 0;
    for (const [i, part] of parts.entries()) {
      const asked = i === 0 || part.includes(topic) ? part : `${topic}${part}`;
      // A part is answered from one report: a list of several would be judged and read as the part's whole answer.
      const r = await answerOne(asked, asked, search, false);
      best = Math.max(best, r.confidence);
      if (!r.answered) {
        texts.push(missingPart(part, i));
        continue;
      }
      // A part whose exact answer was said already, from a sentence it quotes again with its
      // neighbour, is answered by what was said: the sentence is not said twice.
      const said = r.short && texts.some((t) => t.includes(r.short!));
      if (said && citations.some((c) => r.citations.some((n) => n.source === c.source && n.quote.includes(c.quote)))) {
        confidences.push(r.confidence);
        continue;
      }
      const ids = new Map<number, number>();
      for (const c of r.citations) {
        const same = citations.find((x) => x.source === c.source && x.quote === c.quote);
        const id = same?.id ?? citations.length + 1;
        if (!same) citations.push({ ...c, id });
        ids.set(c.id, id);
      }
      let text = r.answer.replace(/\[(\d+)\]/g, (_m, n: string) => `[${ids.get(Number(n)) ?? n}]`);
      // The note on older coverage is said once when the parts share it.
      const note = OLDER_NOTE.exec(text)?.[0];
      if (note && texts.some((t) => t.startsWith(note))) text = text.slice(note.length);
      // One sentence that answers both parts is said once.
      if (!texts.some((t) => t.includes(text))) texts.push(text);
      confidences.push(r.confidence);
      short ??= r.short;
    }
    if (citations.length === 0) return refusal(display, "not-found", undefined, best);
    return { question: display, answered: true, answer: texts.join(""), citations, confidence: Math.min(...confidences), short };
  }

  async function answerOne(question: string, display: string, search: Retriever, list = true): Promise<AnswerResult> {
    const query = normalizeQuery(question);
    if (!query) return refusal(display, "empty");
    // The kind is read from the question as asked: 吗/呢 say "yes or no" before search drops them.
    const analysis = analyzeQuestion(normalizeText(simplify(question)), tokenizer);
    if (analysis.kind === "list") return listAnswer(display, query, analysis);
    const terms = questionTerms(query, tokenizer, archive);
    let closest: Candidate | undefined;
    let closestConfidence = 0;
    const ruled = new Map<readonly SearchResult[], Candidate[]>();
    // The slices and the look for newer versions retrieve many of the same chunks and sentences.
    const memo: SentenceMemo = new Map();
    const facts = new Map<string, SentenceFacts>();
    for (const slice of searchSlices(question, archive.coverage.to, MIN_COVERAGE)) {
      const results = await search.search(query, { k: RESULTS, dateFrom: slice.dateFrom, dateTo: slice.dateTo });
      const candidates = rankSentences(results, analysis, terms, archive, memo);
      ruled.set(results, candidates);
      if (candidates[0] && (!closest || candidates[0].score > closest.score)) closest = candidates[0];
      let supported = candidates.slice(0, 10).filter((c) => c.reach >= slice.minCoverage && unsupported(c, analysis, archive) === null);
      if (supported.length === 0) continue;
      // A question asking what a term means is answered by a sentence that says it, where one does.
      const term = analysis.defines;
      const defining = term ? supported.filter((c) => definesTerm(c.sentence, term)) : [];
      if (defining.length > 0) supported = defining;
      // The support checks say which sentences may answer; the model says which of them does.
      const view = modelView(model, results, query, analysis, terms, archive, candidates, facts);
      const ordered = supported.map((c, i) => ({ c, i, s: view.score(c) })).sort((a, b) => b.s - a.s || a.i - b.i);
      let best = newestOfSame(
        ordered.map((o) => o.c),
        (c) => dateKey(c.result.article.date),
      )!;
      // The model's own first choice (a sentence or a pair) stands instead when the model alone
      // would answer with it (its threshold) and is surer of it than of the sentence the checks kept.
      const top = view.top;
      const sure = top && top.sentence !== best.sentence ? view.confidence(top) : 0;
      let pair: NonNullable<typeof top> | null = null;
      if (
        top &&
        sure >= model.threshold &&
        sure > view.confidence(best) &&
        sure >= minConfidence &&
        saysMore(top.sentence, analysis.asked) &&
        (defining.length === 0 || definesTerm(top.parts[0]!, term!))
      ) {
        const mine = candidates.find((c) => c.result === top.result && c.sentence === top.sentence);
        // A pair is answered as it stands: reprints are looked for sentence by sentence.
        if (mine) best = mine;
        else pair = top;
      }
      if (!pair) best = await newerVersion(best, query, analysis, terms, search, memo);
      let confidence = pair ? sure : view.confidence(best);
      if (!pair && !results.includes(best.result)) {
        // A newer version of the sentence lies beyond these passages: its confidence among its own.
        const among = [best.result, ...results];
        confidence = confidenceOf(model, among, query, analysis, terms, best, archive, rankSentences(among, analysis, terms, archive, memo), facts);
      }
      if (confidence < minConfidence) {
        closestConfidence = Math.max(closestConfidence, confidence);
        continue;
      }
      // A pair that holds the checked sentence gives its exact answer from that sentence.
      const checked = pair && pair.result.chunk.id === best.result.chunk.id && pair.parts.includes(best.sentence) ? best.sentence : undefined;
      let extractive = compose(display, pair ?? best, analysis, terms, confidence, checked);
      // Several reports answering differently a question that does not say which it means: each is said.
      const words = [...terms.keys()];
      const alt =
        !list || pair || !results.includes(best.result)
          ? []
          : otherAnswers(
              best,
              ordered.map((o) => o.c),
              view.score,
              analysis,
              (c) => shortAnswer(c.sentence, analysis, words, tokenizer),
            );
      if (alt.length > 0) {
        // The best one's item is the answer composed above (no pair: it quotes `best` alone).
        const items = [extractive, ...alt.map((c) => compose(display, c, analysis, terms, confidence))].map((r) => ({
          text: r.answer.replace(OLDER_NOTE, ""),
          citation: r.citations[0]!,
          short: r.short,
        }));
        extractive = { ...extractive, ...listedAnswer(items) };
      }
      // A list is said as it is: the LLM would make one answer of it again.
      if (!deps.llm || alt.length > 0) return extractive;
      return deps.llm.improve(display, candidates.slice(0, 5), extractive);
    }
    if (analysis.outOfScope) return refusal(display, "out-of-scope");
    // A fallback that can never answer (threshold 1) is not asked.
    const learned = model.fallbackThreshold < 1 ? await fallbackFor(search, ruled, list).answer(question) : null;
    if (learned?.answered) return { ...learned, question: display };
    return refusal(display, "not-found", closest?.result.article, Math.max(closestConfidence, learned?.confidence ?? 0));
  }

  /**
   * The same sentence reported again later (with other figures) may lie beyond the passages
   * retrieved: look again, only in issues after the chosen one, at most twice.
   */
  async function newerVersion(
    best: Candidate,
    query: string,
    analysis: QuestionAnalysis,
    terms: Map<string, number>,
    search: Retriever,
    memo: SentenceMemo,
  ): Promise<Candidate> {
    let current = best;
    for (let round = 0; round < 2; round++) {
      const after = dateAfter(current.result.article.date);
      if (!after || (archive.coverage.to && after > archive.coverage.to)) break;
      const results = await search.search(query, { k: RESULTS, dateFrom: after });
      const same = rankSentences(results, analysis, terms, archive, memo)
        .slice(0, 10)
        .filter((c) => sameStatement(c.sentence, current.sentence) && unsupported(c, analysis, archive) === null);
      const newer = newestOfSame([current, ...same], (c) => dateKey(c.result.article.date), 1);
      if (!newer || newer === current) break;
      current = newer;
    }
    return current;
  }

  function compose(
    display: string,
    best: { sentence: string; result: SearchResult },
    analysis: QuestionAnalysis,
    terms: Map<string, number>,
    confidence: number,
    checked = best.sentence,
  ): AnswerResult {
    const words = [...terms.keys()];
    const article = best.result.article;
    const lead = leadOf(best.sentence, best.result.chunk, archive, analysis.asked);
    const citations: Citation[] = [citationOf(1, article, `${lead}${best.sentence}`)];
    const short = shortAnswer(checked, analysis, words, tokenizer);
    // Clauses are chosen by the asked figure or date; for other questions the clause with most
    // question words is the one that lacks the answer, so the sentence stands unless very long.
    const anchored = analysis.kind === "quantity" || analysis.kind === "time";
    let cut =
      anchored || best.sentence.length > LONG_SENTENCE
        ? excerpt(best.sentence, { unit: analysis.unit, unitClass: analysis.unitClass, focus: analysis.focus, wantsDate: analysis.kind === "time", words })
        : best.sentence;
    // The excerpt keeps the exact answer (a pair's own too): when it cut it away, the whole sentence stands.
    const own = checked === best.sentence ? short : shortAnswer(best.sentence, analysis, words, tokenizer);
    if ((short && !cut.includes(short)) || (own && !cut.includes(own))) cut = best.sentence;
    const text = restateTime(`${lead}${cut}`, article.date);
    const answer = withMarker(text, [1]);
    const note = analysis.wantsCurrent ? olderCoverageNote(article, now()) : null;
    return { question: display, answered: true, answer: note ? `${note}${answer}` : answer, citations, confidence, short };
  }

  /** Up to five articles that mention what the question is about, most relevant first. */
  async function listAnswer(display: string, query: string, analysis: QuestionAnalysis): Promise<AnswerResult> {
    const results = await retriever.search(query, { k: LIST_RESULTS });
    const topic = [...questionTerms(query, tokenizer, archive).keys()].filter((t) => !/报道|新闻|文章|消息|相关|关于/u.test(t));
    const seen = new Map<string, SearchResult>();
    for (const r of results) {
      // The masthead is indexed but is no report: it is never listed as one.
      if (seen.has(r.article.id) || seen.size >= 5 || isMasthead(r.article)) continue;
      const text = archive.articleText(r.article.id);
      const about = analysis.anchors.length > 0 ? analysis.anchors.every((a) => text.includes(a)) : topic.some((t) => text.includes(t));
      if (about) seen.set(r.article.id, r);
    }
    if (seen.size === 0) return refusal(display, "not-found");
    // A listed report is quoted by its headline (or, untitled, its first sentence): figures in
    // the answer then stand in the quote they point to.
    const citations = [...seen.values()].map((r, i) => citationOf(i + 1, r.article, r.article.title ?? firstSentence(r.chunk.text)));
    const items = citations.map((c) => `${c.title ? `《${c.title}》` : "（无标题）"}（${formatDate(c.date, c.dateInferred)}）[${c.id}]`);
    return { question: display, answered: true, answer: `找到以下相关报道：${items.join("；")}。`, citations, confidence: 1, short: null };
  }

  return {
    async answer(message, conversation) {
      const display = displayOf(message);
      const text = display.trim();
      const follow = resolveFollowUp(text, conversation, tokenizer);
      let result: AnswerResult;
      let resolved = text;
      if (follow.type === "sources") {
        result = sourcesAnswer(display, follow.previous.result);
        resolved = follow.previous.resolved;
      } else if (follow.type === "original") {
        result = originalAnswer(display, follow.previous.result);
        resolved = follow.previous.resolved;
      } else if (follow.type === "incomplete") {
        result = refusal(display, "incomplete");
      } else {
        resolved = follow.question;
        result = await answerQuestion(follow.question, display);
      }
      conversation?.turns.push({ question: display, resolved, result });
      return result;
    },
  };
}

/** A retriever that runs each distinct search once: for the searches of one question. */
function onceEach(retriever: Retriever): Retriever {
  const done = new Map<string, Promise<SearchResult[]>>();
  return {
    search(question, options) {
      const key = JSON.stringify([question, options ?? {}]);
      let results = done.get(key);
      if (!results) done.set(key, (results = retriever.search(question, options)));
      return results;
    },
  };
}

function firstSentence(text: string): string {
  return /^[^。！？]*[。！？]?[”’]?/u.exec(text)?.[0] ?? text;
}

function sourcesAnswer(display: string, previous: AnswerResult): AnswerResult {
  if (!previous.answered || previous.citations.length === 0) return refusal(display, "no-previous");
  const lines = previous.citations.map((c) => `${formatCitation(c)}[${c.id}]`);
  return { ...previous, question: display, answer: `出自${lines.join("；")}。`, short: null };
}

function originalAnswer(display: string, previous: AnswerResult): AnswerResult {
  if (!previous.answered || previous.citations.length === 0) return refusal(display, "no-previous");
  const quotes = previous.citations.map((c) => `“${c.quote}”[${c.id}]`);
  return { ...previous, question: display, answer: `原文：${quotes.join("；")}`, short: null };
}
