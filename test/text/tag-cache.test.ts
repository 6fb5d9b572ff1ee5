import { describe, expect, it, vi } from "vitest";
import { tagsOf } from "../../src/text/tag-cache.js";
import { defaultTokenizer } from "../../src/text/tokenize.js";

describe("tagsOf", () => {
  it("gives the tokenizer's tags, asking it once per text", () => {
    const tokenizer = defaultTokenizer();
    const tag = vi.spyOn(tokenizer, "tag");
    const text = "奇台县今年新建充电桩51个。";
    const first = tagsOf(text, tokenizer);
    expect(first).toEqual(tokenizer.tag(text));
    tag.mockClear();
    expect(tagsOf(text, tokenizer)).toBe(first);
    expect(tag).not.toHaveBeenCalled();
    tagsOf("呼图壁县改造城乡路网。", tokenizer);
    expect(tag).toHaveBeenCalledTimes(1);
  });

  it("keeps each tokenizer's tags apart (a user dictionary changes them)", () => {
    const plain = defaultTokenizer();
    const withWord = defaultTokenizer(["西五工村 1000 ns"]);
    const text = "西五工村天然气入户工程开工。";
    expect(tagsOf(text, withWord)).toEqual(withWord.tag(text));
    expect(tagsOf(text, plain)).toEqual(plain.tag(text));
    const place = (tags: readonly { word: string; tag: string }[]) => tags.some((t) => t.word === "西五工村" && t.tag === "ns");
    expect(place(tagsOf(text, withWord))).toBe(true);
    expect(place(tagsOf(text, plain))).toBe(false);
  });
});
