/**
 * The user dictionary's part of speech stands over jieba's own: a county the newsroom lists as a
 * place (ns) is a place, though jieba's stock dictionary calls it a person's name (nr).
 */
import { describe, expect, it } from "vitest";
import { createTokenizer, dictLine } from "../../src/text/tokenize.js";

const tagOf = (tokenizer: ReturnType<typeof createTokenizer>, text: string, word: string) => tokenizer.tag(text).find((t) => t.word === word)?.tag;

describe("user dictionary tags", () => {
  it("override jieba's tag for a word its stock dictionary has", () => {
    // jieba's stock dictionary: 呼图壁 nr.
    expect(tagOf(createTokenizer(), "呼图壁的棉花", "呼图壁")).toBe("nr");
    expect(tagOf(createTokenizer(["呼图壁 ns"]), "呼图壁的棉花", "呼图壁")).toBe("ns");
    expect(tagOf(createTokenizer(["呼图壁 300 ns"]), "呼图壁的棉花", "呼图壁")).toBe("ns");
  });

  it("leave jieba's tag where an entry names none, and tag a new word as the entry says", () => {
    expect(tagOf(createTokenizer(["呼图壁"]), "呼图壁的棉花", "呼图壁")).toBe("nr");
    expect(tagOf(createTokenizer(["东环路社区 ns"]), "东环路社区开展活动", "东环路社区")).toBe("ns");
    expect(dictLine("呼图壁")).toBe("呼图壁 200000 n");
  });
});
