import { describe, expect, it } from "vitest";
import { endsSentence, toParagraphs } from "../../src/ingest/paragraphs.js";

/** Body texts of a snippet, in order. */
const bodies = (raw: string) =>
  toParagraphs(raw)
    .filter((p) => p.kind === "body")
    .map((p) => p.text);

// Every snippet below is cut verbatim from a seed page, line breaks and blank lines included.

/** 000 (column page), lines 16–24: a word (营业执照) cut by the column edge. */
const ZHANG_MINGJUN = `从事个体经营多年的张明军，最近
加盟了品牌餐饮店，申请办理了营业执
照。以往，新开店商户要准备多份材料，
奔波于市场监督管理局、税务局等多个
部门，要花费一周多的时间。而这次，他
仅仅用了两天，就在昌吉市政务服务中
心领取了营业执照。“我在网上提交申
请，第二天早上就拿到了营业执照，十
分便捷。”张明军说。
`;

/** 000, lines 26–32: a column ends inside the sentence, leaving a blank line. */
const GAOXIAO_BANCHENG = `张明军体验到的便捷服务，得益于
昌吉市聚焦“强营商环境”，以自治区

“高效办成一件事”改革为抓手，将开办
餐饮店的所有流程都整合到了一个平
台上，让数据在不同部门间自动流转，
一天之内就能办结。
`;

/** 000, lines 1–11: two real paragraphs (the first line keeps its stray leading space). */
const TWO_PARAGRAPHS = ` 一份份投资协议落笔纸上，一个个
引资项目珠落玉盘，这些都是对昌吉市
营商环境的最大肯定。

今年，昌吉市紧紧围绕昌吉州党委
提出的“强昌吉州府”“强营商环境”战
略，在关键期发力、于关键处落子，将持
续优化营商环境作为推动高质量发展
的“先手棋”，着力构建更具吸引力的投
资发展生态，让各类市场主体落得下、
长得好。
`;

/** 003 (one paragraph a line, half-width punctuation), lines 42–44. */
const HUO_QUNYA = `重卡即重型卡车,是物流运输与工程建设的主力车型。作为服务五彩湾辖区14家企业的物流骨干,远程物流的转型之路,正是昌吉州绿色发展政策红利的生动注脚。乘着昌吉州新能源车补贴政策东风,企业果断淘汰半数老旧燃油卡车,批量购入新能源重卡,市场竞争力大幅跃升。“从今年1月起,我们

陆续添置了119辆新能源重卡,其中20辆享受到补贴政策,7月已顺利领取50万元补贴资金。”霍群亚说。`;

/** 001, lines 107–117: a photo and its credit printed in the middle of "庄浪户村党支|部书记". */
const ZHUANGLANGHU = `此外,凉州户镇庄浪户村道路改造工程也已接近尾声。该项目于4月10日开工,目前已完成沥青摊铺作业。“这次道路改造涉及村里18个巷道,总长度7816米,286户523人将从中受益。”庄浪户村党支



凉州户镇庄浪户村道路已摊铺上沥青。

□丛双强摄

部书记、村委会主任富清说。道路升级不仅方便了村民出行,更成为乡村振兴的“助推器”。随着交通环境的改善,村里的农家乐生意日益红

火。庄浪户村张家院子农家乐负责人马小玲说:“道路改造完成后,路面干净整洁,来的游客都夸村里环境好,我们农家乐的生意也跟着好了起来。”`;

describe("toParagraphs: column breaks", () => {
  it("joins a word cut at the column edge", () => {
    expect(bodies(ZHANG_MINGJUN)).toEqual([
      "从事个体经营多年的张明军，最近加盟了品牌餐饮店，申请办理了营业执照。以往，新开店商户要准备多份材料，奔波于市场监督管理局、税务局等多个部门，要花费一周多的时间。而这次，他仅仅用了两天，就在昌吉市政务服务中心领取了营业执照。“我在网上提交申请，第二天早上就拿到了营业执照，十分便捷。”张明军说。",
    ]);
  });

  it("rejoins a sentence across the blank line a column end leaves (column page)", () => {
    expect(bodies(GAOXIAO_BANCHENG)).toEqual([
      "张明军体验到的便捷服务，得益于昌吉市聚焦“强营商环境”，以自治区“高效办成一件事”改革为抓手，将开办餐饮店的所有流程都整合到了一个平台上，让数据在不同部门间自动流转，一天之内就能办结。",
    ]);
  });

  it("rejoins a sentence across a blank line on a one-paragraph-a-line page", () => {
    const [body, ...rest] = bodies(HUO_QUNYA);
    expect(rest).toEqual([]);
    expect(body).toContain("“从今年1月起，我们陆续添置了119辆新能源重卡，其中20辆享受到补贴政策，7月已顺利领取50万元补贴资金。”霍群亚说。");
  });

  it("keeps two paragraphs that each end a sentence apart", () => {
    expect(bodies(TWO_PARAGRAPHS)).toEqual([
      "一份份投资协议落笔纸上，一个个引资项目珠落玉盘，这些都是对昌吉市营商环境的最大肯定。",
      "今年，昌吉市紧紧围绕昌吉州党委提出的“强昌吉州府”“强营商环境”战略，在关键期发力、于关键处落子，将持续优化营商环境作为推动高质量发展的“先手棋”，着力构建更具吸引力的投资发展生态，让各类市场主体落得下、长得好。",
    ]);
  });

  it("takes a caption out of the sentence it was printed into and keeps it separate", () => {
    const paragraphs = toParagraphs(ZHUANGLANGHU);
    expect(paragraphs.map((p) => p.kind)).toEqual(["body", "caption"]);
    const [body, caption] = paragraphs;
    expect(body!.text).toContain("”庄浪户村党支部书记、村委会主任富清说。");
    expect(body!.text).toContain("村里的农家乐生意日益红火。庄浪户村张家院子农家乐负责人马小玲说：“道路改造完成后");
    expect(body!.text).not.toContain("沥青。凉州户镇");
    expect(body!.text).not.toContain("丛双强");
    expect(caption).toMatchObject({ text: "凉州户镇庄浪户村道路已摊铺上沥青。", credit: "□丛双强摄" });
  });
});

describe("toParagraphs: punctuation and figures", () => {
  // [seed and line, raw text, what the body must contain, what it must not]
  const table: Array<[string, string, string[], string[]]> = [
    [
      "001 line 9: half-width comma and parentheses",
      "今年上半年,新疆准东经济技术开发区(以下简称准东开发区)迎来了令人瞩目的企业投资热潮。截至6月30日,共有来自疆内外的245家企业来准东注册登记,其中注册资本1千万元以上56家,1亿元以上10家,这些企业的业务范围涵盖软件开发、大数据分析、人工智能应用等多个前沿领域。",
      ["（以下简称准东开发区）", "截至6月30日，共有", "245家企业", "1千万元以上56家，1亿元以上10家"],
      [",", "(", ")"],
    ],
    [
      "001 line 75: decimals and percentages stay",
      "据新疆日报报道 上半年,国网新疆电力有限公司累计为21.93万户用户完成用电报装,较去年同期增长110.93%;报装总容量达2740.55万千瓦伏安,同比增长25.7%。送电户数翻倍、报装容量稳增,体现了新疆区域经济的活跃。",
      ["21.93万户", "增长110.93%；报装总容量达2740.55万千瓦伏安，同比增长25.7%。"],
      [";", ","],
    ],
    [
      "002 line 33: a percentage among full-width punctuation",
      "领导包联与“定期调度”双机制如同两台精密齿轮，咬合联动推动项目建设“加速跑”。截至目前，145个项目中136个实现开复工，开复工率高达93.79%，89个续建项目全部“苏醒”，31个新建项目“破土而出”，16个储备项目“华丽转身”为新建项目，处处可见“撸起袖子加油干”的火热场景。",
      ["开复工率高达93.79%，89个续建项目"],
      [],
    ],
    [
      "000 lines 169–177: spaces around a figure go, the figure stays",
      `其中，投资 16.32 亿元的专用铁
路从老君庙矿区通往将淖铁路别勒
站，承担老君庙及部分西黑山矿区的
疆煤外运任务，预计2026年底与将淖
铁路复线同步完工，届时将形成横贯

东西的能源动脉，年运输能力达3560
万吨，相当于每天减少2560辆重载卡
车运输煤炭，减少碳排放706万吨。
`,
      ["其中，投资16.32亿元的专用铁路", "年运输能力达3560万吨"],
      [" "],
    ],
    [
      "000 lines 34–37: 7 至 10",
      `在昌吉市政务服务中心运输企业
“一件事”窗口，市民张丹丹当天就办理
领取了新进货车的道路运输证，而在以
前，拿到这个证需要 7 至 10 个工作日。
`,
      ["需要7至10个工作日。"],
      [" "],
    ],
    [
      // No seed prints a thousands separator; this is 001 line 51 as papers that use one print it.
      "001 line 51 with a thousands separator",
      "据统计,准东开发区零距离发布仅3天,阅读量就突破10,000人次,转发量达700人次,一举打破2024年以来阅读量最高纪录。",
      ["阅读量就突破10,000人次，转发量达700人次"],
      ["10，000"],
    ],
  ];

  it.each(table)("%s", (_, raw, present, absent) => {
    const text = bodies(raw).join("\n");
    for (const s of present) expect(text).toContain(s);
    for (const s of absent) expect(text).not.toContain(s);
  });
});

describe("endsSentence", () => {
  it.each([
    ["营商环境的最大肯定。", true],
    ["十分便捷。”张明军说。", true],
    ["“水晶广场路灯昏暗，夜间出行存在安全隐患，何时能予以解决？”", true],
    ["(下转02版)", true],
    ["跑出营商环境“加速度”", false],
    ["申请办理了营业执", false],
    ["推进典范地州建设 准东在行动", false],
  ])("%s → %s", (text, expected) => {
    expect(endsSentence(text)).toBe(expected);
  });
});
