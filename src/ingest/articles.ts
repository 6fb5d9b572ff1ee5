import { printWidth } from "../text/normalize.js";
import type { Tokenizer } from "../text/tokenize.js";
import { cleanByline, groupHeadlines, pickHeadline, type Headline, type HeadlineGroup } from "./headlines.js";
import { pageVocabulary, type PageVocabulary } from "./overlap.js";
import { BARE_TITLE_MATCH, probe, splitStory, TITLE_MATCH } from "./split-story.js";
import type { Paragraph } from "./types.js";

/** An article as the splitter builds it, before page metadata is attached. */
export interface ArticleDraft {
  headline: Headline | null;
  /** The headline group printed right above the text, until strangers are detached from it. */
  group: HeadlineGroup | null;
  byline: string | null;
  paragraphs: string[];
  /** In-text sub-headings, each with the index of the paragraph it stands before. */
  subheads: Array<{ at: number; text: string }>;
  captions: string[];
  continuedFrom: number | null;
  continuedTo: number | null;
  /** Whether the text opens with a dateline (本报讯 …): then it surely starts there. */
  datelined: boolean;
}

/** A headline printed away from its article, waiting to be matched to one. */
interface Loose {
  headline: Headline;
  /** Whether it came with a byline or sub-headline (then it is surely a headline, not a banner). */
  certain: boolean;
}

type Item =
  | { kind: "group"; group: HeadlineGroup }
  | { kind: "body"; para: Paragraph }
  | { kind: "caption"; para: Paragraph }
  | { kind: "turn"; para: Paragraph };

const CAPTION_MATCH = 0.3;

function toItems(paragraphs: readonly Paragraph[]): Item[] {
  const items: Item[] = [];
  let run: Paragraph[] = [];
  const flush = () => {
    for (const group of groupHeadlines(run)) items.push({ kind: "group", group });
    run = [];
  };
  for (const p of paragraphs) {
    if (p.kind === "heading" || p.kind === "subtitle" || p.kind === "byline") {
      run.push(p);
      continue;
    }
    flush();
    if (p.kind === "body") items.push({ kind: "body", para: p });
    else if (p.kind === "caption" || p.kind === "credit") items.push({ kind: "caption", para: p });
    else items.push({ kind: "turn", para: p });
  }
  flush();
  return items;
}

function newDraft(headline: Headline | null = null, group: HeadlineGroup | null = null): ArticleDraft {
  return {
    headline,
    group,
    byline: headline?.byline ? cleanByline(headline.byline) : null,
    paragraphs: [],
    subheads: [],
    captions: [],
    continuedFrom: null,
    continuedTo: null,
    datelined: false,
  };
}

const bodyText = (d: ArticleDraft) => d.paragraphs.join("\n");

/** Lines of a loose bare group are judged one by one: any of them may head another story. */
function looseHeadlines(group: HeadlineGroup): Loose[] {
  const certain = group.byline !== null || group.subtitle !== null || group.lines.some((l) => l.level <= 2);
  if (certain) {
    const h = pickHeadline(group);
    return h ? [{ headline: h, certain: true }] : [];
  }
  return group.lines.map((l) => ({
    headline: { title: l.text, section: null, subtitle: null, byline: null },
    certain: false,
  }));
}

/**
 * Splits a page's paragraphs into articles. Headlines printed before their text open an article;
 * headlines printed elsewhere (all together at the foot of a page, as on column pages) are matched
 * to the untitled stories by word overlap, and a run of text that holds several of them is cut
 * where the topic changes. A headline that matches nothing well is left unused: an article gets
 * title null rather than a wrong title. Pure (given the tokenizer).
 */
export function splitArticles(paragraphs: readonly Paragraph[], tokenizer: Tokenizer): ArticleDraft[] {
  const items = toItems(paragraphs);
  const vocab = pageVocabulary(
    paragraphs.map((p) => p.text),
    tokenizer,
  );
  const drafts: ArticleDraft[] = [];
  const loose: Loose[] = [];
  const captions: Array<{ para: Paragraph; after: ArticleDraft | null; group: HeadlineGroup | null }> = [];
  let current: ArticleDraft | null = null;

  items.forEach((item, i) => {
    const next = items[i + 1];
    if (item.kind === "group") {
      const { group } = item;
      const headline = pickHeadline(group);
      if (!headline) {
        // A label with no headline (— 开栏语 —) introduces a part of the coming text.
        if (group.subtitle && current) {
          current.subheads.push({ at: current.paragraphs.length, text: group.subtitle.replace(/^[—\s]+|[—\s]+$/gu, "") });
        }
        return;
      }
      if (next?.kind === "caption") {
        // Either a photo-news item's headline or the last of a cluster of headlines.
        captions.push({ para: next.para, after: current, group });
        loose.push(...looseHeadlines(group));
        return;
      }
      const opensStory =
        next?.kind === "body" &&
        (group.byline !== null ||
          group.subtitle !== null ||
          group.lines.some((l) => l.level <= 2) ||
          next.para.lead !== null ||
          next.para.continuedFrom !== null ||
          !current ||
          current.paragraphs.length === 0);
      if (opensStory) {
        current = newDraft(headline, group);
        drafts.push(current);
      } else if (next?.kind === "body" && current) {
        // A bare heading inside running text is a sub-heading of that text.
        const at = current.paragraphs.length;
        current.subheads.push(...group.lines.map((l) => ({ at, text: l.text })));
      } else {
        loose.push(...looseHeadlines(group));
      }
      return;
    }
    if (item.kind === "caption") {
      if (!captions.some((c) => c.para === item.para)) captions.push({ para: item.para, after: current, group: null });
      return;
    }
    if (item.kind === "turn") {
      if (current) current.continuedTo = item.para.continuedFrom;
      return;
    }
    const p = item.para;
    const startsNew = p.lead !== null || p.continuedFrom !== null;
    if (!current || (startsNew && current.paragraphs.length > 0)) {
      current = newDraft();
      drafts.push(current);
    }
    if (p.lead && current.paragraphs.length === 0) current.datelined = true;
    if (p.lead && !current.byline) current.byline = p.lead;
    if (p.continuedFrom !== null) current.continuedFrom = p.continuedFrom;
    current.paragraphs.push(p.text);
  });

  detachStrangers(drafts, loose, vocab);
  const matched = assignLoose(drafts, loose, vocab);
  moveLeadParagraphs(matched, vocab);
  return placeCaptions(matched, captions, vocab).filter((d) => d.paragraphs.length > 0);
}

/**
 * A headline standing right before a story may belong to another one printed earlier (the page's
 * headlines come together there). Bare lines of the group that do not fit the story that follows
 * but fit another go back to the loose headlines; the headline is then picked from what is left.
 */
function detachStrangers(drafts: ArticleDraft[], loose: Loose[], vocab: PageVocabulary): void {
  for (const d of drafts) {
    const g = d.group;
    if (!g || g.lines.length < 2) continue;
    const own = bodyText(d);
    const strangers = g.lines.filter((line) => {
      if (line.level <= 2) return false;
      const elsewhere = Math.max(0, ...drafts.filter((o) => o !== d).map((o) => vocab.recall(line.text, bodyText(o))));
      return vocab.recall(line.text, own) < 0.2 && elsewhere >= BARE_TITLE_MATCH && printWidth(line.text) >= 10;
    });
    if (strangers.length === 0 || strangers.length === g.lines.length) continue;
    for (const line of strangers) {
      loose.push({ headline: { title: line.text, section: null, subtitle: null, byline: null }, certain: false });
    }
    d.group = { ...g, lines: g.lines.filter((l) => !strangers.includes(l)) };
    d.headline = pickHeadline(d.group);
  }
}

function bestDraft(title: string, drafts: readonly ArticleDraft[], vocab: PageVocabulary) {
  let best: ArticleDraft | null = null;
  let score = 0;
  for (const d of drafts) {
    const s = vocab.recall(title, bodyText(d) + (d.headline ? `\n${probe(d.headline)}` : ""));
    if (s > score) [best, score] = [d, s];
  }
  return { draft: best, score };
}

/** Matches loose headlines to untitled stories, cutting a story in parts when it holds several. */
function assignLoose(drafts: ArticleDraft[], loose: Loose[], vocab: PageVocabulary): ArticleDraft[] {
  const wanted = new Map<ArticleDraft, Loose[]>();
  for (const l of loose) {
    const { draft, score } = bestDraft(probe(l.headline), drafts, vocab);
    if (!draft || score < (l.certain ? TITLE_MATCH : BARE_TITLE_MATCH)) continue;
    wanted.set(draft, [...(wanted.get(draft) ?? []), l]);
  }
  const out: ArticleDraft[] = [];
  for (const d of drafts) {
    const candidates = wanted.get(d) ?? [];
    if (candidates.length === 0) {
      out.push(d);
      continue;
    }
    const need = (l: Loose) => ({ headline: l.headline, need: l.certain ? TITLE_MATCH : BARE_TITLE_MATCH });
    const titles = [...(d.headline ? [{ headline: d.headline, need: 0 }] : []), ...candidates.map(need)];
    const parts = splitStory(d.paragraphs, titles, vocab, d.headline !== null, new Set(d.subheads.map((s) => s.at)));
    let from = 0;
    parts.forEach((part, k) => {
      const to = from + part.paragraphs.length;
      const subheads = d.subheads.filter((s) => s.at >= from && (s.at < to || k === parts.length - 1)).map((s) => ({ ...s, at: s.at - from }));
      // The first part stays the same object: captions remember the article they follow.
      const draft: ArticleDraft =
        k === 0
          ? Object.assign(d, { paragraphs: part.paragraphs, subheads })
          : { ...newDraft(), paragraphs: part.paragraphs, subheads, continuedTo: d.continuedTo };
      from = to;
      if (k === 0 && parts.length > 1) draft.continuedTo = null;
      if (!draft.headline && part.headline) {
        draft.headline = part.headline;
        if (part.headline.byline) draft.byline = cleanByline(part.headline.byline);
      }
      out.push(draft);
    });
  }
  return out;
}

/**
 * A story's first paragraphs sometimes stand before its headline, at the end of the previous
 * story. Moves up to three trailing paragraphs forward when they clearly belong to the next story,
 * which must have its own headline and no dateline of its own.
 */
function moveLeadParagraphs(drafts: ArticleDraft[], vocab: PageVocabulary): void {
  for (let i = 0; i + 1 < drafts.length; i++) {
    const a = drafts[i]!;
    const b = drafts[i + 1]!;
    if (!b.headline || b.datelined || a.paragraphs.length < 2 || a.continuedTo !== null) continue;
    const restOf = (m: number) => a.paragraphs.slice(0, -m).join("\n") + (a.headline?.title ?? "");
    const target = bodyText(b) + b.headline.title;
    for (let m = Math.min(3, a.paragraphs.length - 1); m >= 1; m--) {
      const block = a.paragraphs.slice(-m);
      const toB = vocab.similarity(block.join("\n"), target);
      const toA = vocab.similarity(block.join("\n"), restOf(m));
      const first = block[0]!;
      if (toB < 0.05 || toB < 3 * toA || vocab.similarity(first, target) <= vocab.similarity(first, restOf(m))) continue;
      b.paragraphs.unshift(...a.paragraphs.splice(-m));
      break;
    }
  }
}

/** Captions join the article they describe; one that describes none is a photo-news item. */
function placeCaptions(
  drafts: ArticleDraft[],
  captions: Array<{ para: Paragraph; after: ArticleDraft | null; group: HeadlineGroup | null }>,
  vocab: PageVocabulary,
): ArticleDraft[] {
  for (const c of captions) {
    const text = c.para.text;
    const credit = c.para.credit ? cleanByline(c.para.credit) : null;
    const { draft, score } = bestDraft(text, drafts, vocab);
    if (draft && score >= CAPTION_MATCH && text !== "") {
      draft.captions.push(credit ? `${text}（${credit} 摄）` : text);
      continue;
    }
    if (text === "") continue;
    const own = c.group ? pickHeadline(c.group) : null;
    const taken = own !== null && drafts.some((d) => d.headline?.title === own.title);
    const item = newDraft(taken ? null : own);
    item.paragraphs.push(text);
    item.byline = credit ? `${credit} 摄` : item.byline;
    const at = c.after ? drafts.indexOf(c.after) + 1 : drafts.length;
    drafts.splice(at, 0, item);
  }
  return drafts;
}
