import cliProgress from "cli-progress";
import type { IndexEvent } from "../index/open-index.js";
import type { Manifest } from "../index/manifest.js";
import type { UpdateResult } from "../index/update-index.js";

const STAGES: Record<string, string> = { pages: "读取版面", chunk: "切分段落", embed: "计算向量", write: "写入索引" };

/**
 * Shows index building to a person on stderr: a progress bar on a terminal, plain lines
 * otherwise (CI, pipes). Returns the event handler for `openIndex`.
 */
export function indexProgress(stream: NodeJS.WriteStream = process.stderr): (event: IndexEvent) => void {
  let bar: cliProgress.SingleBar | null = null;
  let stage = "";
  const stop = () => {
    bar?.stop();
    bar = null;
  };
  return (event) => {
    if (event.type === "rebuild") stream.write(`正在建立索引：${event.reason}\n`);
    else if (event.type === "update") stream.write(`正在更新索引：新增 ${event.added} 页，替换 ${event.replaced} 页，删除 ${event.removed} 页\n`);
    else if (event.type === "updated") {
      stop();
      stream.write(`${updateLine(event.result)}\n${summary(event.result.manifest)}\n`);
    } else if (event.type === "warning") stream.write(`注意：${event.message}\n`);
    else if (event.type === "built") {
      stop();
      stream.write(`${summary(event.manifest)}\n`);
    } else if (event.type === "pages" || event.type === "progress") {
      const name = event.type === "pages" ? "pages" : event.stage;
      // A PDF or scan takes long enough (OCR: about a minute) to say what was read, page by page.
      const note = event.type === "pages" && event.note ? `读取版面 ${event.done}/${event.total}：${event.source}（${event.note}）` : null;
      if (!stream.isTTY) {
        if (note) stream.write(`${note}\n`);
        return;
      }
      if (note) {
        stop();
        stage = "";
        stream.write(`${note}\n`);
      }
      if (name !== stage) {
        stop();
        stage = name;
        bar = new cliProgress.SingleBar(
          { format: `${STAGES[name] ?? name} [{bar}] {value}/{total}`, stream, hideCursor: true, clearOnComplete: false },
          cliProgress.Presets.shades_classic,
        );
        bar.start(event.total, 0);
      }
      bar?.update(event.done);
      if (event.done >= event.total) stop();
    }
  };
}

/** One line for an update: what changed, what it cost. */
export function updateLine(u: UpdateResult): string {
  const merged = u.merged ? `，合并了 ${u.merged} 个分段` : "";
  return `更新索引：新增 ${u.added} 页，替换 ${u.replaced} 页，删除 ${u.removed} 页，写入 ${u.addedChunks} 个段落${merged}，用时 ${u.seconds.toFixed(1)} 秒`;
}

/** The end-of-build summary: counts, coverage, skipped files with reasons, pages without a date. */
export function summary(m: Manifest): string {
  const lines = [
    `索引完成：${m.counts.pages} 个版面，${m.counts.articles} 篇文章，${m.counts.chunks} 个段落（${m.embeddings.kind} 向量 ${m.embeddings.dimensions} 维，用时 ${m.buildSeconds.toFixed(1)} 秒）`,
    `覆盖：${m.coverage.papers.join("、") || "报名不详"} ${m.coverage.from ?? "?"} 至 ${m.coverage.to ?? "?"}`,
  ];
  for (const s of m.skipped) lines.push(`已跳过：${s.reason}`);
  if (m.undated.length) lines.push(`没有日期的版面（引用时显示“日期不详”）：${m.undated.join("、")}`);
  return lines.join("\n");
}
