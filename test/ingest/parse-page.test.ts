import { describe, expect, it } from "vitest";
import { parsePage } from "../../src/ingest/parse-page.js";
import type { Article } from "../../src/ingest/types.js";
import { defaultTokenizer } from "../../src/text/tokenize.js";
import { corpusPage, PAGE_FILES } from "./helpers.js";

// The five seed pages exactly as the project keeps them in corpus/昌吉日报/, front matter included.
const tokenizer = defaultTokenizer();
const pages = Object.fromEntries(
  (Object.keys(PAGE_FILES) as Array<keyof typeof PAGE_FILES>).map((date) => [
    date,
    parsePage(corpusPage(date), `corpus/昌吉日报/${PAGE_FILES[date]}`, tokenizer),
  ]),
) as Record<keyof typeof PAGE_FILES, ReturnType<typeof parsePage>>;
const all: Article[] = Object.values(pages).flatMap((p) => p.articles);

/** The one article whose body contains `text`. */
function withBody(text: string): Article {
  const found = all.filter((a) => a.body.includes(text));
  expect(found.map((a) => a.title)).toHaveLength(1);
  return found[0]!;
}
function titled(title: string): Article {
  const found = all.filter((a) => a.title === title);
  expect(found).toHaveLength(1);
  return found[0]!;
}

describe("parsePage: the five seed pages", () => {
  it("splits them into 29 articles (the masthead of 003 one of them)", () => {
    expect(Object.fromEntries(Object.entries(pages).map(([date, p]) => [date, p.articles.length]))).toEqual({
      "2021-12": 4,
      "2025-05-29": 6,
      "2025-07": 7,
      "2025-08-07": 5,
      "2025-12-23": 7,
    });
    expect(all).toHaveLength(29);
    for (const p of Object.values(pages)) expect(p.problems).toEqual([]);
  });

  it("dates every article and names its page file", () => {
    for (const a of all) {
      expect(a.date).toMatch(/^\d{4}-\d{2}(-\d{2})?$/);
      expect(a.paper).toBe("昌吉日报");
      expect(a.source).toMatch(/^corpus\/昌吉日报\/.+\.txt$/);
    }
  });

  it("leaves no column break inside a body", () => {
    for (const a of all) expect(a.body).not.toMatch(/\p{Script=Han}\n\p{Script=Han}/u);
    expect(withBody("申请办理了营业执照").title).toBe("数据流动共享 企业畅享极速服务");
    expect(withBody("以自治区“高效办成一件事”改革为抓手").title).toBe("数据流动共享 企业畅享极速服务");
    expect(withBody("“从今年1月起，我们陆续添置了119辆新能源重卡").title).toBe("昌吉州：新能源车背后的蓝天账与民生暖");
  });

  it("takes captions and credits out of bodies and keeps them as captions", () => {
    for (const a of all) expect(a.body).not.toMatch(/□|毕金录摄|王梦君摄|丛双强摄|秦琳琳摄|朱含雪摄|毛福萍摄|杨 ?鹤摄|梁宏涛 摄/u);
    expect(withBody("29.5公里").captions).toEqual(["新疆准东东部矿区专用铁路及物流园项目开工仪式现场。（毕金录 摄）"]);
    expect(withBody("首批130辆重卡交付运输公司").captions).toEqual(["130辆新能源重卡整齐排列等待交接。（王梦君 摄）"]);
    const manas = withBody("庄浪户村党支部书记、村委会主任富清说。");
    expect(manas.title).toBe("玛纳斯县改造城乡路网 畅通发展“大动脉” 提升民生“微循环”");
    expect(manas.captions).toEqual(["凉州户镇庄浪户村道路已摊铺上沥青。（丛双强 摄）"]);
  });
});

describe("parsePage: 2025-12-23 (front page, masthead)", () => {
  it("dates the 三色清单 story from the masthead", () => {
    const a = titled("昌吉州“三色清单”为企业减负");
    expect(a).toMatchObject({ date: "2025-12-23", dateInferred: false, issue: 12403, page: 1 });
    expect(a.byline).toBe("新疆日报昌吉12月20日讯 石榴云/新疆日报记者盖有军报道");
    expect(a.body).toContain("“红码事项”共计47项");
    expect(a.body.startsWith("12月17日，在昌吉回族自治州举行的")).toBe(true);
  });

  it("keeps the interview's banner, sub-headline and turn to page 2", () => {
    const a = withBody("李长江胸有成竹");
    expect(a).toMatchObject({
      title: "强州府当先锋 促发展谱新篇",
      section: "回眸“十四五”展望“十五五”·专题访谈",
      subtitle: "——访昌吉州党委书记李长江",
      byline: "本报记者 左晓雨",
      continuedTo: 2,
      continuedFrom: null,
    });
    expect(a.body).not.toContain("下转");
  });
});

describe("parsePage: 2025-08-07 (page 2, inferred)", () => {
  it("keeps the regulation's continuation untitled, continued from page 1", () => {
    const a = withBody("借调时间一般不超过6个月");
    expect(a).toMatchObject({ date: "2025-08-07", dateInferred: true, page: 2, issue: null, title: null, continuedFrom: 1 });
    expect(a.body.startsWith("除应急类的安全生产、自然灾害防治外")).toBe(true);
  });

  it("survives the words spliced into item 13 and keeps them in a body", () => {
    expect(withBody("除安保、应急救援月“春风行动”").date).toBe("2025-08-07");
  });
});

describe("parsePage: 2025-07 (month only, inferred)", () => {
  it("dates every article 2025-07, inferred, with no issue or page", () => {
    expect(pages["2025-07"].articles.map((a) => [a.date, a.dateInferred, a.issue, a.page])).toEqual(
      Array.from({ length: 7 }, () => ["2025-07", true, null, null]),
    );
  });

  it("gives the lead paragraphs printed above a headline to that headline's story", () => {
    const qitai = titled("奇台镇实施“十小为民工程”解民忧 群众呼声变掌声");
    expect(qitai.body.startsWith("夏日炎炎，奇台县奇台镇绿荫小区居民活动中心")).toBe(true);
    expect(qitai.byline).toBe("本报通讯员 张超");
    expect(withBody("玛纳斯县投入8100万元").body).not.toContain("夏日炎炎");
  });

  it("reads a question headline over a banner and a two-name byline", () => {
    expect(withBody("截至6月30日，共有来自疆内外的245家企业")).toMatchObject({
      title: "短短六个月，吸引疆内外245家企业注册登记 准东何以成为投资热土？",
      section: "高质量发展看准东",
      byline: "本报通讯员 余再兴 周李",
    });
  });
});

describe("parsePage: 2025-05-29 (headlines at the foot of the page)", () => {
  it("finds each story's headline though it is printed away from it", () => {
    expect(withBody("“0945”").title).toBe("新疆首例基因编辑疾病模型羊培育成功");
    expect(withBody("“0945”").byline).toBe("据新疆日报报道");
    expect(withBody("29.5公里")).toMatchObject({ title: "新疆准东东部矿区专用铁路及物流园项目开工建设", byline: "本报讯 记者喻兰报道" });
    expect(withBody("昌吉州住建局荣膺全国文明单位称号")).toMatchObject({
      title: "用心用情书写新时代文明创建答卷",
      section: "文明的力量",
      byline: "本报记者 付小芳",
    });
  });

  it("keeps a kicker as the section", () => {
    expect(titled("无人机助力麦田管理")).toMatchObject({ section: "吉木萨尔县", byline: "本报讯 通讯员钟丽萍、杜川江报道" });
  });

  it("prints no foot headline inside a body", () => {
    const bodies = pages["2025-05-29"].articles.map((a) => a.body).join("\n");
    for (const h of ["典范地州·强营商环境", "走基层 看民主", "推进典范地州建设 准东在行动", "文明的力量"]) {
      expect(bodies).not.toContain(h);
    }
  });
});

describe("parsePage: 2021-12 (month only, inferred)", () => {
  it("dates the hotline story 2021-12", () => {
    expect(withBody("有效诉求20372件")).toMatchObject({ date: "2021-12", dateInferred: true, byline: "本报讯 记者左晓雨报道" });
  });
});
