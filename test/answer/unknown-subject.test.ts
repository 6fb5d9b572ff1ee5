/**
 * A question that opens with a word jieba does not know (most often a name: 艾力江, 热依拉) is
 * about that word: a report that never prints it does not answer, however well the rest fits.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { analyzeQuestion } from "../../src/answer/question.js";
import { realApp, type RealApp } from "../support/real-app.js";

// An invented page about one person; the other person asked about is in no report.
const PAGE = `---
paper: 昌吉日报
date: 2026-01-08
page: 6
---

青年教师艾力江扎根乡村课堂

艾力江中学就读于昌吉市第一中学，2010年考入新疆师范大学数学系。毕业后，他回到家乡的乡村学校任教，至今已有十一年。
`;

let app: RealApp;
beforeAll(async () => {
  app = await realApp({}, {}, { "昌吉日报/2026-01-08_06版.txt": PAGE });
}, 120_000);
afterAll(() => app?.cleanup());

describe("a question about an unknown word that opens it", () => {
  it("reads the opening unknown word as the subject, and no known or asking word", () => {
    const subject = (q: string) => analyzeQuestion(q, app.archive.tokenizer).subject;
    expect(subject("热依拉中学就读于哪里？")).toBe("热依拉");
    expect(subject("艾力江的本名是什么？")).toBe("艾力江");
    expect(subject("昌吉州今年新建了多少所学校？")).toBeNull();
    expect(subject("哪件事使他出名？")).toBeNull();
  });

  it("is answered from the report that prints the name", async () => {
    const r = await app.answerer.answer("艾力江中学就读于哪里？");
    expect(r.answered).toBe(true);
    expect(r.answer).toContain("昌吉市第一中学");
    expect(r.citations[0]!.date).toBe("2026-01-08");
  });

  it("is refused when no report prints the name", async () => {
    const r = await app.answerer.answer("热依拉中学就读于哪里？");
    expect(r.answered).toBe(false);
    expect(r.answer).not.toContain("昌吉市第一中学");
  });
});
