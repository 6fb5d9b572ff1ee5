/**
 * npm run corpus            — each page and its articles, for a person
 * npm run corpus -- --json  — the parsed articles as a JSON array (docs/DESIGN.md)
 */
import { configFromEnvironment, runMain } from "../src/cli/entry.js";
import { ocrCacheDir } from "../src/index/files.js";
import { loadCorpus, type CorpusPage } from "../src/ingest/load-corpus.js";
import { isMasthead } from "../src/ingest/masthead.js";
import type { Article, ArticleRecord, PageMeta } from "../src/ingest/types.js";

function record(a: Article): ArticleRecord {
  const { source, paper, date, dateInferred, issue, page, title, byline, body, captions } = a;
  return { source, paper, date, dateInferred, issue, page, title, byline, body, captions };
}

function describeMeta(m: PageMeta): string {
  const date = m.date ? `${m.date}${m.dateInferred ? "（推定）" : ""}` : "日期不详";
  return [m.paper ?? "报名不详", date, m.issue ? `第${m.issue}期` : null, m.page ? `第${m.page}版` : null].filter(Boolean).join(" ");
}

/** How a PDF or image page was read: " · PDF 文字层 第2页", " · OCR 识别文本". */
function readVia(page: CorpusPage): string {
  if (!page.via) return "";
  const where = page.filePage && page.filePage > 1 ? ` 第${page.filePage}页` : page.filePage === 1 && page.source.endsWith(".pdf") ? " 第1页" : "";
  return ` · ${page.via === "ocr" ? "OCR 识别文本" : "PDF 文字层"}${where}`;
}

runMain(async () => {
  const json = process.argv.includes("--json");
  const config = configFromEnvironment();
  const corpus = await loadCorpus(config.CORPUS_DIR, undefined, { ocrCacheDir: ocrCacheDir(config.INDEX_DIR) });
  if (json) {
    // The stories printed, as the contract has always listed them: the masthead is indexed, not listed.
    process.stdout.write(`${JSON.stringify(corpus.articles.filter((a) => !isMasthead(a)).map(record), null, 2)}\n`);
  } else {
    const out: string[] = [];
    for (const [k, page] of corpus.pages.entries()) {
      out.push(`\n${page.source}${readVia(page)}\n  ${describeMeta(page.meta)} · ${page.articles} 篇`);
      const first = corpus.articles.findIndex((x) => x.source === page.source);
      const before = corpus.pages
        .slice(0, k)
        .filter((p) => p.source === page.source)
        .reduce((n, p) => n + p.articles, 0);
      for (const a of corpus.articles.slice(first + before, first + before + page.articles)) {
        const cont = [a.continuedFrom ? `上接${a.continuedFrom}版` : "", a.continuedTo ? `下转${a.continuedTo}版` : ""].filter(Boolean).join("，");
        out.push(`  · ${a.title ? `《${a.title}》` : "（无标题）"}${a.byline ? ` ${a.byline}` : ""}${cont ? `（${cont}）` : ""}`);
        out.push(`      ${a.body.slice(0, 40).replace(/\n/g, " ")}…（${a.body.length}字${a.captions.length ? `，图片说明${a.captions.length}条` : ""}）`);
      }
    }
    const undated = corpus.pages.filter((p) => !p.meta.date);
    const mastheads = corpus.articles.filter(isMasthead).length;
    out.push(`\n共 ${corpus.pages.length} 个版面，${corpus.articles.length - mastheads} 篇文章${mastheads ? `（另有报头 ${mastheads} 个，也已索引）` : ""}。`);
    if (undated.length) out.push(`日期不详的版面：${undated.map((p) => p.source).join("、")}`);
    for (const s of corpus.skipped) out.push(`已跳过：${s.reason}`);
    for (const p of corpus.problems) out.push(`元数据问题：${p.source}：${p.problem}`);
    process.stdout.write(`${out.join("\n")}\n`);
  }
  if (json && corpus.skipped.length) for (const s of corpus.skipped) process.stderr.write(`已跳过：${s.reason}\n`);
});
