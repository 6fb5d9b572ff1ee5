import { describe, expect, it } from "vitest";
import { findFigures, unitClass } from "../../src/answer/figures.js";
import { analyzeQuestion } from "../../src/answer/question.js";
import { answersWhen, askedFigures, countsAs, namesFocus } from "../../src/answer/select.js";
import { shortAnswer } from "../../src/answer/short.js";
import { defaultTokenizer } from "../../src/text/tokenize.js";

const tokenizer = defaultTokenizer();

describe("figures are found with general Chinese measure words, not only those of our pages", () => {
  it("reads counters and units with 万/亿 before them", () => {
    const found = findFigures("新建乡村书屋18个，藏书共计3.6万册，放映电影120场次，完成造林2.5万公顷，用水1.2亿立方米。").map((f) => f.text);
    expect(found).toEqual(["18个", "3.6万册", "120场", "2.5万公顷", "1.2亿立方米"]);
  });

  it("keeps years and calendar dates out", () => {
    expect(findFigures("2025年3月13日起，每年补贴2次。").map((f) => f.text)).toEqual(["2次"]);
  });

  it("reads a duration counted with 个 (3个小时, 一个多月, 两个半小时, 3个星期) as a duration, not as 3个", () => {
    const read = (text: string) => findFigures(text).map((f) => [f.text, f.cls]);
    expect(read("仅用3个小时就完成了注册登记。")).toEqual([["3个小时", "duration"]]);
    expect(read("以前要跑一个多星期，现在用了一个多月。")).toEqual([
      ["一个多星期", "duration"],
      ["一个多月", "duration"],
    ]);
    expect(read("两个半小时后，3个星期内，1个半月来")).toEqual([
      ["两个半小时", "duration"],
      ["3个星期", "duration"],
      ["1个半月", "duration"],
    ]);
    // 个 before a thing is still a count; a month of the calendar is no figure.
    expect(read("建成3个充电站，12月完工。")).toEqual([["3个", "count"]]);
  });

  it("classes units by what they measure", () => {
    expect([unitClass("平方公里"), unitClass("万米"), unitClass("英镑"), unitClass("秒"), unitClass("千瓦时"), unitClass("册")]).toEqual([
      "area",
      "length",
      "money",
      "duration",
      "power",
      "count",
    ]);
  });

  it("money in other currencies is money, and a money question's answer", () => {
    const text = "票房收益大约是$10.2亿美金，注册资本为30亿越南盾，另有500万港元和2万卢布。";
    const found = findFigures(text);
    expect(found.map((f) => f.text)).toEqual(["10.2亿美金", "30亿越南盾", "500万港元", "2万卢布"]);
    expect(found.every((f) => f.cls === "money")).toBe(true);
    expect(findFigures("投资5亿人民币，新购置3台币种清分机。").map((f) => [f.text, f.cls])).toEqual([
      ["5亿人民币", "money"],
      ["3台", "count"],
    ]);
    const asked = analyzeQuestion("票房收益约是多少钱？", tokenizer);
    expect(shortAnswer("百老汇在2009年到2010年的剧季的票房收益大约是$10.2亿美金。剧院分为三种。", asked, ["票房", "收益"], tokenizer)).toBe("10.2亿美金");
  });

  it("a question's unit is one the figures know", () => {
    for (const unit of ["册", "篇", "艘", "公顷", "立方米"]) {
      const analysis = analyzeQuestion(`这次一共有多少${unit}？`, tokenizer);
      expect(analysis.unit).toBe(unit);
      expect(askedFigures(`这次一共有12${unit}。`, analysis).map((f) => f.text)).toEqual([`12${unit}`]);
    }
  });

  it("a share asked for is also written as 百分之… or as a ratio, never as a time of day", () => {
    const share = analyzeQuestion("学校男女生比例是多少？", tokenizer);
    expect(share.unitClass).toBe("percent");
    const texts = (s: string) => askedFigures(s, share).map((f) => f.text);
    expect(texts("目前学校男女生比例约为1：7（男：女）。")).toEqual(["1：7"]);
    expect(texts("女生约占百分之六十，男生占40%。")).toEqual(["百分之六十", "40%"]);
    expect(texts("比赛于10:30开始，11：45结束。")).toEqual([]);
    // The ratio the question states is not its answer.
    expect(askedFigures("男女比例由1:7变为1:3。", analyzeQuestion("男女比例由1:7变为多少？", tokenizer)).map((f) => f.text)).toEqual(["1:3"]);
    // A question that asks a count takes no ratio.
    expect(askedFigures("比分为3：2。", analyzeQuestion("一共进了几个球？", tokenizer))).toEqual([]);
  });
});

describe("a counter answers a question asked in another only where they count the same things", () => {
  it("the same counter, the general 个 either way, people for people", () => {
    expect(countsAs("万册", "册")).toBe(true);
    expect(countsAs("个", "条")).toBe(true);
    expect(countsAs("家", "个")).toBe(true);
    expect(countsAs("名", "人")).toBe(true);
    expect(countsAs("位", "名")).toBe(true);
  });

  it("another specific counter does not", () => {
    expect(countsAs("级", "次")).toBe(false);
    expect(countsAs("项", "所")).toBe(false);
    expect(countsAs("个", "公顷")).toBe(false);
  });

  it("so the exact answer is the figure in the asked unit, not the general counter beside it", () => {
    const analysis = analyzeQuestion("木垒县乡村书屋藏书共计多少册？", tokenizer);
    expect(shortAnswer("今年以来，木垒县新建乡村书屋18个，藏书共计3.6万册。", analysis, ["木垒县", "乡村", "书屋", "藏书"], tokenizer)).toBe("3.6万册");
  });
});

describe("what a question asks is read from general words", () => {
  it("多长 asks a length unless the question speaks of a time", () => {
    expect(analyzeQuestion("主跑道有多长？", tokenizer)).toMatchObject({ kind: "quantity", unitClass: "length" });
    expect(analyzeQuestion("借调时间一般不能超过多长？", tokenizer)).toMatchObject({ kind: "quantity", unitClass: "duration" });
    expect(analyzeQuestion("这条路修了多长时间？", tokenizer)).toMatchObject({ kind: "quantity", unitClass: "duration" });
  });

  it("多大 with 面积 asks an area, answered by an area only", () => {
    for (const q of ["公园的面积有多大？", "一共治理了多大面积？", "校区占地面积多大？"])
      expect(analyzeQuestion(q, tokenizer), q).toMatchObject({ kind: "quantity", unitClass: "area" });
    expect(analyzeQuestion("这个项目的规模有多大？", tokenizer).unitClass).not.toBe("area");
    const analysis = analyzeQuestion("公园的面积有多大？", tokenizer);
    expect(askedFigures("公园建有3个广场，面积约0.3平方公里，绿化率达45%。", analysis).map((f) => f.text)).toEqual(["0.3平方公里"]);
  });

  it("a question asking the year, or just when, is answered by a year alone; one asking the day is not", () => {
    for (const [question, sentence] of [
      ["富国银行广场建于哪一年？", "该广场建于1988年。"],
      ["富国银行广场是什么时候建成的？", "该广场于1988年建成。"],
      ["广场何时建成？", "该广场于1988年建成。"],
    ] as const) {
      const when = analyzeQuestion(question, tokenizer);
      expect(when).toMatchObject({ kind: "time", asksDay: false });
      expect(answersWhen(sentence, when)).toBe(true);
    }
    for (const question of ["广场是哪天开放的？", "广场是几月几日开放的？", "广场在哪个月开放？"]) {
      const day = analyzeQuestion(question, tokenizer);
      expect(day).toMatchObject({ kind: "time", asksDay: true, unit: null, unitClass: null });
      expect(answersWhen("广场于1988年开放。", day)).toBe(false);
      expect(answersWhen("广场于5月28日开放。", day)).toBe(true);
    }
  });

  it("a year alone answers 什么时候 only from a sentence that says what happened", () => {
    const when = analyzeQuestion("农网改造项目什么时候开工？", tokenizer);
    expect(when.event).toBe("开工");
    expect(answersWhen("2025年农网改造工程总投资3019.8万元。", when)).toBe(false);
    expect(answersWhen("项目于2025年开工。", when)).toBe(true);
    expect(answersWhen("项目于3月25日开工。", when)).toBe(true);
    // A day or month answers whatever else the sentence says.
    expect(answersWhen("3月25日，记者来到工地。", when)).toBe(true);
    // 哪一年 is answered by any year: the sentence need not use the question's verb.
    const year = analyzeQuestion("富国银行广场哪一年建成？", tokenizer);
    expect(year.event).toBeNull();
    expect(answersWhen("该广场建于1988年。", year)).toBe(true);
  });

  it("a period named without a figure answers 什么时候 as a year does, never 哪天", () => {
    const when = analyzeQuestion("这部史书是什么时候写成的？", tokenizer);
    expect(when.asksDay).toBe(false);
    expect(answersWhen("这部史书写成于二十世纪初期。", when)).toBe(true);
    expect(answersWhen("他高二的时候写成了这部书。", when)).toBe(true);
    // As for a year, the sentence must say what happened.
    expect(answersWhen("二十世纪初期，越南正受法国统治。", when)).toBe(false);
    // 哪一年 names no event, and a period word alone (有的时候, 困难时期) says nothing of when.
    const year = analyzeQuestion("该厂是哪一年成立的？", tokenizer);
    expect(answersWhen("该厂在最困难的时期也没有停产。", year)).toBe(false);
    expect(answersWhen("有的时候，这部史书写成要十年。", when)).toBe(false);
    const day = analyzeQuestion("这部史书是哪天写成的？", tokenizer);
    expect(answersWhen("这部史书写成于二十世纪初期。", day)).toBe(false);
  });

  it("哪几 asks which ones, not how many; A-not-A (需不需要) asks yes or no", () => {
    expect(analyzeQuestion("达曼的卫星城有哪几座？", tokenizer).kind).toBe("other");
    expect(analyzeQuestion("卡洛身兼几家骑士团的大团长职位？", tokenizer)).toMatchObject({ kind: "quantity", unit: "家" });
    for (const question of ["代码需不需要修改？", "会不会影响出行？", "能不能自己申请装个充电桩？", "可不可以异地办理？"]) {
      expect(analyzeQuestion(question, tokenizer).kind).toBe("yesno");
    }
    // Idioms with 不 between two like characters do not ask yes or no.
    expect(analyzeQuestion("小区动不动停电怎么办？", tokenizer).kind).toBe("procedure");
    expect(analyzeQuestion("为什么时不时停电？", tokenizer).kind).not.toBe("yesno");
  });

  it("the amount of a thing (人口数, 藏书量, 交易总额, 游客人数) is named by the thing", () => {
    expect(namesFocus("人口约33,700人（2008年）。", "人口数")).toBe(true);
    expect(namesFocus("图书馆藏书81.6万册。", "藏书量")).toBe(true);
    expect(namesFocus("全年交易12亿元。", "交易总额")).toBe(true);
    expect(namesFocus("接待游客35万人次。", "游客人数")).toBe(true);
    expect(namesFocus("共有学生3000人。", "人口数")).toBe(false);
    // Nothing is left of 总数 to name anything.
    expect(namesFocus("总投资20亿元。", "总数")).toBe(false);
  });

  it("a four-character word made of two is named when both are printed, apart or not", () => {
    expect(namesFocus("兰比尔身高2米11，体重118公斤，场上司职中锋。", "身高体重")).toBe(true);
    expect(namesFocus("兰比尔身高2米11，场上司职中锋。", "身高体重")).toBe(false);
    // Halves printed far apart name something else; three characters are not split.
    expect(namesFocus("全年财政支出120亿元，比上年增长百分之五，城乡居民收入增长6%。", "财政收入")).toBe(false);
    expect(namesFocus("全年人均收入为3万元。", "年收入")).toBe(false);
  });

  it("Latin units are figures in either case", () => {
    expect(findFigures("身高182CM，体重90kg，全程5km。").map((f) => [f.text, f.cls])).toEqual([
      ["182CM", "length"],
      ["90kg", "weight"],
      ["5km", "length"],
    ]);
    expect(findFigures("面积1.601 km²，展厅800m²。").map((f) => [f.text, f.cls])).toEqual([
      ["1.601 km²", "area"],
      ["800m²", "area"],
    ]);
  });
});
