/**
 * A question that states a whole (860家企业里) and asks how many of a part: the part's own
 * figure answers it, beside the thing counted. A sentence that names the part only where it
 * counts the whole's other parts (其中餐饮企业210家…涵盖快递) does not.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { fallbackChecks } from "../../src/answer/answerer.js";
import { createLearnedAnswerer } from "../../src/answer/learned-answerer.js";
import { analyzeQuestion } from "../../src/answer/question.js";
import { realApp, type RealApp } from "../support/real-app.js";

// An invented page: the count of restaurants is printed; the count of couriers is not.
const PAGE = `---
paper: 昌吉日报
date: 2026-01-12
page: 4
---

全县经营主体持续增长

今年以来，呼图壁县新增企业860家，其中餐饮企业210家，规上企业35家，业务范围涵盖零售、住宿、快递等行业。
`;

let app: RealApp;
beforeAll(async () => {
  app = await realApp({}, {}, { "昌吉日报/2026-01-12_04版.txt": PAGE });
}, 120_000);
afterAll(() => app?.cleanup());

describe("a part of a stated whole", () => {
  it("is read as the thing counted, from the clause before 的 when nothing after it names one", () => {
    const a = analyzeQuestion("呼图壁县今年新增的860家企业里，做快递的具体有多少家？", app.archive.tokenizer);
    expect(a).toMatchObject({ kind: "quantity", unit: "家", focus: "快递", asksPart: true });
    expect(a.givenNumbers).toContain("860家");
  });

  it("is asked only within a stated whole: a figure stated otherwise, or a duration's 3个, asks no part", () => {
    const part = (q: string) => analyzeQuestion(q, app.archive.tokenizer).asksPart;
    expect(part("860家企业中，规上的有多少家？")).toBe(true);
    expect(part("去年新增30家企业，今年新增了多少家？")).toBe(false);
    expect(part("3个月内新增了多少个项目？")).toBe(false);
    expect(analyzeQuestion("3个月内新增了多少个项目？", app.archive.tokenizer).givenNumbers).toEqual(["3"]);
  });

  it("is refused when the page counts only the whole's other parts", async () => {
    const r = await app.answerer.answer("呼图壁县今年新增的860家企业里，做快递的具体有多少家？");
    expect(r.answered, r.answer).toBe(false);
    expect(r.answer).not.toContain("210家");
  });

  it("and the learned fallback gets no candidate that counts another part", async () => {
    const fallback = createLearnedAnswerer({
      retriever: app.retriever,
      archive: app.archive,
      wholeArchive: true,
      accepts: fallbackChecks(app.archive),
    });
    const { candidates } = await fallback.candidates("呼图壁县今年新增的860家企业里，做快递的具体有多少家？");
    expect(candidates.filter((c) => c.sentence.includes("其中餐饮企业210家"))).toEqual([]);
    const alone = createLearnedAnswerer({ retriever: app.retriever, archive: app.archive, wholeArchive: true });
    expect(
      (await alone.candidates("呼图壁县今年新增的860家企业里，做快递的具体有多少家？")).candidates.some((c) => c.sentence.includes("其中餐饮企业210家")),
    ).toBe(true);
  });

  it("is answered with the part's own figure", async () => {
    const r = await app.answerer.answer("呼图壁县今年新增的860家企业里，餐饮企业有多少家？");
    expect(r.answered, r.answer).toBe(true);
    expect(r.short).toBe("210家");
    expect(r.citations[0]!.date).toBe("2026-01-12");
  });

  it("is answered with the part's figure when the whole's noun stands between (其中规上企业35家)", async () => {
    const r = await app.answerer.answer("呼图壁县今年新增的860家企业中，规上的有多少家？");
    expect(r.answered, r.answer).toBe(true);
    expect(r.short).toBe("35家");
  });
});
