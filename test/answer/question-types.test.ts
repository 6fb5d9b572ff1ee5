import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { analyzeQuestion } from "../../src/answer/question.js";
import { realApp, type RealApp } from "../support/real-app.js";
import { articleBody, articlesOf, fidelityProblems } from "./checks.js";

// Facts picked from the corpus that the eval question set does not ask about.

let app: RealApp;

beforeAll(async () => {
  app = await realApp();
});
afterAll(() => app.cleanup());

async function answered(question: string) {
  const r = await app.answerer.answer(question);
  expect(r.answered, r.answer).toBe(true);
  expect(fidelityProblems(app, r)).toEqual([]);
  return r;
}

describe("quantity questions (多少/几/比例) give the figure with its unit as printed", () => {
  it.each([
    ["奇台县城区智慧停车场将配备多少套公共充电桩？", "160套", "2025-05-29"],
    ["智慧物流园每年能降低多少物流成本？", "6.8亿元", "2025-05-29"],
    ["老君庙专用铁路建成后年运输能力达到多少万吨？", "3560万吨", "2025-05-29"],
    ["呼图壁县投资多少钱新建自动雨量站？", "90万元", "2025-07"],
    ["昌吉州共有几个先进典型受到表彰？", "12个", "2025-05-29"],
    ["昌吉州“红码事项”共计多少项？", "47项", "2025-12-23"],
    ["奇台镇的代表恳谈日办结率是多少？", "99%", "2025-05-29"],
    ["民间投资占比提升至多少？", "61%", "2025-08-07"],
    ["昌吉市上半年固定资产投资同比增速是多少？", "42.33%", "2025-08-07"],
  ])("%s → %s", async (question, figure, date) => {
    expect(analyzeQuestion(question, app.archive.tokenizer).kind).toBe("quantity");
    const r = await answered(question);
    expect(r.answer).toContain(figure);
    expect(r.citations[0]!.quote).toContain(figure);
    expect(r.citations[0]!.date).toBe(date);
  });

  it("cuts a long sentence to the clause with the measure asked for, not the first figure (年运输能力 → 3560万吨)", async () => {
    const r = await answered("老君庙专用铁路年运输能力是多少？");
    expect(r.answer).toContain("年运输能力达3560万吨");
  });
});

describe("a code (电话, 编号) is asked for only when no measure word counts", () => {
  it.each([
    ["热线电话是多少？", "code"],
    ["这台设备的编号是什么？", "code"],
    ["他们的24小时新闻热线是多少？", "code"],
    // 热线 names a service, and what is counted of it is not a code.
    ["热线今年受理了多少件诉求？", "count"],
    // The measure word on 多少 counts people; 电话 is what they do or give.
    ["一共有多少个话务员在接电话？", "count"],
    ["公布了多少位领导干部的电话？", "count"],
  ])("%s → %s", (question, cls) => {
    const analysis = analyzeQuestion(question, app.archive.tokenizer);
    expect(analysis.kind).toBe("quantity");
    expect(analysis.unitClass).toBe(cls);
  });
});

describe("a code word that names the topic does not make a code question", () => {
  it.each(["公布领导干部电话那条消息，阅读量和转发量各是多少？", "热线电话开通以后，群众满意度是多少？"])("%s", (question) => {
    const analysis = analyzeQuestion(question, app.archive.tokenizer);
    expect(analysis.kind).toBe("quantity");
    expect(analysis.unitClass).not.toBe("code");
  });

  // The question word goes on to ask something else: a time, an hour, an organisation.
  it.each(["12345热线是什么时候正式成立的？", "热线电话是几点开始接听？", "这条热线是什么单位负责的？"])("%s", (question) => {
    expect(analyzeQuestion(question, app.archive.tokenizer).unitClass).not.toBe("code");
  });
});

describe("time questions (什么时候) give a date", () => {
  it.each([
    ["新疆准东东部矿区专用铁路及物流园项目什么时候开工建设？", "2025年5月28日", "5月28日"],
    ["昌吉州档案馆什么时候通过自治区示范数字档案馆系统测评？", "2025年12月15日至16日", "12月15日至16日"],
    ["全国精神文明建设表彰大会什么时候召开？", "2025年5月23日", "5月23日"],
    ["世纪大道延伸段预计什么时候通车？", "10月", "10月"],
  ])("%s → %s", async (question, inAnswer, inQuote) => {
    expect(analyzeQuestion(question, app.archive.tokenizer).kind).toBe("time");
    const r = await answered(question);
    expect(r.answer).toContain(inAnswer);
    expect(r.citations[0]!.quote).toContain(inQuote);
  });

  it.each([
    // The date is in a clause the excerpt cuts away (今年8月，…正式成立，作为…).
    ["昌吉州12345热线受理中心什么时候成立？", "2021年8月"],
    // The chosen sentence names only the year of the budget; 项目于2025年3月25日开工 is the answer.
    ["呼图壁县农网改造项目什么时候开工？", "2025年3月25日"],
    // The chosen sentence has no date at all; the next one says 该项目于4月10日开工.
    ["庄浪户村道路改造工程什么时候开工的？", "2025年4月10日"],
  ])("answers %s with the date printed (%s), not a sentence without it", async (question, date) => {
    const r = await answered(question);
    expect(r.answer).toContain(date);
  });
});

describe("procedure questions (怎么办/如何/需要什么) give the procedure sentence", () => {
  it.each([
    ["确需借调干部的，需要办理什么手续？", "报同级党委组织部备案"],
    ["对督查检查结果应当如何反馈？", "应当以适当方式进行反馈"],
    ["居民小区充电难，居民怎么办？", "可申请安装自建充电桩"],
    ["需要基层填报数据材料的，如何报送？", "通过省级平台报送"],
  ])("%s → …%s…", async (question, step) => {
    expect(analyzeQuestion(question, app.archive.tokenizer).kind).toBe("procedure");
    const r = await answered(question);
    expect(r.answer).toContain(step);
    expect(r.citations[0]!.quote).toContain(step);
    // The answer is the way to do it, not a question quoted from the article.
    expect(r.answer.replace(/\[\d+\]/g, "")).not.toMatch(/[？?]/);
  });
});

describe("rule questions (能不能/是否/可以吗) give the normative sentence", () => {
  it.each([
    ["上级机关能不能从县及以下单位借调干部？", "原则上不得从县及以下单位借调干部"],
    ["督查检查考核是否可以召开动员会？", "原则上不召开动员会"],
    ["可以随意设置一票否决吗？", "不得随意设置“一票否决”"],
    ["能不能强制推广下载使用政务应用程序？", "不得强制推广下载使用政务应用程序"],
  ])("%s → %s", async (question, rule) => {
    expect(analyzeQuestion(question, app.archive.tokenizer).kind).toBe("yesno");
    const r = await answered(question);
    expect(r.answer).toContain(rule);
    expect(r.answer).toMatch(/不得|应当|可以|原则上|不超过|必须|不召开/);
    expect(r.citations[0]!.date).toBe("2025-08-07");
  });
});

describe("list questions (有哪些…报道) name several articles, each cited", () => {
  it("关于准东有哪些报道？ lists titles with [n], one citation per article", async () => {
    const r = await app.answerer.answer("关于准东有哪些报道？");
    expect(r.answered).toBe(true);
    expect(r.citations.length).toBeGreaterThanOrEqual(2);
    expect(new Set(r.citations.map((c) => c.title)).size).toBe(r.citations.length);
    for (const c of r.citations) expect(r.answer).toContain(`《${c.title}》`);
    for (const c of r.citations) expect(r.answer).toMatch(new RegExp(`\\[${c.id}\\]`));
    expect(r.citations.map((c) => c.title)).toContain("新疆准东东部矿区专用铁路及物流园项目开工建设");
  });

  // The corpus has 3 articles mentioning 准东 and 呼图壁县, 2 奇台镇, 1 木垒县.
  it.each([
    ["有哪些关于准东的报道？", "准东", 3],
    ["有哪些关于奇台镇的报道？", "奇台镇", 2],
    ["呼图壁县有哪些报道？", "呼图壁县", 3],
    ["奇台镇相关报道有哪些？", "奇台镇", 2],
    ["报道过哪些关于木垒县的新闻？", "木垒县", 1],
  ] as const)("%s cites only articles that mention %s, across issues", async (question, place, articles) => {
    expect(analyzeQuestion(question, app.archive.tokenizer).kind).toBe("list");
    const r = await app.answerer.answer(question);
    expect(r.answered).toBe(true);
    for (const c of r.citations) {
      const mentions = articlesOf(app, c).some((id) => articleBody(app, id).includes(place) || (c.title ?? "").includes(place));
      expect(mentions, `《${c.title}》 不提${place}`).toBe(true);
    }
    expect(r.citations.length).toBeGreaterThanOrEqual(Math.min(articles, 2));
    expect(new Set(r.citations.map((c) => c.date)).size).toBeGreaterThanOrEqual(Math.min(articles, 2));
  });

  it("never lists the masthead as a report, though it prints what is asked about", async () => {
    const r = await app.answerer.answer("有哪些关于丝路昌吉客户端的报道？");
    expect(r.answer).not.toContain("《报头》");
    expect(r.citations.map((c) => c.title)).not.toContain("报头");
  });

  it("a list answer holds no number that is in none of its cited quotes (找到N篇, figures in headlines)", async () => {
    const r = await app.answerer.answer("关于准东有哪些报道？");
    expect(r.answered).toBe(true);
    expect(fidelityProblems(app, r)).toEqual([]);
  });
});

describe("a name written with a dot must be in the report (艾尔肯·吐尼亚孜)", () => {
  it.each([
    ["孜列·木合牙提表示了什么？", "孜列·木合"],
    ["琴娜·杜普洛因什么而著名？", "琴娜·杜普"],
  ])("%s names %s", (question, name) => {
    expect(analyzeQuestion(question, app.archive.tokenizer).anchors).toContain(name);
  });

  it("a dot between other words is not a name", () => {
    expect(analyzeQuestion("2025·专题访谈说了什么？", app.archive.tokenizer).anchors.some((a) => a.includes("·"))).toBe(false);
  });

  it("answers about the person the report names", async () => {
    const r = await answered("孜列·木合牙提表示了什么？");
    expect(r.citations[0]!.quote).toContain("孜列·木合牙提");
  });
});

describe("what only a masthead prints is found and cited to that issue", () => {
  it.each([
    ["订阅昌吉日报用的邮发代号是什么号码？", "57—103"],
    ["2025年12月23日的昌吉日报是总第几期？", "12403"],
  ])("%s → %s, cited to 报头 of 2025-12-23, 总第12403期, 01版", async (question, code) => {
    const r = await answered(question);
    expect(r.short ?? "").toContain(code);
    expect(r.citations[0]).toMatchObject({ title: "报头", date: "2025-12-23", issue: 12403, page: 1 });
  });
});
