import { describe, expect, it } from "vitest";
import { toParagraphs } from "../../src/ingest/paragraphs.js";
import { shape } from "./helpers.js";

// Snippets cut verbatim from the seed pages (000–004 as in ../shared/seeds), ugly breaks included.

/** 000, lines 489–498. */
const PHOTOS = `新疆准东东部矿区专用铁路

及物流园项目开工建设

推进典范地州建设 准东在行动

新疆准东东部矿区专用铁路及物流园项目开工仪式现场。 □毕金录摄

吉木萨尔县北庭镇余家宫村小麦地上空，无人机正在喷洒叶面肥。
□毛福萍摄`;

/** 001, lines 95–97. */
const CREDIT_APART = `130辆新能源重卡整齐排列等待交接。

□王梦君摄`;

/** 004, lines 222–238. */
const CREDITS_NO_BOX = `12月25日，昌吉州12345政务服务便民热线受理中心，话务员们正在接听群众来电。
本报记者 左晓雨 摄

12月25日，昌吉
市阿什里乡龙山滑雪
场“迎冬奥 赏冰雪”
文化旅游节举行刁羊
比赛。

据了解，此次文
化旅游节还举办了民
族传统服饰展示、民
族特色美食展示和民
族特色手工艺品展示
等活动。

梁宏涛 摄`;

/** 003, lines 114–116. */
const TURN = `立足全省发展的宏伟蓝图,谈及即将开启的“十五五”时期,李长江表示,“昌吉市作为州府所在地,将在学习宣传贯彻全会精神上走在前、作表率,聚焦‘强昌吉州府’战略,在推动高质量发展上实现新突破。”

(下转02版)`;

/** 002, lines 71–75. */
const CONTINUED = `近年来，昌吉州科技局紧扣国家能源战略需求，主动谋划、精准施策，通过政策引导、资源整合与机制创新等方式强化关键核心技术攻关布局，加速自主知识产权成果落地转化。同步完善科技服务体系，优化区域创新生态，全面提升科技支撑产业发展的能力，深化科技创新与产业创新融合，为昌吉州高质量发展注入强劲科技动能。

(上接01版)除应急类的安全生产、自然灾害防治外，每个省全年平均每月接受中央和国家机关部门实地督查检查考核不超过规定次数，市县乡三级接受上级实地督查检查考核次数，由省党委参照作出规定。省市区县加强对本级督查检查考核事项的计划和备案管理。

8.改进方式方法。上级部门到地方督查检查考核调研，不得动辄要求见主要负责同志，不得频繁要求基层填表格报材料。不得将获得领导同志批示以及在刊物和媒体刊发文章信息、经验做法等作为督查检查考核内容。不得召开发文、拍照留痕、制作学习笔记等作为评判工作优劣的标准。不得工作刚部署就安排督查检查考核。督查检查考核原则上不召开动员会、反馈会。对督查检查结果，应当以适当方式进行反馈，留足整改时间。落实“三个区分开来”，统筹做好追责问责和容错纠错工作，不得以问责追责整改，未经规定程序、事实未查清之前不对干部进行追责问责，防止问责泛化、简单化。压减考核指标，压缩填报材料的文字量，突出考核重点，不层层加码，不“搭车”设置考核内容。不得随意设置“一票否决”和签订责任状事项，不得通过签订承诺书、第三方评估、满意度测评、挂牌督办等方式变相设置考核事项。不得按月度、季度频繁搞排名通报。不得以通报排名的形式变相进行考核。考核应当化繁为简，不搞“千分制”。`;

type Row = [string, string, Array<ReturnType<typeof shape>>];

const table: Row[] = [
  [
    "000: captions with the credit on the same line",
    PHOTOS,
    [
      { kind: "heading", text: "新疆准东东部矿区专用铁路", level: 9 },
      { kind: "heading", text: "及物流园项目开工建设", level: 9 },
      { kind: "heading", text: "推进典范地州建设 准东在行动", level: 9 },
      { kind: "caption", text: "新疆准东东部矿区专用铁路及物流园项目开工仪式现场。", credit: "□毕金录摄" },
      { kind: "caption", text: "吉木萨尔县北庭镇余家宫村小麦地上空，无人机正在喷洒叶面肥。", credit: "□毛福萍摄" },
    ],
  ],
  ["001: the credit a blank line below its caption", CREDIT_APART, [{ kind: "caption", text: "130辆新能源重卡整齐排列等待交接。", credit: "□王梦君摄" }]],
  [
    "004: credits without □, a two-paragraph caption",
    CREDITS_NO_BOX,
    [
      { kind: "caption", text: "12月25日，昌吉州12345政务服务便民热线受理中心，话务员们正在接听群众来电。", credit: "本报记者 左晓雨 摄" },
      {
        kind: "caption",
        text: "12月25日，昌吉市阿什里乡龙山滑雪场“迎冬奥 赏冰雪”文化旅游节举行刁羊比赛。据了解，此次文化旅游节还举办了民族传统服饰展示、民族特色美食展示和民族特色手工艺品展示等活动。",
        credit: "梁宏涛 摄",
      },
    ],
  ],
  [
    "003: (下转02版)",
    TURN,
    [
      { kind: "body", text: "立足全省发展的宏伟蓝图，谈及即将" },
      { kind: "turn", text: "(下转02版)" },
    ],
  ],
  [
    "002: (上接01版) opens a body paragraph",
    CONTINUED,
    [
      { kind: "body", text: "近年来，昌吉州科技局紧扣国家能源" },
      { kind: "body", text: "除应急类的安全生产、自然灾害防治", continuedFrom: 1 },
      { kind: "body", text: "8.改进方式方法。上级部门到地方" },
    ],
  ],
];

describe("toParagraphs: captions, credits and continuations", () => {
  it.each(table)("%s", (_, raw, expected) => {
    expect(toParagraphs(raw).map(shape)).toEqual(expected);
  });

  it("leaves no credit in a caption's text", () => {
    const captions = [PHOTOS, CREDIT_APART, CREDITS_NO_BOX].flatMap((raw) => toParagraphs(raw).filter((p) => p.kind === "caption"));
    expect(captions).toHaveLength(5);
    for (const c of captions) expect(c.text).not.toMatch(/□|摄$/u);
  });
});
