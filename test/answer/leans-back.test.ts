/**
 * An answer sentence that carries on from the one before ("因此，…", "但…") does not stand alone:
 * it is quoted with that sentence, in the answer and in its citation.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { splitSentences } from "../../src/chunk/sentences.js";
import { leadOf } from "../../src/answer/compose.js";
import { realApp, type RealApp } from "../support/real-app.js";

// An invented page: the reason is printed in one sentence, "因此" opens the next.
const CAUSE = "青禾镇地处河谷，日照时间长，土壤肥沃，两条河流带来充足的水源。";
const EFFECT = "因此，青禾镇的杏园面积逐年扩大。";
// Sentences short enough to be carried into the next chunk, and too long to be.
const FILLER = Array.from({ length: 14 }, (_, i) =>
  i % 3
    ? `青禾镇第${i + 1}个合作社今年吸收农户${20 + i}户。`
    : `青禾镇第${i + 1}个合作社今年吸收周边村的农户${20 + i}户，统一收购、分拣、冷藏和装箱后运往乌鲁木齐。`,
);
const BODY = [FILLER.slice(0, 7).join(""), `${CAUSE}${EFFECT}镇里每年七月举办杏花文化节。`, FILLER.slice(7).join("")].join("\n\n");
const PAGE = `---
paper: 昌吉日报
date: 2026-01-07
page: 4
---

青禾镇杏园面积逐年扩大

${BODY}
`;

let app: RealApp;
beforeAll(async () => {
  app = await realApp({}, {}, { "昌吉日报/2026-01-07_04版.txt": PAGE });
}, 120_000);
afterAll(() => app?.cleanup());

describe("a sentence that leans on the one before", () => {
  it("is answered with the sentence it carries on from, and cites both", async () => {
    const r = await app.answerer.answer("为什么青禾镇的杏园面积逐年扩大？");
    expect(r.answered).toBe(true);
    expect(r.answer).toContain(`${CAUSE}${EFFECT.slice(0, -1)}`);
    expect(r.citations[0]!.quote).toBe(`${CAUSE}${EFFECT}`);
    expect(r.citations[0]!.date).toBe("2026-01-07");
  });

  it("takes the sentence before from the chunk before when the sentence opens its chunk", () => {
    const chunks = app.index.segments.flatMap((s) => s.chunks).filter((c) => c.articleId.includes("2026-01-07"));
    const printed = BODY.split("\n\n").flatMap((p) => splitSentences(p));
    const texts = (c: (typeof chunks)[number]) => app.archive.sentencesOf(c).map((s) => s.text);
    const later = chunks.filter((c) => c.position > 0);
    // Some chunks open with a sentence carried over from the chunk before, some with one of their own.
    const carried = later.map((c) => texts(chunks.find((p) => p.position === c.position - 1)!).includes(texts(c)[0]!));
    expect(new Set(carried)).toEqual(new Set([true, false]));
    for (const chunk of later) {
      // Every sentence of the chunk has the sentence printed before it, the first one included.
      for (const s of texts(chunk)) expect(app.archive.sentenceBefore(chunk, s)).toBe(printed[printed.indexOf(s) - 1]);
      expect(app.archive.sentenceBefore(chunk, "报上没有的一句。")).toBeNull();
    }
  });

  it("leaves a sentence that stands alone as it is", () => {
    const archive = { sentenceBefore: () => "前一句。" };
    const chunk = { id: "a#0", articleId: "a", text: "", header: "", position: 0, kind: "body" as const };
    expect(leadOf("青禾镇的杏园面积逐年扩大。", chunk, archive)).toBe("");
    expect(leadOf("因此，青禾镇的杏园面积逐年扩大。", chunk, archive)).toBe("前一句。");
    expect(leadOf("但为时已晚。", chunk, archive)).toBe("前一句。");
    // Words that only begin with a leaning word stand alone.
    for (const s of ["但凡有需要的群众都可申请。", "但丁是意大利诗人。", "不过分追求速度。"]) expect(leadOf(s, chunk, archive)).toBe("");
    expect(leadOf("因此，杏园扩大。", chunk, { sentenceBefore: () => `${"很长".repeat(100)}。` })).toBe("");
  });

  it("answers a why with the sentence before when the answer sentence states no cause", () => {
    const archive = { sentenceBefore: () => "前一句。" };
    const chunk = { id: "a#0", articleId: "a", text: "", header: "", position: 0, kind: "body" as const };
    expect(leadOf("此战奠定了他在土佐的霸权。", chunk, archive, "为什么此战奠定了他在土佐的霸权？")).toBe("前一句。");
    expect(leadOf("在此背景下，经纪商决定协商制定条例。", chunk, archive, "经纪商协商制定条例的背景是什么？")).toBe("前一句。");
    // A sentence that gives its cause stands alone; so does any sentence for a question not asking why.
    expect(leadOf("由于日照时间长，杏园面积逐年扩大。", chunk, archive, "为什么杏园面积逐年扩大？")).toBe("");
    expect(leadOf("此战奠定了他在土佐的霸权。", chunk, archive, "此战奠定了什么？")).toBe("");
    // 原因 or 背景 in a question that asks something else; a sentence giving its cause with 因.
    expect(leadOf("调查组组长是张明。", chunk, archive, "事故原因调查组组长是谁？")).toBe("");
    expect(leadOf("他因病辞职。", chunk, archive, "他为什么辞职？")).toBe("");
  });

  it("quotes the cause printed before an answer to a why, in the answer and the citation", async () => {
    const r = await app.answerer.answer("青禾镇为什么每年七月举办杏花文化节？");
    expect(r.answered).toBe(true);
    expect(r.citations[0]!.quote).toBe(`${EFFECT}镇里每年七月举办杏花文化节。`);
    expect(r.answer).toContain(EFFECT.slice(0, -1));
  });
});
