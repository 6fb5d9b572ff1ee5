import { describe, expect, it } from "vitest";
import { toParagraphs } from "../../src/ingest/paragraphs.js";
import { shape } from "./helpers.js";

// Snippets cut verbatim from the seed pages (000–004 as in ../shared/seeds), ugly breaks included.

/** 003, lines 28–38. */
const FRONT_PAGE_HEADINGS = `## 学习贯彻党的二十届四中全会精神

### 活力昌吉 2025

# 昌吉州:新能源车背后的蓝天账与民生暖

□本报记者 刘茜

### — 开栏语 —

岁末年初,昌吉州融媒体中心将以数据为笔勾勒发展筋骨,以民生为镜映照实事成效,以暖心故事为墨传递城市温度。通过全景式成就复盘、互动式民生检验、情感式故事挖掘,用图文、音视频、融媒体产品等多元形态,立体呈现昌吉州全年各行各业的奋进轨迹,让发展实绩可感可触,让暖心瞬间直抵人心。今日起,本报开设“活力昌吉2025”专栏,温情回顾、立体展现一年来昌吉州推动经济社会高质量发展的成效,敬请关注。`;

/** 003, lines 90–98. */
const INTERVIEW = `## 回眸“十四五”展望“十五五”·专题访谈

# 强州府当先锋 促发展谱新篇

——访昌吉州党委书记李长江

□本报记者 左晓雨

在昌吉市的物流园区里,感受车辆穿梭的繁忙与现代物流的蓬勃发展;在新疆信息产业园的机房内,见证数字时代的创新与突破;在政务服务大厅的办事大厅里,感受“高效办成一件事”的速度与温度;在城市的烟火气中,体验各族群众和谐、多元、幸福的生活状态……冬季的昌吉,寒意渐浓却挡不住发展热潮,整座城市处处涌动着向上向好的澎湃动能。`;

/** 000, lines 432–451. */
const FOOT_HEADLINES = `典范地州·强营商环境

数据流动共享 企业畅享极速服务
——昌吉市强营商环境助力企业高质量发展

□本报通讯员 梁宏涛 吕振江

文明的力量

用心用情书写新时代文明创建答卷
——昌吉州住建局精神文明创建工作综述

□本报记者 付小芳

走基层 看民主

奇台镇推行“代表恳谈日”——

“民生清单”变“幸福清单”
□本报记者 杨鹤`;

/** 001, lines 1–13. */
const QUESTION_HEADLINE = `

高质量发展看准东

短短六个月,吸引疆内外245家企业注册登记 准东何以成为投资热土?

□本报通讯员 余再兴 周李

今年上半年,新疆准东经济技术开发区(以下简称准东开发区)迎来了令人瞩目的企业投资热潮。截至6月30日,共有来自疆内外的245家企业来准东注册登记,其中注册资本1千万元以上56家,1亿元以上10家,这些企业的业务范围涵盖软件开发、大数据分析、人工智能应用等多个前沿领域。

这些企业为何如此密集地落户准东开发区?除了丰富的煤炭资源外,他们还看中了哪些发展机遇呢?走进准东开发区政务服务大厅,我们看到最繁忙的热门柜台当数昌吉州市场监督管理局准东开发区分局(以下简称准东分局)的服务区域。柜台前围满了前来办事的群众,工作人员正忙着查看材料,办理业务。

准东分局注册科工作人员向记者介绍:“窗口正在办理的是新疆准能重工有限公司申请设立的业务。因企业业务需要,今天就要领照。他们启动了快速审批通道,仅用3个小时就完成了注册登记。这不,营业执照已经办好了。”`;

/** 004, lines 208–214. */
const SPLIT_HEADLINE = `“电商+品牌”，

让新疆特色食品

走向全国市场

本报通讯员 宋华敏`;

/** 003, lines 56–58. */
const XINHUA_LEAD = `## 昌吉州“三色清单”为企业减负

新疆日报昌吉12月20日讯 石榴云/新疆日报记者盖有军报道:12月17日,在昌吉回族自治州举行的“优化营商环境若干措施”新闻发布会上,昌吉州市场监督管理局副局长高振宇介绍,针对企业监管任务繁杂、企业负担偏重、日常监管效能不高等痛点、堵点、难点问题,昌吉州围绕“减负提效防风险”目标,创新实施“红黄绿”三码分类监管模式,既守好安全底线,又减轻企业负担。`;

/** 000, lines 152–159. */
const BENBAOXUN = `本报讯 记者喻兰报道：5 月 28
日上午，总投资20.8亿元的新疆准东
东部矿区专用铁路及物流园项目开
工建设。这是新疆准东经济技术开发
区（以下简称准东开发区）有史以来
开建的最大的综合性交通物流工程，
项目的动工标志着准东开发区在突
破疆煤外运瓶颈上迈出了关键一步。`;

/** 000, lines 389–401. */
const JU_BAODAO = `据新疆日报报道 新疆首例基
因编辑疾病模型羊培育成功，编号为

“0945”。这标志着新疆在基因编辑技
术应用于人类罕见病研究领域迈出
重要一步。

新疆农垦科学院反刍动物育种
创新团队核心成员王立民说，这只基
因编辑模型羊诞生于今年3月13日，
现在已经16公斤重，从外型特征上来
看无异于正常羔羊，预计会在断奶后
出现变化。`;

/** 000, lines 462–474. */
const LEAD_OVER_TWO_LINES = `本报讯 通讯员钟丽萍、杜川江
报道：近日，在吉木萨尔县北庭镇余
家宫村村民徐新友的小麦地里，无人
机正在技术人员的操控下，平稳地在
小麦上空飞行，细密的雾状营养药均
匀地洒落在小麦上，成为田野里一道
充满科技感的风景线。

“今年我种植了230亩小麦，以前
人工喷洒叶面肥，不仅效率低，而且
劳动强度大。现在有了无人机，3个小
时就能完成施肥作业，轻松多了。”徐
新友说。`;

type Row = [string, string, Array<ReturnType<typeof shape>>];

const headlines: Row[] = [
  [
    "003: '#' headings, byline, a column label",
    FRONT_PAGE_HEADINGS,
    [
      { kind: "heading", text: "学习贯彻党的二十届四中全会精神", level: 2 },
      { kind: "heading", text: "活力昌吉 2025", level: 3 },
      { kind: "heading", text: "昌吉州：新能源车背后的蓝天账与民生暖", level: 1 },
      { kind: "byline", text: "□本报记者 刘茜" },
      { kind: "subtitle", text: "— 开栏语 —" },
      { kind: "body", text: "岁末年初，昌吉州融媒体中心将以数" },
    ],
  ],
  [
    "003: banner, headline, sub-headline, byline",
    INTERVIEW,
    [
      { kind: "heading", text: "回眸“十四五”展望“十五五”·专题访谈", level: 2 },
      { kind: "heading", text: "强州府当先锋 促发展谱新篇", level: 1 },
      { kind: "subtitle", text: "——访昌吉州党委书记李长江" },
      { kind: "byline", text: "□本报记者 左晓雨" },
      { kind: "body", text: "在昌吉市的物流园区里，感受车辆穿" },
    ],
  ],
  [
    "000: the page's headlines together at its foot",
    FOOT_HEADLINES,
    [
      { kind: "heading", text: "典范地州·强营商环境", level: 9 },
      { kind: "heading", text: "数据流动共享 企业畅享极速服务", level: 9 },
      { kind: "subtitle", text: "——昌吉市强营商环境助力企业高质量发展" },
      { kind: "byline", text: "□本报通讯员 梁宏涛 吕振江" },
      { kind: "heading", text: "文明的力量", level: 9 },
      { kind: "heading", text: "用心用情书写新时代文明创建答卷", level: 9 },
      { kind: "subtitle", text: "——昌吉州住建局精神文明创建工作综述" },
      { kind: "byline", text: "□本报记者 付小芳" },
      { kind: "heading", text: "走基层 看民主", level: 9 },
      { kind: "heading", text: "奇台镇推行“代表恳谈日”——", level: 9 },
      { kind: "heading", text: "“民生清单”变“幸福清单”", level: 9 },
      { kind: "byline", text: "□本报记者 杨鹤" },
    ],
  ],
  [
    "001: banner and a question as headline, two names in the byline",
    QUESTION_HEADLINE,
    [
      { kind: "heading", text: "高质量发展看准东", level: 9 },
      { kind: "heading", text: "短短六个月，吸引疆内外245家企业注册登记 准东何以成为投资热土？", level: 9 },
      { kind: "byline", text: "□本报通讯员 余再兴 周李" },
      { kind: "body", text: "今年上半年，新疆准东经济技术开发" },
      { kind: "body", text: "这些企业为何如此密集地落户准东开" },
      { kind: "body", text: "准东分局注册科工作人员向记者介绍" },
    ],
  ],
  [
    "004: a headline over three lines, a byline without □",
    SPLIT_HEADLINE,
    [
      { kind: "heading", text: "“电商+品牌”，", level: 9 },
      { kind: "heading", text: "让新疆特色食品", level: 9 },
      { kind: "heading", text: "走向全国市场", level: 9 },
      { kind: "byline", text: "本报通讯员 宋华敏" },
    ],
  ],
];

const leads: Row[] = [
  [
    "003: wire dateline",
    XINHUA_LEAD,
    [
      { kind: "heading", text: "昌吉州“三色清单”为企业减负", level: 2 },
      { kind: "body", text: "12月17日，在昌吉回族自治州举", lead: "新疆日报昌吉12月20日讯 石榴云/新疆日报记者盖有军报道" },
    ],
  ],
  ["000: 本报讯, date with spaces cut over two lines", BENBAOXUN, [{ kind: "body", text: "5月28日上午，总投资20.8亿", lead: "本报讯 记者喻兰报道" }]],
  [
    "000: 据…报道",
    JU_BAODAO,
    [
      { kind: "body", text: "新疆首例基因编辑疾病模型羊培育成", lead: "据新疆日报报道" },
      { kind: "body", text: "新疆农垦科学院反刍动物育种创新团" },
    ],
  ],
  [
    "000: a dateline cut before 报道",
    LEAD_OVER_TWO_LINES,
    [
      { kind: "body", text: "近日，在吉木萨尔县北庭镇余家宫村", lead: "本报讯 通讯员钟丽萍、杜川江报道" },
      { kind: "body", text: "“今年我种植了230亩小麦，以前" },
    ],
  ],
];

describe("toParagraphs: headlines, bylines and datelines", () => {
  it.each(headlines)("headlines: %s", (_, raw, expected) => {
    expect(toParagraphs(raw).map(shape)).toEqual(expected);
  });
  it.each(leads)("datelines: %s", (_, raw, expected) => {
    expect(toParagraphs(raw).map(shape)).toEqual(expected);
  });

  it("leaves no dateline in the text it peels it from", () => {
    const texts = [BENBAOXUN, JU_BAODAO, LEAD_OVER_TWO_LINES, XINHUA_LEAD].flatMap((raw) => toParagraphs(raw).map((p) => p.text));
    for (const t of texts) expect(t).not.toMatch(/本报讯|据新疆日报报道|新疆日报昌吉|报道：/u);
  });
});
