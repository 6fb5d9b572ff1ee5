/**
 * A question asking who is answered only by a sentence that names someone the question does not:
 * a sentence about the museum is no answer to who heads it.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { realApp, type RealApp } from "../support/real-app.js";

// Invented pages: the museum's news names nobody; the library's names its curator.
const MUSEUM = `---
paper: 昌吉日报
date: 2026-04-02
page: 4
---

呼图壁县博物馆完成数字化改造

近日，呼图壁县博物馆完成数字化改造，馆内新建3个数字展厅，全年预计接待游客5万人次。呼图壁县博物馆还依托数字展厅开设了研学课程，已有12所学校的学生参加。
`;

const LIBRARY = `---
paper: 昌吉日报
date: 2026-04-09
page: 4
---

玛纳斯县图书馆新增自助借阅设备

玛纳斯县图书馆馆长孙淑琴介绍，图书馆新增自助借阅设备20台，读者办证后即可自助借还图书。
`;

let app: RealApp;
beforeAll(async () => {
  app = await realApp({}, {}, { "昌吉日报/2026-04-02_04版.txt": MUSEUM, "昌吉日报/2026-04-09_04版.txt": LIBRARY });
}, 120_000);
afterAll(() => app?.cleanup());

describe("a question asking who", () => {
  it("is refused where the sentences about its subject name nobody", async () => {
    const r = await app.answerer.answer("呼图壁县博物馆的馆长是谁？");
    expect(r.answered, r.answer).toBe(false);
  });

  it("is answered with the person where a sentence names one", async () => {
    const r = await app.answerer.answer("玛纳斯县图书馆的馆长是谁？");
    expect(r.answered, r.answer).toBe(true);
    expect(r.short).toBe("孙淑琴");
  });
});
