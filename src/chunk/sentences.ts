/** Sentence ends; inside a title each stands in as the private-use character MASK + its index. */
const ENDS = "。！？；!?";
const MASK = 0xf0000;

/**
 * Chinese sentence splitting: after 。！？；… (and a closing quote that follows them), and at
 * paragraph breaks. The punctuation stays with its sentence; a title's own (《桃之阵!》,
 * 《卡拉OK.LIVE！‧台北‧我》) ends nothing. Pure.
 */
export function splitSentences(text: string): string[] {
  const out: string[] = [];
  const mask = (t: string) =>
    t.replace(/《[^《》\n]{1,60}》/gu, (title) => title.replace(/[。！？；!?]/gu, (c) => String.fromCodePoint(MASK + ENDS.indexOf(c))));
  const unmask = (t: string) => t.replace(/[\u{F0000}-\u{F0005}]/gu, (c) => ENDS[c.codePointAt(0)! - MASK]!);
  for (const paragraph of mask(text).split(/\n+/)) {
    const re = /[^。！？；…!?]*(?:[。！？；!?]+|…+)[”’」』）)]*|[^。！？；…!?]+$/gu;
    for (const m of paragraph.matchAll(re)) {
      const s = m[0].trim();
      if (s) out.push(unmask(s));
    }
  }
  return out;
}

/** Pieces of a sentence too long for one chunk: cut after ，、：, never inside a figure. */
export function splitClauses(sentence: string, max: number): string[] {
  if (sentence.length <= max) return [sentence];
  // ASCII , and : between digits belong to a figure (1,000; 10:30): never a cut there.
  const clauses = sentence.match(/(?:[^，、：,:]|(?<=\d)[,:](?=\d))+(?:[，、：]|[,:](?!\d))?/gu) ?? [sentence];
  const out: string[] = [];
  let current = "";
  for (const clause of clauses) {
    if (current && current.length + clause.length > max) {
      out.push(current);
      current = "";
    }
    current += clause;
  }
  if (current) out.push(current);
  return out;
}
