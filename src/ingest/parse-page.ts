import type { Tokenizer } from "../text/tokenize.js";
import { splitArticles } from "./articles.js";
import { metaFromFileName } from "./file-name.js";
import { parseFrontMatter } from "./front-matter.js";
import { MASTHEAD_TITLE, mastheadText, readMasthead } from "./masthead.js";
import { toParagraphs } from "./paragraphs.js";
import type { Article, PageMeta } from "./types.js";

export interface ParsedPage {
  meta: PageMeta;
  articles: Article[];
  /** Front-matter lines that were not understood (reported, not fatal). */
  problems: string[];
}

/**
 * Each metadata field from the first source that knows it: what the operator states, then the
 * masthead printed on the page, then the file name. `dateInferred` travels with the date.
 */
export function resolveMeta(...sources: Array<Partial<PageMeta>>): PageMeta {
  const pick = <K extends keyof PageMeta>(key: K): PageMeta[K] | null => {
    for (const s of sources) if (s[key] !== undefined) return s[key] as PageMeta[K];
    return null;
  };
  const dated = sources.find((s) => s.date !== undefined);
  return {
    paper: pick("paper"),
    date: pick("date"),
    dateInferred: dated?.date ? (dated.dateInferred ?? false) : false,
    issue: pick("issue"),
    page: pick("page"),
  };
}

/**
 * Turns one page file's text into dated articles. `source` is the path shown in citations and
 * used for the file-name convention; `fallback` is known less surely than the masthead and more
 * than the file name (the 版 of a later page of a PDF). Pure (given the tokenizer).
 */
export function parsePage(raw: string, source: string, tokenizer: Tokenizer, fallback: Partial<PageMeta> = {}): ParsedPage {
  const { stated, text, problems } = parseFrontMatter(raw);
  const { lineCount, ...printed } = readMasthead(text);
  const meta = resolveMeta(stated, printed, fallback, metaFromFileName(source));
  const body = text
    .split(/\r\n|\r|\n/)
    .slice(lineCount)
    .join("\n");
  const drafts = splitArticles(toParagraphs(body), tokenizer);
  const articles = drafts.map(
    (d): Article => ({
      source,
      ...meta,
      title: d.headline?.title ?? null,
      byline: d.byline,
      body: d.paragraphs.join("\n"),
      captions: d.captions,
      section: d.headline?.section ?? null,
      subtitle: d.headline?.subtitle ?? null,
      subheads: d.subheads.map((s) => s.text),
      continuedFrom: d.continuedFrom,
      continuedTo: d.continuedTo,
    }),
  );
  const masthead = mastheadText(text, lineCount);
  // Only beside stories (a page of nothing but a masthead is still a page without text), and
  // only a masthead that names the paper or the date: a story's "总第300期" alone makes none.
  if (masthead?.about && articles.length > 0) articles.unshift(mastheadArticle(source, meta, masthead));
  return { meta, articles, problems };
}

/** The masthead as an article of its own, headed 报头: what only it prints can then be cited. */
function mastheadArticle(source: string, meta: PageMeta, { body, about }: { body: string; about: string }): Article {
  return {
    source,
    ...meta,
    title: MASTHEAD_TITLE,
    byline: null,
    body,
    captions: [],
    section: null,
    subtitle: about || null,
    subheads: [],
    continuedFrom: null,
    continuedTo: null,
  };
}
