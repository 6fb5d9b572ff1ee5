import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Bm25Builder, Bm25Index } from "../../src/index/bm25.js";

/** Documents of a few terms, some repeated, one empty, one common term in most of them. */
const DOCS: string[][] = [
  ["准东", "企业", "注册", "企业"],
  ["昌吉", "企业"],
  [],
  ["准东", "投资", "热土", "准东", "准东"],
  ["企业", "245家"],
  ["昌吉", "热土"],
  ["企业"],
];

function builder(): Bm25Builder {
  const b = new Bm25Builder();
  for (const d of DOCS) b.add(d);
  return b;
}

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), "baoku-bm25-"));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe("Bm25Builder.writeTo: the index file written a range of terms at a time", () => {
  it.each([1, 2, 3, 5, 1000])("is byte for byte the serialised build() with room for %i postings", async (room) => {
    const path = join(dir, `lexical-${room}.bin`);
    await builder().writeTo(path, room);
    const written = await readFile(path);
    expect(written.equals(builder().build().serialize())).toBe(true);
  });

  it("loads as an index that finds what the built one finds, in the same order", async () => {
    const path = join(dir, "lexical.bin");
    await builder().writeTo(path, 2);
    const loaded = await Bm25Index.read(path);
    const built = builder().build();
    expect(loaded.documentCount).toBe(DOCS.length);
    expect(loaded.df("企业")).toBe(4);
    for (const q of [["准东"], ["企业", "热土"], ["昌吉", "245家"]]) {
      expect(loaded.search(q, 10)).toEqual(built.search(q, 10));
      expect(loaded.search(q, 10).length).toBeGreaterThan(0);
    }
    expect(loaded.search(["准东"], 10).map((h) => h.doc)).toEqual([3, 0]);
    expect(await Bm25Index.deserialize(await readFile(path))).toEqual(await Bm25Index.read(path));
  });

  it.each([
    ["empty", 0, "not a BM25 index file"],
    ["cut inside the header", 20, "truncated"],
    ["cut inside the postings", -3, "truncated"],
  ])("refuses a file %s", async (_what, keep, message) => {
    const path = join(dir, "cut.bin");
    await builder().writeTo(path);
    const whole = await readFile(path);
    await writeFile(path, whole.subarray(0, keep < 0 ? whole.length + keep : keep));
    await expect(Bm25Index.read(path)).rejects.toThrow(message);
  });
});
