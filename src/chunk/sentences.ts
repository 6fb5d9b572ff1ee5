/**
 * Chinese sentence splitting: after 。！？；… (and a closing quote that follows them), and at
 * paragraph breaks. The punctuation stays with its sentence. Pure.
 */
export function splitSentences(text: string): string[] {
  const out: string[] = [];
  for (const paragraph of text.split(/\n+/)) {
    const re = /[^。！？；…!?]*(?:[。！？；!?]+|…+)[”’」』）)]*|[^。！？；…!?]+$/gu;
    for (const m of paragraph.matchAll(re)) {
      const s = m[0].trim();
      if (s) out.push(s);
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
