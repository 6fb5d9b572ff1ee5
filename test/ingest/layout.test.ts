import { describe, expect, it } from "vitest";
import { bodySize, closeCjkSpaces, layoutText, type TextBox } from "../../src/ingest/layout.js";
import { manyRunsPage } from "../support/many-runs.js";

/** How wide a run is set: Chinese characters one em, figures and Latin letters about half. */
const widthOf = (text: string, size: number) => [...text].reduce((w, ch) => w + (/[\x20-\x7e]/.test(ch) ? 0.55 : 1), 0) * size;

/** A column of body rows (10 pt, 14 pt apart) starting at (x, y), one run per row. */
function column(x: number, y: number, rows: string[], size = 10): TextBox[] {
  return rows.map((text, i) => ({ text, x, y: y + i * size * 1.4, width: widthOf(text, size), size }));
}

// Cut from 004: the 12345 hotline story, set in two columns of 10 characters.
const LEFT = ["本报讯 记者左晓雨报道", "：12月25日，昌吉州123", "45政务服务便民热线受理", "中心，话务员们正在接听群", "众来电。"];
const RIGHT = ["自10月10日归并整合以", "来，热线共接到有效诉求", "20372件，按时办结率达", "到99%。"];

describe("layoutText: reading order from positions and sizes", () => {
  it("reads a headline over two columns first, then the columns left to right, one paragraph", () => {
    const boxes = [
      ...column(150, 100, RIGHT), // written first: order in the file must not matter
      { text: "我州扎实推进政务服务标准化数字化建设", x: 10, y: 50, width: 240, size: 20 },
      ...column(10, 100, LEFT),
    ];
    expect(layoutText(boxes)).toBe(
      "## 我州扎实推进政务服务标准化数字化建设\n\n本报讯 记者左晓雨报道：12月25日，昌吉州12345政务服务便民热线受理中心，话务员们正在接听群众来电。\n\n自10月10日归并整合以来，热线共接到有效诉求20372件，按时办结率达到99%。\n",
    );
  });

  it("ranks headings by size: the largest type 1, headlines 2, kickers 3", () => {
    const boxes = [
      { text: "昌吉日报", x: 10, y: 0, width: 120, size: 30 },
      { text: "高质量发展看昌吉", x: 10, y: 50, width: 96, size: 12 },
      { text: "项目为笔绘宏图", x: 10, y: 70, width: 112, size: 16 },
      ...column(10, 100, LEFT),
    ];
    const headings = layoutText(boxes)
      .split("\n")
      .filter((l) => l.startsWith("#"));
    expect(headings).toEqual(["# 昌吉日报", "### 高质量发展看昌吉", "## 项目为笔绘宏图"]);
  });

  it("cuts columns even when one run reaches over the gutter", () => {
    const wide = { text: "□本报通讯员 余再兴 李凤娟 马玲", x: 10, y: 86, width: 155, size: 10 };
    const text = layoutText([wide, ...column(10, 100, LEFT), ...column(150, 86 + 14, RIGHT)]);
    expect(text).toContain("众来电。\n\n自10月10日");
    expect(text.indexOf("马玲")).toBeLessThan(text.indexOf("本报讯"));
  });

  it("keeps running text in one column when the rows of two columns share a white line", () => {
    // Both columns leave the same blank row: a paragraph break, not a band of the page.
    const left = [...column(10, 100, LEFT.slice(0, 2)), ...column(10, 100 + 3 * 14, LEFT.slice(2))];
    const right = [...column(150, 100, RIGHT.slice(0, 2)), ...column(150, 100 + 3 * 14, RIGHT.slice(2))];
    const text = layoutText([...left, ...right]);
    expect(text.indexOf("众来电")).toBeLessThan(text.indexOf("自10月10日"));
  });

  it("closes the spaces OCR puts between Chinese characters, and only for OCR", () => {
    const boxes = column(10, 100, ["昌 吉 州 12345 热 线"]);
    expect(layoutText(boxes, { ocr: true }).trim()).toBe("昌吉州12345热线");
    expect(closeCjkSpaces("共 接 到 有 效 诉 求 20372 件")).toBe("共接到有效诉求20372件");
  });

  it("takes the body size from most characters, not most runs", () => {
    expect(
      bodySize([
        { text: "标题", x: 0, y: 0, width: 40, size: 20 },
        { text: "标题", x: 0, y: 30, width: 40, size: 20 },
        { text: "正文正文正文正文正文", x: 0, y: 60, width: 100, size: 10 },
      ]),
    ).toBe(10);
  });

  it("gives nothing for a page with no text", () => {
    expect(layoutText([{ text: "  ", x: 0, y: 0, width: 10, size: 10 }])).toBe("");
  });
});

describe("layoutText: pages with very many runs", () => {
  it("lays out 150 000 runs (a character a run) without running out of stack", () => {
    const { boxes, columns } = manyRunsPage(150_000, 6);
    expect(boxes.length).toBe(150_000);
    expect(layoutText(boxes).replace(/\s+/g, "")).toBe(columns.join(""));
  });

  // Rows were found by comparing each run with every row so far: 40 000 runs took seconds.
  it.each([1, 4])("reads 40 000 runs set in %i column(s) in order, each row once", (n) => {
    const { boxes, columns } = manyRunsPage(40_000, n);
    const text = layoutText(boxes);
    expect(text.replace(/\s+/g, "")).toBe(columns.join(""));
    expect(text).toContain("第0条诉求已经办结，话务员详细记录并解答群众反映的问题。第1条诉求");
  });
});
