import { appendFile, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { fingerprint } from "../../src/index/manifest.js";
import { scanCorpus } from "../../src/ingest/load-corpus.js";
import { emptyArchive, place, seedPdf, seedSidecar } from "../support/fixtures.js";
import { hasCjkFont } from "../support/paper-pdf.js";

let archive: Awaited<ReturnType<typeof emptyArchive>>;
let pdf: string;

/** The index fingerprint of the archive as it is now. */
async function current(): Promise<string> {
  const pages = await scanCorpus(join(archive.root, "corpus"));
  return fingerprint({ pages, embeddings: { kind: "local", model: null }, chunking: { size: 220, overlap: 40 }, userWords: [], modelSha256: "" });
}

describe.skipIf(!hasCjkFont())("the index fingerprint follows PDF and image pages", () => {
  beforeAll(async () => {
    archive = await emptyArchive("baoku-pdf-fp-");
    pdf = await place(await seedPdf("2021-12", "broadsheet"), archive.paperDir, "2021-12_热线.pdf", await seedSidecar("2021-12"));
  }, 300_000);
  afterAll(() => archive?.remove());

  it("changes when the PDF's bytes change, when its sidecar changes, and when an image is added", async () => {
    const seen = [await current()];
    expect(await current()).toBe(seen[0]);
    await appendFile(pdf, "\n% a later revision\n");
    seen.push(await current());
    await writeFile(pdf.replace(/\.pdf$/, ".meta"), "date: 2021-12-28\ndateInferred: true\n");
    seen.push(await current());
    await writeFile(join(archive.paperDir, "2021-12_扫描.png"), Buffer.from([0x89, 0x50, 0x4e, 0x47]));
    seen.push(await current());
    expect(new Set(seen).size).toBe(4);
  });
});
