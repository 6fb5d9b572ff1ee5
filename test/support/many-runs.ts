import type { TextBox } from "../../src/ingest/layout.js";

/** A sentence of the seed page 2021-12_12345热线.txt, numbered so each copy can be found. */
const SENTENCE = (n: number) => `第${n}条诉求已经办结，话务员详细记录并解答群众反映的问题。`;

/**
 * A page of `columns` columns of body text set a character per run, as some writers do, until
 * `runs` runs are drawn; returns the runs and the text each column holds, in reading order.
 */
export function manyRunsPage(runs: number, columns: number): { boxes: TextBox[]; columns: string[] } {
  const size = 9;
  const perRow = 20;
  const width = columns * (perRow * size + 12);
  const texts: string[] = Array.from({ length: columns }, () => "");
  const rowsPerColumn = Math.ceil(runs / perRow / columns);
  let n = 0;
  const column: string[] = [];
  while (column.join("").length < rowsPerColumn * perRow * columns) column.push(SENTENCE(n++));
  const chars = [...column.join("")];
  const boxes: TextBox[] = [];
  for (let c = 0; c < columns && boxes.length < runs; c++) {
    for (let r = 0; r < rowsPerColumn && boxes.length < runs; r++) {
      for (let k = 0; k < perRow && boxes.length < runs; k++) {
        const ch = chars[(c * rowsPerColumn + r) * perRow + k]!;
        texts[c] += ch;
        boxes.push({ text: ch, x: 36 + c * (perRow * size + 12) + k * size, y: 36 + r * 13, width: size, size });
      }
    }
  }
  void width;
  return { boxes, columns: texts };
}
