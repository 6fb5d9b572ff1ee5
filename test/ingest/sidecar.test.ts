import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { readSidecar } from "../../src/ingest/sidecar.js";
import { encodeGb18030 } from "./helpers.js";

// The front matter of the seed page 2021-12_12345热线.txt, in Chinese keys.
const META = "报名: 昌吉日报\n日期: 2021-12\n推定: 是\n备注: 推定：“12月25日”的活动、“迎冬奥”";

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), "baoku-sidecar-"));
});
afterAll(() => rm(dir, { recursive: true, force: true }));

describe("readSidecar: the .meta beside a PDF or image, decoded as a .txt page is", () => {
  it.each([
    ["UTF-8", new TextEncoder().encode(META)],
    ["UTF-8 with BOM", new Uint8Array([0xef, 0xbb, 0xbf, ...new TextEncoder().encode(META)])],
    ["GBK (GB18030)", encodeGb18030(META)],
  ])("reads a %s sidecar", async (what, bytes) => {
    const page = join(dir, `${what.replace(/\W+/g, "_")}.pdf`);
    await writeFile(page.replace(/\.pdf$/, ".meta"), bytes);
    expect(await readSidecar(page)).toBe(META);
  });

  it("gives null for no sidecar, empty for an empty one, and names a binary one", async () => {
    expect(await readSidecar(join(dir, "none.pdf"))).toBeNull();
    await writeFile(join(dir, "empty.meta"), "");
    expect(await readSidecar(join(dir, "empty.pdf"))).toBe("");
    await writeFile(join(dir, "binary.meta"), new Uint8Array([0x00, 0x01, 0x02, 0xff]));
    await expect(readSidecar(join(dir, "binary.pdf"), "corpus/昌吉日报/binary.pdf")).rejects.toMatchObject({
      code: "corpus:unreadable",
      detail: "corpus/昌吉日报/binary.meta：二进制文件，不是文本",
    });
  });
});
