/** What is known of a page: each field as precise as known, `null` when unknown. */
export interface PageMeta {
  paper: string | null;
  /** `YYYY-MM-DD`, or `YYYY-MM` when only the month is known. */
  date: string | null;
  /** True when the date was worked out rather than printed or stated as certain. */
  dateInferred: boolean;
  /** 总第N期 */
  issue: number | null;
  /** 版次 */
  page: number | null;
}

/** The fields of one article exactly as `npm run corpus -- --json` prints them (docs/DESIGN.md). */
export interface ArticleRecord extends PageMeta {
  /** The page file, relative to the working directory, with forward slashes. */
  source: string;
  title: string | null;
  byline: string | null;
  /** Clean running text: paragraphs separated by "\n", no column breaks, captions or bylines. */
  body: string;
  captions: string[];
}

/** An article with what ingestion learnt beyond the JSON contract. */
export interface Article extends ArticleRecord {
  /** Section banner or kicker printed above the headline (典范地州·强营商环境). */
  section: string | null;
  /** Sub-headline (——访昌吉州党委书记李长江). */
  subtitle: string | null;
  /** In-article sub-headings, in order. */
  subheads: string[];
  /** "(上接01版)": the page this article continues from. */
  continuedFrom: number | null;
  /** "(下转02版)": the page this article continues on. */
  continuedTo: number | null;
  /** Read from a PDF's text layer or by OCR; absent for a .txt page. OCR'd text is cited as 识别文本. */
  textFrom?: "pdf" | "ocr";
}

export type ParagraphKind = "heading" | "subtitle" | "byline" | "credit" | "caption" | "body" | "turn";

/** One paragraph of a page after column breaks are undone, with what it looks like. */
export interface Paragraph {
  kind: ParagraphKind;
  text: string;
  /** For headings: 1–3 from the extraction's "#" marks, 9 when unmarked. */
  level: number;
  /** Blank lines before this paragraph in the raw text (a picture leaves a wide gap). */
  gapBefore: number;
  /** Body only: the dateline or byline that opened it (本报讯 记者喻兰报道). */
  lead: string | null;
  /** Body only: "(上接01版)" page. */
  continuedFrom: number | null;
  /** Caption only: the photographer's credit. */
  credit: string | null;
}
