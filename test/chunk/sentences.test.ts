import { describe, expect, it } from "vitest";
import { splitClauses, splitSentences } from "../../src/chunk/sentences.js";

// Every input below is cut from the body of a seed article as ingestion gives it.

describe("splitSentences", () => {
  it.each([
    [
      "a quotation: the closing quote stays with its sentence, the speaker follows (000)",
      "“我在网上提交申请，第二天早上就拿到了营业执照，十分便捷。”张明军说。",
      ["“我在网上提交申请，第二天早上就拿到了营业执照，十分便捷。”", "张明军说。"],
    ],
    [
      "a question inside a quotation (000, 奇台镇)",
      "“新能源汽车增多，在小区充电难怎么办？”奇台县人大代表、奇台镇天山社区干部热孜宛古丽·阿卜力米提紧接着发问。",
      ["“新能源汽车增多，在小区充电难怎么办？”", "奇台县人大代表、奇台镇天山社区干部热孜宛古丽·阿卜力米提紧接着发问。"],
    ],
    [
      "two questions in a row (001, 准东)",
      "这些企业为何如此密集地落户准东开发区？除了丰富的煤炭资源外，他们还看中了哪些发展机遇呢？",
      ["这些企业为何如此密集地落户准东开发区？", "除了丰富的煤炭资源外，他们还看中了哪些发展机遇呢？"],
    ],
    [
      "a semicolon ends a sentence (004, 12345热线)",
      "前者是依靠一部热线电话，快速响应群众诉求；后者则依托网络，通过电脑、手机等与之形成互动。",
      ["前者是依靠一部热线电话，快速响应群众诉求；", "后者则依托网络，通过电脑、手机等与之形成互动。"],
    ],
    [
      "an ellipsis ends a sentence (000, 住建局)",
      "宽阔整洁的道路，绿树成荫的公园，错落有致的建筑……孟夏时节，记者漫步昌吉街头，一幅宜居宜业城市画卷徐徐展开。",
      ["宽阔整洁的道路，绿树成荫的公园，错落有致的建筑……", "孟夏时节，记者漫步昌吉街头，一幅宜居宜业城市画卷徐徐展开。"],
    ],
    [
      "an ellipsis before a closing quote keeps the quote (000, 代表恳谈日)",
      "“在前期奇台镇‘代表恳谈日’活动中收集的7件建议，已现场解决4件，其余3件的办理进展如下……”奇台镇人大副主席王春娥首先通报前期事项办结情况。",
      ["“在前期奇台镇‘代表恳谈日’活动中收集的7件建议，已现场解决4件，其余3件的办理进展如下……”", "奇台镇人大副主席王春娥首先通报前期事项办结情况。"],
    ],
    [
      "decimal points and percentages are not sentence ends (001, 电网)",
      "上半年，国网新疆电力有限公司累计为21.93万户用户完成用电报装，较去年同期增长110.93%；报装总容量达2740.55万千瓦伏安，同比增长25.7%。",
      ["上半年，国网新疆电力有限公司累计为21.93万户用户完成用电报装，较去年同期增长110.93%；", "报装总容量达2740.55万千瓦伏安，同比增长25.7%。"],
    ],
    [
      "a paragraph break ends a sentence even without a stop (003, its stops cut off)",
      "12月12日，在位于呼图壁县的新疆赣能电气科技有限公司生产车间内，工人们正有序进行焊接、接线与调试作业\n作为自治区专精特新企业，该公司今年已生产各类配电设备超1700台，预计年产值达1.2亿元",
      [
        "12月12日，在位于呼图壁县的新疆赣能电气科技有限公司生产车间内，工人们正有序进行焊接、接线与调试作业",
        "作为自治区专精特新企业，该公司今年已生产各类配电设备超1700台，预计年产值达1.2亿元",
      ],
    ],
  ])("%s", (_, text, expected) => {
    expect(splitSentences(text)).toEqual(expected);
  });

  it("loses no character but the white space between paragraphs", () => {
    const text =
      "“当地政府办事效率高，对我们的支持力度也特别大。”该公司副总经理石忠源说：“注册公司的时候我们还没有办公室，政府给我们提供了一个虚拟地址，让我们顺利把公司落户下来，从落户到开户也就一周时间。”\n从“人工跑”变为“数据跑”，营商环境“软实力”的提升不仅办出了政务服务的速度与温度。";
    expect(splitSentences(text).join("")).toBe(text.replace("\n", ""));
    expect(splitSentences(text)).toHaveLength(3);
  });

  // Invented text (no seed prints a title with its own stop): a title's ！ or ？ ends no sentence.
  it("does not end a sentence inside a title 《…》", () => {
    expect(splitSentences("《你好！昌吉》是本报推出的系列报道。记者走访了《谁是最美家庭？》的获奖家庭！")).toEqual([
      "《你好！昌吉》是本报推出的系列报道。",
      "记者走访了《谁是最美家庭？》的获奖家庭！",
    ]);
    // An unclosed 《 does not swallow the sentence ends after it.
    expect(splitSentences("书名号《未闭合。下一句。")).toEqual(["书名号《未闭合。", "下一句。"]);
  });

  it("gives nothing for blank text", () => {
    expect(splitSentences("\n \n")).toEqual([]);
  });
});

/** 002 (项目为笔绘宏图), 101 characters: the sentence with 93.79%. */
const OPEN_RATE =
  "截至目前，145个项目中136个实现开复工，开复工率高达93.79%，89个续建项目全部“苏醒”，31个新建项目“破土而出”，16个储备项目“华丽转身”为新建项目，处处可见“撸起袖子加油干”的火热场景。";

describe("splitClauses: a sentence longer than a chunk", () => {
  it.each([
    [101, [OPEN_RATE]],
    [
      60,
      [
        "截至目前，145个项目中136个实现开复工，开复工率高达93.79%，89个续建项目全部“苏醒”，",
        "31个新建项目“破土而出”，16个储备项目“华丽转身”为新建项目，处处可见“撸起袖子加油干”的火热场景。",
      ],
    ],
    [
      40,
      [
        "截至目前，145个项目中136个实现开复工，开复工率高达93.79%，",
        "89个续建项目全部“苏醒”，31个新建项目“破土而出”，",
        "16个储备项目“华丽转身”为新建项目，处处可见“撸起袖子加油干”的火热场景。",
      ],
    ],
  ])("at most %i characters: cut after commas only, 93.79% kept whole", (max, expected) => {
    expect(splitClauses(OPEN_RATE, max)).toEqual(expected);
  });

  it("cuts at 、 and ： too, and never inside 21.93万户 or 110.93%", () => {
    const sentence = "上半年，国网新疆电力有限公司累计为21.93万户用户完成用电报装，较去年同期增长110.93%；";
    expect(splitClauses(sentence, 20)).toEqual(["上半年，", "国网新疆电力有限公司累计为21.93万户用户完成用电报装，", "较去年同期增长110.93%；"]);
    const quoted = "张建勋立即展开政策解读：“《昌吉州居民小区电动汽车充电基础设施建设运营管理暂行办法》已正式实施，符合条件的居民可申请安装自建充电桩。";
    const pieces = splitClauses(quoted, 30);
    expect(pieces[0]).toBe("张建勋立即展开政策解读：");
    expect(pieces.join("")).toBe(quoted);
  });

  it("keeps a sentence that has no comma whole, however long", () => {
    const sentence = "昌吉州成功创建自治区示范数字档案馆";
    expect(splitClauses(sentence, 5)).toEqual([sentence]);
  });
});
