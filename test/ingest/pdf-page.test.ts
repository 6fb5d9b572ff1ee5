import { readFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadCorpus, type LoadedCorpus } from "../../src/ingest/load-corpus.js";
import { isMasthead } from "../../src/ingest/masthead.js";
import { parsePage } from "../../src/ingest/parse-page.js";
import { defaultTokenizer } from "../../src/text/tokenize.js";
import { emptyArchive, place, type SeedDate, seedPdf, seedReportlabPdf, seedSidecar, seedStem } from "../support/fixtures.js";
import { hasCjkFont, type Layout, reportlabPython } from "../support/paper-pdf.js";
import { CORPUS_PAPER_DIR, PAGE_FILES } from "./helpers.js";

const squeeze = (s: string) => s.replace(/\s+/g, "");
const SEEDS = Object.keys(PAGE_FILES) as SeedDate[];
const LAYOUTS: Layout[] = ["broadsheet", "flow"];

/** The seed page as the .txt path reads it: what the PDF must give back. */
function fromTxt(date: SeedDate) {
  return parsePage(readFileSync(join(CORPUS_PAPER_DIR, PAGE_FILES[date]), "utf8"), PAGE_FILES[date], defaultTokenizer([]));
}

let archive: Awaited<ReturnType<typeof emptyArchive>>;
let corpus: LoadedCorpus;
const name = (date: SeedDate, layout: Layout) => `${seedStem(date)}_${layout}.pdf`;
const articlesOf = (date: SeedDate, layout: Layout) => corpus.articles.filter((a) => a.source.endsWith(`/${name(date, layout)}`));

describe.skipIf(!hasCjkFont())("PDF pages with a text layer", () => {
  beforeAll(async () => {
    archive = await emptyArchive("baoku-pdf-");
    for (const date of SEEDS) {
      for (const layout of LAYOUTS) {
        // The front page states nothing beside it: its masthead must give date and issue.
        const sidecar = date === "2025-12-23" ? undefined : await seedSidecar(date);
        await place(await seedPdf(date, layout), archive.paperDir, name(date, layout), sidecar);
      }
    }
    await place(await seedPdf("2025-12-23", "flow"), archive.paperDir, "头版.pdf");
    // The file name says one thing, the sidecar another: the sidecar wins, field by field.
    await place(await seedPdf("2025-07", "flow"), archive.paperDir, "2025-09-01_05版_总12999期.pdf", "date: 2025-07\ndateInferred: true\nissue: unknown\n");
    corpus = await loadCorpus(join(archive.root, "corpus"));
  }, 300_000);
  afterAll(() => archive?.remove());

  it("reads every PDF, nothing skipped, every page marked as read from the text layer", () => {
    expect(corpus.skipped).toEqual([]);
    expect(new Set(corpus.pages.map((p) => p.source.split("/").pop())).size).toBe(SEEDS.length * LAYOUTS.length + 2);
    for (const p of corpus.pages) expect(p.via).toBe("pdf");
    for (const a of corpus.articles) expect(a.textFrom).toBe("pdf");
  });

  describe.each(LAYOUTS)("%s layout", (layout) => {
    it.each(SEEDS)("%s: every headline of the .txt page is found, as one headline", (date) => {
      const titles = new Set(articlesOf(date, layout).map((a) => squeeze(a.title ?? "")));
      const wanted = fromTxt(date)
        .articles.filter((a) => a.title)
        .map((a) => squeeze(a.title!));
      expect(wanted.filter((t) => !titles.has(t))).toEqual([]);
    });

    it.each(SEEDS)("%s: the running text comes back in reading order (≥ 95%% of its sentences verbatim)", (date) => {
      // White space aside: body text loses the spaces between Chinese words that captions keep.
      // The masthead is left out on both sides: its sentences are built from its items, not running text.
      const text = squeeze(
        articlesOf(date, layout)
          .filter((a) => !isMasthead(a))
          .map((a) => [a.body, ...a.captions].join("\n"))
          .join("\n"),
      );
      const sentences = fromTxt(date)
        .articles.filter((a) => !isMasthead(a))
        .flatMap((a) => a.body.split(/(?<=。)/u))
        .map(squeeze)
        .filter((s) => s.length > 8);
      const found = sentences.filter((s) => text.includes(s));
      expect(found.length / sentences.length).toBeGreaterThanOrEqual(0.95);
    });
  });

  it("a figure cut by a line end is joined without a space (12345热线, 16.32亿元)", () => {
    const body = articlesOf("2021-12", "broadsheet")
      .map((a) => a.body)
      .join("\n");
    expect(body).toContain("12345政务服务便民热线");
    expect(body).not.toMatch(/\d \d/);
  });

  it("takes date, issue and page from the front page's masthead when nothing else says", () => {
    const front = corpus.pages.find((p) => p.source.endsWith("/头版.pdf"));
    expect(front?.meta).toEqual({ paper: "昌吉日报", date: "2025-12-23", dateInferred: false, issue: 12403, page: 1 });
    const article = corpus.articles.find((a) => a.source.endsWith("/头版.pdf") && a.title?.includes("三色清单"));
    expect(article?.body).toContain("“红码事项”共计47项");
  });

  it("takes what the sidecar states over the file name, and the file name for the rest", () => {
    const pages = corpus.pages.filter((p) => p.source.endsWith("/2025-09-01_05版_总12999期.pdf"));
    expect(pages[0]?.meta).toEqual({ paper: "昌吉日报", date: "2025-07", dateInferred: true, issue: null, page: 5 });
    expect(corpus.problems).toEqual([]);
  });

  it("reads every page of a file: the second page of an issue PDF is the next 版", () => {
    const pages = corpus.pages.filter((p) => p.source.endsWith(`/${name("2025-08-07", "broadsheet")}`));
    expect(pages.map((p) => [p.filePage, p.meta.page])).toEqual([
      [1, 2],
      [2, 3],
    ]);
  });
});

const python = await reportlabPython();

describe.skipIf(!python)("PDF pages from another writer: ReportLab, four frames, a non-embedded CID font", () => {
  let rl: LoadedCorpus;
  let dir: Awaited<ReturnType<typeof emptyArchive>>;
  const pages: SeedDate[] = ["2025-05-29", "2025-07"];
  beforeAll(async () => {
    dir = await emptyArchive("baoku-reportlab-");
    for (const date of pages) await place(await seedReportlabPdf(date, python!), dir.paperDir, `${seedStem(date)}.pdf`, await seedSidecar(date));
    rl = await loadCorpus(join(dir.root, "corpus"));
  }, 300_000);
  afterAll(() => dir?.remove());

  it.each(pages)("%s: every headline found, and ≥ 95%% of the sentences verbatim", (date) => {
    const mine = rl.articles.filter((a) => a.source.endsWith(`/${seedStem(date)}.pdf`));
    const titles = new Set(mine.map((a) => squeeze(a.title ?? "")));
    const txt = fromTxt(date);
    expect(
      txt.articles
        .filter((a) => a.title)
        .map((a) => squeeze(a.title!))
        .filter((t) => !titles.has(t)),
    ).toEqual([]);
    const text = squeeze(mine.map((a) => a.body).join("\n"));
    const sentences = txt.articles
      .flatMap((a) => a.body.split(/(?<=。)/u))
      .map(squeeze)
      .filter((s) => s.length > 8);
    expect(sentences.filter((s) => text.includes(s)).length / sentences.length).toBeGreaterThanOrEqual(0.95);
  });

  it.each(pages)("%s: a story running over the page break stays one story (no more untitled articles than the .txt)", (date) => {
    const mine = rl.articles.filter((a) => a.source.endsWith(`/${seedStem(date)}.pdf`));
    expect(rl.pages.filter((p) => p.source.endsWith(`/${seedStem(date)}.pdf`)).length).toBeGreaterThan(1);
    expect(mine.filter((a) => a.title === null).length).toBeLessThanOrEqual(fromTxt(date).articles.filter((a) => a.title === null).length);
  });
});
