import { describe, expect, it } from "vitest";
import { analyzeQuestion } from "../../src/answer/question.js";
import { focusNextTo, labelledBy, personsIn, shortAnswer } from "../../src/answer/short.js";
import { codeSpans, findCodes, findFigures } from "../../src/answer/figures.js";
import { createTokenizer } from "../../src/text/tokenize.js";

const tokenizer = createTokenizer();

/** The short answer to `question` in `text`, with the question analysed as the answerer does. */
const shortOf = (text: string, question: string) => shortAnswer(text, analyzeQuestion(question, tokenizer), tokenizer.terms(question), tokenizer);

const ZHUNDONG = "截至6月30日，共有来自疆内外的245家企业来准东注册登记，其中注册资本1千万元以上56家。";
const ZHANG = "奇台县农业农村局局长张建国介绍，今年全县种植小麦100万亩。";
const STARTED = "该项目于2025年3月25日开工建设，预计年底完工。";
const HEAT = "由于气温持续升高，全州用电负荷不断攀升。";

describe("shortAnswer", () => {
  it("a quantity question gets the figure with its unit: 245家, not 56家 or 6月30日", () => {
    expect(shortOf(ZHUNDONG, "准东有多少家企业注册登记？")).toBe("245家");
  });

  it.each([
    [ZHUNDONG, "注册资本1千万元以上的企业有多少家？", "56家"], // the figure nearest the question's words
    [ZHANG, "今年全县种植了多少亩小麦？", "100万亩"],
  ])("a quantity question gets the figure near its words: %s / %s → %s", (text, question, figure) => {
    expect(shortOf(text, question)).toBe(figure);
  });

  it.each([
    [STARTED, "该项目什么时候开工建设？", "2025年3月25日"],
    [ZHUNDONG, "截至什么时候准东有245家企业注册登记？", "6月30日"],
  ])("a 什么时候 question gets the date as printed: %s / %s → %s", (text, question, date) => {
    expect(shortOf(text, question)).toBe(date);
  });

  it.each([
    // The thing counted right after the figure, though another figure's clause holds more of the question's words.
    ["今年全村新建的温室里有多少座种上了草莓？", "今年全村新建温室60座，其中12座种上了草莓。", "12座"],
    ["园区又新签了多少个数字经济项目？", "园区在第一批9个招商项目和第二批7个招商项目之外，新签15个数字经济项目。", "15个"],
    // …or right before it: the longer piece of the phrase decides ("专项债" against "资金").
    ["全县争取到了多少专项债资金？", "全县争取上级资金2.1亿元、专项债0.8亿元。", "0.8亿元"],
  ])("a figure next to the thing counted answers: %s → %s", (question, text, figure) => {
    expect(shortOf(text, question)).toBe(figure);
  });

  it("focusNextTo measures the piece of the phrase printed beside a figure", () => {
    const text = "全县争取上级资金2.1亿元、专项债0.8亿元。";
    const [first, second] = findFigures(text);
    expect(focusNextTo(text, first!, "专项债资金")).toBe(2); // 资金 before it
    expect(focusNextTo(text, second!, "专项债资金")).toBe(3); // 专项债 before it
    expect(focusNextTo(text, second!, null)).toBe(0);
  });

  it.each([
    // A date put first, alone in its clause, goes with the clause it opens.
    ["他何时取得学士学位？", "2019年，他在师范大学取得学士学位，2022年在农业大学取得硕士学位。", "2019年"],
    ["新厂房哪一年投产？", "2023年，园区新厂房投产，2024年又扩建了仓库。", "2023年"],
    // A date in the clause itself still goes with it.
    ["他何时取得硕士学位？", "2019年，他在师范大学取得学士学位，2022年在农业大学取得硕士学位。", "2022年"],
  ])("a date put first answers for what follows it: %s → %s", (question, text, date) => {
    expect(shortOf(text, question)).toBe(date);
  });

  it("a 什么时候 question does not answer with a date the question already states", () => {
    expect(shortOf("2025年3月25日签约，6月10日开工建设。", "2025年3月25日签约的项目什么时候开工建设？")).toBe("6月10日");
  });

  it.each(["奇台县农业农村局局长是谁？", "谁介绍了今年全县种植小麦的情况？"])("a 谁 question gets the person named: %s → 张建国", (question) => {
    expect(shortOf(ZHANG, question)).toBe("张建国");
  });

  it("a name jieba does not know is the person where news text puts one: after a title, or before 说", () => {
    // jieba tags 霍群亚 and 刘焕梅 as unknown words (x), not as names (nr).
    expect(tokenizer.tag("远程物流董事长霍群亚").at(-1)).toEqual({ word: "霍群亚", tag: "x" });
    expect(shortOf("远程物流董事长霍群亚一早就守在厂区物流中心。", "远程物流的董事长是谁？")).toBe("霍群亚");
    expect(shortOf("“服务第一”，刘焕梅说。", "谁说了服务第一？")).toBe("刘焕梅");
    // An unknown word elsewhere is as often a mis-cut: no name, no short answer.
    expect(shortOf("推行首问负责制，群众满意度提升。", "谁推行首问负责制？")).toBeNull();
  });

  it("a name jieba cuts as a surname and a place is one name; a contact person, a 女士 and a Latin name are named too", () => {
    // jieba: 王/nr 黄河/ns; 孙淑琴/x after 联系人; 孙淑琴/x before 女士.
    expect(tokenizer.tag("局长王黄河介绍").slice(-3, -1)).toEqual([
      { word: "王", tag: "nr" },
      { word: "黄河", tag: "ns" },
    ]);
    expect(personsIn("县教育局局长王黄河介绍，全县新增学位1200个。", tokenizer, "")).toEqual([{ text: "王黄河", index: 6 }]);
    expect(personsIn("社区联系人孙淑琴一边登记一边介绍。", tokenizer, "").map((p) => p.text)).toEqual(["孙淑琴"]);
    expect(personsIn("获奖者为孙淑琴女士。", tokenizer, "").map((p) => p.text)).toEqual(["孙淑琴"]);
    expect(personsIn("项目由Anna Schmidt主持。", tokenizer, "").map((p) => p.text)).toEqual(["Anna Schmidt"]);
    // A place after a word that is no surname stays a place; a name the question gives is not new.
    expect(personsIn("他沿着长江边散步。", tokenizer, "")).toEqual([]);
    expect(personsIn("局长王黄河介绍。", tokenizer, "王黄河是谁？")).toEqual([]);
  });

  it("an ordinal figure is given whole, as printed: 第二天, never 二天", () => {
    expect(shortOf("我在网上提交申请，第二天早上就拿到了营业执照。", "办营业执照要多长时间？")).toBe("第二天");
    expect(shortOf("他仅仅用了两天就领取了营业执照。", "办营业执照要多长时间？")).toBe("两天");
  });

  it("a plain 为什么 question gets no short answer", () => {
    expect(shortOf(HEAT, "为什么全州用电负荷不断攀升？")).toBeNull();
  });

  it("a quantity question over text with no such figure gets null", () => {
    expect(shortOf("准东开发区营商环境持续优化。", "准东有多少家企业注册登记？")).toBeNull();
  });

  it.each([
    [ZHUNDONG, "准东有多少家企业注册登记？"],
    [ZHUNDONG, "注册资本1千万元以上的企业有多少家？"],
    [ZHUNDONG, "截至什么时候准东有245家企业注册登记？"],
    [STARTED, "该项目什么时候开工建设？"],
    [ZHANG, "奇台县农业农村局局长是谁？"],
    [ZHANG, "今年全县种植了多少亩小麦？"],
  ])("is a non-empty substring of the text: %s / %s", (text, question) => {
    const answer = shortOf(text, question);
    expect(answer).not.toBeNull();
    expect(answer!.length).toBeGreaterThan(0);
    expect(text).toContain(answer);
  });
});

describe("codes", () => {
  const MASTHEAD = "昌吉日报 总第12403期 国内统一刊号 CN 65—0010 邮发代号 57—103 24小时新闻热线: 2881100。";

  it("findCodes takes a dash-joined code whole, and no year, date, percentage, decimal or counted figure", () => {
    expect(findCodes(MASTHEAD)).toEqual(["65—0010", "57—103", "2881100"]);
    expect(findCodes("电话0994-2345678，2025年完成98.6%，12月23日，投资3000万元，拨打12345热线")).toEqual(["0994-2345678", "12345"]);
    // A date written with dashes is no code, nor a figure with its unit (a space between or not);
    // 本报 after a code starts the next story.
    expect(findCodes("2025-12-23发布，电话 2881100 本报讯，编号2024-0017")).toEqual(["2881100", "2024-0017"]);
    expect(findCodes("价值 2100 万元，共 435 个项目，总投资2100万元")).toEqual([]);
  });

  const DEVICE = "该设备编号：0945，维修电话 0994-2345678，2024年投用。";

  it.each([
    [MASTHEAD, "昌吉日报的邮发代号是多少？", "57—103"],
    [MASTHEAD, "新闻热线是多少？", "2881100"],
    [DEVICE, "这台设备的编号是多少？", "0945"],
    [DEVICE, "维修电话是多少？", "0994-2345678"],
    [MASTHEAD, "昌吉日报的刊号是多少？", "65—0010"],
  ])("a code question gets the code printed after the label it asks for: %s / %s → %s", (text, question, code) => {
    expect(shortOf(text, question)).toBe(code);
  });

  it("codeSpans says where each code is printed, a code printed twice at both places", () => {
    const text = "原号码2881100已停用，新闻热线：2881100";
    expect(codeSpans(text)).toEqual([
      { text: "2881100", index: 3 },
      { text: "2881100", index: text.lastIndexOf("2881100") },
    ]);
  });

  it("labelledBy weighs only the words printed right before a span, across a colon and spaces", () => {
    const words: Array<[string, number]> = [
      ["热线", 2],
      ["代号", 3],
    ];
    const at = (code: string) => ({ text: code, index: MASTHEAD.indexOf(code) });
    expect(labelledBy(MASTHEAD, at("2881100"), words)).toBe(2);
    expect(labelledBy(MASTHEAD, at("57—103"), words)).toBe(3);
    expect(labelledBy(MASTHEAD, at("12403"), words)).toBe(0);
  });
});
