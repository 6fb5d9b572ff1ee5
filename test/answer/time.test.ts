import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createAnswerer } from "../../src/answer/answerer.js";
import { restateTime } from "../../src/answer/compose.js";
import { realApp, type RealApp } from "../support/real-app.js";
import { fidelityProblems } from "./checks.js";

describe("restateTime: relative time words stated against the issue's date", () => {
  it.each([
    ["今年，玛纳斯县投入8100万元", "2025-07", "2025年，玛纳斯县投入8100万元"],
    ["今年上半年，准东开发区迎来了投资热潮", "2025-07", "2025年上半年，准东开发区迎来了投资热潮"],
    ["上半年，国网新疆电力有限公司累计为21.93万户用户完成用电报装", "2025-07", "2025年上半年，国网新疆电力有限公司累计为21.93万户用户完成用电报装"],
    ["今年下半年将完工", "2025-08-07", "2025年下半年将完工"],
    ["较去年同期增长110.93%", "2025-07", "较2024年同期增长110.93%"],
    ["前年迁入准东", "2025-07", "2023年迁入准东"],
    ["截至6月30日，共有245家企业", "2025-07", "截至2025年6月30日，共有245家企业"],
    ["12月25日，记者走进受理中心", "2021-12", "2021年12月25日，记者走进受理中心"],
    // A month later than the month was last year: a May issue speaking of 12月13日.
    ["这只羊诞生于12月13日", "2025-05-29", "这只羊诞生于2024年12月13日"],
    ["这只羊诞生于3月13日", "2025-05-29", "这只羊诞生于2025年3月13日"],
    // Only the year known: a bare date is taken to be in that year.
    ["12月25日举行", "2021", "2021年12月25日举行"],
    // Already absolute: untouched.
    ["项目于2025年3月25日开工", "2025-08-07", "项目于2025年3月25日开工"],
    ["2025年上半年，昌吉市交出了答卷", "2025-08-07", "2025年上半年，昌吉市交出了答卷"],
    // A year stated earlier in the sentence: the bare date is left as printed.
    ["1993年（民国82年）1月24日起停播", "2020-05", "1993年（民国82年）1月24日起停播"],
    ["2019年12月30日至1月2日闭馆", "2020-05", "2019年12月30日至1月2日闭馆"],
    ["去年底开工。6月30日完工", "2025-07", "2024年底开工。2025年6月30日完工"],
    ["同年3月5日开工", "2025-07", "同年3月5日开工"],
    // 目前年产量 speaks of no year (前年 is not in it).
    ["目前年产量达3万吨", "2025-07", "目前年产量达3万吨"],
    // No date to state against: untouched.
    ["今年，呼图壁县投资90万元", null, "今年，呼图壁县投资90万元"],
    ["与时间无关的句子", "2025-07", "与时间无关的句子"],
  ] as const)("%s (%s) → %s", (text, date, restated) => {
    expect(restateTime(text, date)).toBe(restated);
  });
});

describe("a question about 今年 answered from older coverage", () => {
  let app: RealApp;
  beforeAll(async () => {
    app = await realApp();
  });
  afterAll(() => app.cleanup());

  const answererAt = (iso: string) => createAnswerer({ retriever: app.retriever, archive: app.archive, now: () => new Date(iso) });

  it.each([
    ["今年呼图壁县投资多少钱新建自动雨量站？", "2025年7月（推定）", "90万元"],
    ["今年奇台镇已建成多少个充电桩？", "2025年7月（推定）", "51个"],
    ["昌吉州今年更新了多少辆新能源客货车？", "2025年12月23日", "1760辆"],
  ])("in 2026, %s says the coverage is from %s", async (question, coverage, figure) => {
    const r = await answererAt("2026-11-22").answer(question);
    expect(r.answered).toBe(true);
    expect(r.answer.startsWith(`报库中最新的相关报道是${coverage}的：`)).toBe(true);
    expect(r.answer).toContain(figure);
    expect(fidelityProblems(app, r)).toEqual([]);
  });

  it.each(["今年呼图壁县投资多少钱新建自动雨量站？", "昌吉州今年更新了多少辆新能源客货车？"])(
    "in 2025, %s needs no note: the coverage is this year's",
    async (question) => {
      const r = await answererAt("2025-12-30").answer(question);
      expect(r.answered).toBe(true);
      expect(r.answer).not.toContain("最新的相关报道");
      expect(r.answer).toMatch(/^2025年/);
    },
  );

  it("the note is only for questions about the present", async () => {
    const r = await answererAt("2026-11-22").answer("呼图壁县投资多少钱新建自动雨量站？");
    expect(r.answered).toBe(true);
    expect(r.answer).not.toContain("最新的相关报道");
    expect(r.answer).toContain("90万元");
  });

  it("the answer restates 今年 in the quote as the issue's year, the quote keeps the printed words", async () => {
    const r = await answererAt("2026-11-22").answer("今年呼图壁县投资多少钱新建自动雨量站？");
    expect(r.citations[0]!.quote).toMatch(/^今年，呼图壁县投资90万元/);
    expect(r.answer).toContain("2025年，呼图壁县投资90万元");
    expect(r.answer).not.toContain("今年");
  });
});
