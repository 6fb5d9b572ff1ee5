import { describe, expect, it } from "vitest";
import { missingPart, splitParts, withoutAside } from "../../src/answer/parts.js";

describe("splitParts", () => {
  it.each([
    // Two questions, each with its own question mark.
    ["上半年完成了多少户用电报装？同比增长多少？", ["上半年完成了多少户用电报装？", "同比增长多少？"]],
    // Two questions joined by a comma: both sides ask; the comma becomes a question mark.
    ["充一次电要多久，能跑多远？", ["充一次电要多久？", "能跑多远？"]],
    // One question with a comma: the first clause asks nothing.
    ["截至6月底，准东有多少家企业？", ["截至6月底，准东有多少家企业？"]],
    // One question whose second clause asks nothing.
    ["准东有多少家企业，注册资本在1千万元以上？", ["准东有多少家企业，注册资本在1千万元以上？"]],
    ["今年上半年，奇台县新建了多少个充电桩，用于服务新能源汽车？", ["今年上半年，奇台县新建了多少个充电桩，用于服务新能源汽车？"]],
    // A plain one-part question.
    ["准东有多少家企业注册登记？", ["准东有多少家企业注册登记？"]],
  ])("%s → %j", (question, parts) => {
    expect(splitParts(question)).toEqual(parts);
  });
});

describe("missingPart", () => {
  it("names a part without figures by its words", () => {
    expect(missingPart("同比增长多少？", 1)).toBe("关于“同比增长多少”，报库中没有找到答案。");
  });

  it("names a part with figures by its place only: an answer prints figures from quotes alone", () => {
    const said = missingPart("2024年签约了多少个项目？", 1);
    expect(said).toBe("第二问，报库中没有找到答案。");
    expect(said).not.toMatch(/\d/);
  });
});

describe("withoutAside", () => {
  it.each([
    // What follows the question says why it is asked.
    ["准东那个智慧物流园建成以后能招多少人？我想去那边找工作。", "准东那个智慧物流园建成以后能招多少人？"],
    ["负责人叫什么名字？我得核对一下。我在写稿子。", "负责人叫什么名字？"],
    // What comes before it may name the topic: it stays.
    ["我在准东开了家公司。营业执照几天能办下来？", "我在准东开了家公司。营业执照几天能办下来？"],
    // Two questions: both stay, the aside after them goes.
    ["上半年完成了多少户用电报装？同比增长多少？谢谢。", "上半年完成了多少户用电报装？同比增长多少？"],
    // A question mark asks, whatever the words.
    ["准东有多少家企业？那去年呢？", "准东有多少家企业？那去年呢？"],
    // A sentence saying which thing is meant is the question's, and an aside after it still goes.
    ["那个项目总投资多少？我说的是准东的铁路。谢谢。", "那个项目总投资多少？我说的是准东的铁路。"],
    ["负责人叫什么？指的是12345热线受理中心。", "负责人叫什么？指的是12345热线受理中心。"],
    ["负责人叫什么？就是准东那个孵化基地。", "负责人叫什么？就是准东那个孵化基地。"],
    // 就是 that says why, not which, is a remark.
    ["准东有多少家企业？就是想了解一下。", "准东有多少家企业？"],
    // Nothing asks: the text is kept whole.
    ["介绍一下准东开发区。谢谢。", "介绍一下准东开发区。谢谢。"],
    ["准东有多少家企业注册登记", "准东有多少家企业注册登记"],
  ])("%s → %s", (question, kept) => {
    expect(withoutAside(question)).toBe(kept);
  });
});
