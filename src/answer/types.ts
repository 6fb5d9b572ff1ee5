/** One source of an answer, as `ask --json` prints it (DESIGN.md). */
export interface Citation {
  /** The `[n]` marker used in the answer text. */
  id: number;
  paper: string | null;
  date: string | null;
  dateInferred: boolean;
  issue: number | null;
  page: number | null;
  title: string | null;
  source: string;
  /** The passage, verbatim as printed (after column breaks are undone). */
  quote: string;
  /** Present (true) only when the page was read by OCR: the quote may differ from the print. */
  ocr?: true;
}

/** The answer to one question: exactly the `ask --json` object. */
export interface AnswerResult {
  question: string;
  answered: boolean;
  answer: string;
  citations: Citation[];
  /**
   * The model's probability (0–1) that the answer is right. On a refusal: that of the best
   * passage found (below the threshold), or 0 when nothing was looked up.
   */
  confidence: number;
  /** For a figure, date, person, place or organisation question: the exact words that answer ("245家"). */
  short: string | null;
}

/** One exchange of a conversation, kept for follow-up questions. */
export interface Turn {
  question: string;
  /** The question as understood after follow-up resolution ("那木垒县呢？" → a full question). */
  resolved: string;
  result: AnswerResult;
}

/** The turns so far, oldest first. Owned by the caller (one per chat). */
export interface Conversation {
  turns: Turn[];
}
