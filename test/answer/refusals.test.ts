import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { AnswerResult } from "../../src/answer/types.js";
import { realApp, type RealApp } from "../support/real-app.js";

let app: RealApp;

beforeAll(async () => {
  app = await realApp();
});
afterAll(() => app.cleanup());

/** What every refusal looks like: not answered, nothing cited, a polite Chinese sentence, no digit. */
function expectRefusal(r: AnswerResult) {
  expect(r.answered, r.answer).toBe(false);
  expect(r.citations).toEqual([]);
  expect(r.answer).toMatch(/^(?:抱歉|请)/);
  expect(r.answer).toMatch(/[\u4e00-\u9fff]{6}/);
  expect(r.answer).not.toMatch(/[0-9０-９]/);
}

describe("near misses are refused: the passage is about another place", () => {
  // 呼图壁县 built the rain stations, 玛纳斯县 rebuilt roads, 木垒县 received the trucks.
  it.each([
    ["玛纳斯县新建了多少座自动雨量站？", "呼图壁县新建了多少座自动雨量站？", "5座"],
    ["吉木萨尔县新建了多少座自动雨量站？", "呼图壁县新建了多少座自动雨量站？", "5座"],
    ["木垒县投入多少资金改造城乡路网？", "玛纳斯县投入多少资金改造城乡路网？", "8100万元"],
    ["奇台县交付了多少辆新能源重卡？", "木垒县交付了多少辆新能源重卡？", "130辆"],
  ])("%s is refused, while %s is answered (%s)", async (miss, hit, figure) => {
    expectRefusal(await app.answerer.answer(miss));
    const right = await app.answerer.answer(hit);
    expect(right.answered).toBe(true);
    expect(right.answer).toContain(figure);
  });
});

describe("near misses are refused: the article does not print the figure asked", () => {
  it.each(["今年上半年来准东注册登记的企业中，注册资本2亿元以上的有几家？", "准东开发区注册资本5亿元以上的企业有多少家？"])(
    "%s (only 1千万元 and 1亿元 thresholds are printed)",
    async (question) => {
      expectRefusal(await app.answerer.answer(question));
    },
  );

  it("the threshold that is printed is answered", async () => {
    const r = await app.answerer.answer("准东开发区注册资本1千万元以上的企业有多少家？");
    expect(r.answered).toBe(true);
    expect(r.answer).toContain("56家");
  });

  it("a topic the archive never covers is refused", async () => {
    expectRefusal(await app.answerer.answer("昌吉市有多少家电影院？"));
  });
});

describe("out-of-scope requests are declined", () => {
  it.each(["帮我写一首关于准东的诗", "写一首诗赞美昌吉", "明天昌吉市天气怎么样？", "今天呼图壁县会下雨吗？", "讲个笑话吧"])("%s", async (request) => {
    const r = await app.answerer.answer(request);
    expectRefusal(r);
    expect(r.answer).toContain("不在服务范围内");
  });
});

describe("an empty question asks for one", () => {
  it.each(["", "   ", "\n\t", "？", "?!"])("%j", async (question) => {
    const r = await app.answerer.answer(question);
    expectRefusal(r);
    expect(r.answer).toMatch(/^请输入一个问题/);
    expect(r.question).toBe(question);
  });
});

describe("a refusal never carries a figure", () => {
  it("not even when the closest coverage it names has figures in its headline", async () => {
    // The closest coverage here is 《短短六个月，吸引疆内外245家企业注册登记…》 or 《呼图壁县新建5座…》.
    for (const question of ["准东开发区注册资本5亿元以上的企业有多少家？", "玛纳斯县新建了多少座自动雨量站？", "阜康市新建了多少座自动雨量站？"]) {
      const r = await app.answerer.answer(question);
      expectRefusal(r);
    }
  });

  it("when a related article is named, it is named by its exact headline", async () => {
    const titles = [...app.index.articles.values()].map((a) => a.title);
    const named: string[] = [];
    for (const question of ["昌吉市有多少家电影院？", "奇台县新建了多少座自动雨量站？", "昌吉州有几所大学？", "昌吉州有多少家电商企业倒闭了？"]) {
      const r = await app.answerer.answer(question);
      expectRefusal(r);
      const title = /相关的报道有《(.+)》，/.exec(r.answer)?.[1];
      if (title) named.push(title);
    }
    expect(named.length).toBeGreaterThan(0);
    for (const title of named) expect(titles).toContain(title);
  });
});

describe("a refusal names a story, never the masthead", () => {
  it("even when the masthead is the closest coverage found", async () => {
    // Asked of a code a masthead could print (its 邮发代号, its hotline), but it prints no fax number.
    const r = await app.answerer.answer("昌吉日报的传真号码是多少？");
    expectRefusal(r);
    expect(r.answer).not.toContain("《报头》");
  });
});

describe("a code asked by its label gets that label's code or a refusal", () => {
  // The masthead prints 新闻热线, 刊号 and 邮发代号, and no 广告热线 or 发行热线.
  it.each(["昌吉日报的广告热线是多少？", "昌吉日报的发行热线是多少？"])("%s is refused, not given the 新闻热线 number", async (question) => {
    expectRefusal(await app.answerer.answer(question));
  });

  it.each([
    ["昌吉日报的新闻热线是多少？", "2881100"],
    // The code word said twice (热线电话) and the paper's name before the code word name no other label.
    ["昌吉日报的新闻热线电话是多少？", "2881100"],
    ["昌吉日报刊号是多少？", "65—0010"],
    // A mis-cut before the code word (羊是) is no label either.
    ["基因编辑疾病模型羊是编号是多少？", "0945"],
  ])("%s is answered with the code printed after its label (%s)", async (question, code) => {
    const r = await app.answerer.answer(question);
    expect(r.answered).toBe(true);
    expect(r.short).toBe(code);
  });
});
