import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { formatCitation, formatDate } from "../../src/answer/citation.js";
import type { Citation } from "../../src/answer/types.js";
import { renderAnswer, renderSources } from "../../src/cli/render.js";
import { realApp, type RealApp } from "../support/real-app.js";

type Fields = Pick<Citation, "paper" | "date" | "dateInferred" | "issue" | "page" | "title">;
const known: Fields = { paper: "昌吉日报", date: "2025-12-23", dateInferred: false, issue: 12403, page: 1, title: "昌吉州“三色清单”为企业减负" };

describe("formatDate: never more precise than known", () => {
  it.each([
    ["2025-12-23", false, "2025年12月23日"],
    ["2025-05-09", false, "2025年5月9日"],
    ["2025-07", true, "2025年7月（推定）"],
    ["2025-05-29", true, "2025年5月29日（推定）"],
    ["2021-12", false, "2021年12月"],
    ["2025", true, "2025年（推定）"],
    [null, false, "日期不详"],
    [null, true, "日期不详"],
  ] as const)("%s inferred=%s → %s", (date, inferred, text) => {
    expect(formatDate(date, inferred)).toBe(text);
  });
});

describe("formatCitation", () => {
  it.each<[string, Partial<Fields>, string]>([
    ["date, issue, page and headline known", {}, "《昌吉日报》2025年12月23日 第12403期 第1版《昌吉州“三色清单”为企业减负》"],
    [
      "month inferred, issue and page unknown",
      { date: "2025-07", dateInferred: true, issue: null, page: null, title: "吉木萨尔县全面整治城市裸露地块" },
      "《昌吉日报》2025年7月（推定）《吉木萨尔县全面整治城市裸露地块》",
    ],
    [
      "day inferred, page known, issue unknown",
      { date: "2025-08-07", dateInferred: true, issue: null, page: 2 },
      "《昌吉日报》2025年8月7日（推定） 第2版《昌吉州“三色清单”为企业减负》",
    ],
    ["issue known, page unknown", { page: null }, "《昌吉日报》2025年12月23日 第12403期《昌吉州“三色清单”为企业减负》"],
    ["no date at all", { date: null, dateInferred: false, issue: null, page: null }, "《昌吉日报》日期不详《昌吉州“三色清单”为企业减负》"],
    ["no headline", { title: null }, "《昌吉日报》2025年12月23日 第12403期 第1版（无标题）"],
    ["no paper", { paper: null, issue: null, page: null }, "《报名不详》2025年12月23日《昌吉州“三色清单”为企业减负》"],
  ])("%s", (_name, change, text) => {
    expect(formatCitation({ ...known, ...change })).toBe(text);
  });

  it("never prints null, undefined or an empty 第期/第版", () => {
    const text = formatCitation({ paper: "昌吉日报", date: null, dateInferred: true, issue: null, page: null, title: null });
    expect(text).toBe("《昌吉日报》日期不详（无标题）");
    expect(text).not.toMatch(/null|undefined|NaN|第期|第版/);
  });
});

describe("citations of real answers", () => {
  let app: RealApp;
  beforeAll(async () => {
    app = await realApp();
  });
  afterAll(() => app.cleanup());

  it.each([
    ["昌吉州“红码事项”共计多少项？", "《昌吉日报》2025年12月23日 第12403期 第1版《昌吉州“三色清单”为企业减负》"],
    ["吉木萨尔县裸地治理面积是多少亩？", "《昌吉日报》2025年7月（推定）《吉木萨尔县全面整治城市裸露地块》"],
    ["呼图壁县农网改造工程涵盖多少个项目单元？", "《昌吉日报》2025年8月7日（推定） 第2版《呼图壁县 农村电网升级改造提速》"],
    ["上级机关能不能从县及以下单位借调干部？", "《昌吉日报》2025年8月7日（推定） 第2版（无标题）"],
  ])("%s is cited as %s", async (question, line) => {
    const figure = /多少/u.test(question);
    const r = await app.answerer.answer(question);
    expect(r.answered).toBe(true);
    expect(formatCitation(r.citations[0]!)).toBe(line);
    expect(renderAnswer(r)).toContain(`[1] ${line}`);
    // The exact answer comes first for a figure question (bold on a terminal); a rule question has none.
    expect(r.short !== null).toBe(figure);
    if (figure) {
      expect(renderAnswer(r).startsWith(`答案：${r.short}\n${r.answer}`)).toBe(true);
      expect(renderAnswer(r, { bold: true }).startsWith(`答案：\x1b[1m${r.short}\x1b[0m\n`)).toBe(true);
    }
    const sources = renderSources(r);
    expect(sources).toContain(line);
    expect(sources).toContain(`“${r.citations[0]!.quote}”`);
    expect(sources).toContain(r.citations[0]!.source);
  });

  it("a refusal renders without a sources block", async () => {
    const r = await app.answerer.answer("帮我写一首诗");
    expect(renderAnswer(r)).toBe(r.answer);
    expect(renderSources(r)).toBe("上一个回答没有引用来源。");
    expect(renderSources(undefined)).toBe("上一个回答没有引用来源。");
  });
});
