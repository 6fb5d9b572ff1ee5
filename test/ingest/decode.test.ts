import { describe, expect, it } from "vitest";
import { decodePage } from "../../src/ingest/decode.js";
import { appErrorOf, encodeGb18030, rawSeed } from "./helpers.js";

const PATH = "corpus/昌吉日报/2025-05-29_昌吉市营商环境.txt";

/** 000, lines 152–159, as a GBK-era archive would store it. */
const BENBAOXUN = `本报讯 记者喻兰报道：5 月 28
日上午，总投资20.8亿元的新疆准东
东部矿区专用铁路及物流园项目开
工建设。这是新疆准东经济技术开发
区（以下简称准东开发区）有史以来
开建的最大的综合性交通物流工程，
项目的动工标志着准东开发区在突
破疆煤外运瓶颈上迈出了关键一步。
`;

/** A PNG file's signature and the start of its header chunk: what a stray scan looks like. */
const PNG = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d, 0x49, 0x48, 0x44, 0x52, 0, 0, 0x04, 0xb0]);

/** Bytes from a fixed-seed generator, never 0 (so that the binary check does not catch them first). */
function noise(length: number, seed = 12403): Uint8Array {
  const out = new Uint8Array(length);
  let x = seed;
  for (let i = 0; i < length; i++) {
    x = (x * 1103515245 + 12345) >>> 0;
    out[i] = 1 + ((x >>> 16) % 255);
  }
  return out;
}

describe("decodePage: text it reads", () => {
  it("reads a UTF-8 page unchanged", () => {
    const page = rawSeed("2021-12");
    expect(decodePage(new TextEncoder().encode(page), PATH)).toBe(page);
  });

  it("drops a UTF-8 byte order mark", () => {
    const bytes = new Uint8Array([0xef, 0xbb, 0xbf, ...new TextEncoder().encode(BENBAOXUN)]);
    expect(decodePage(bytes, PATH)).toBe(BENBAOXUN);
  });

  it("encodes test pages with the published GBK code points", () => {
    // 昌 B2FD, 吉 BCAA, 日 C8D5, 报 B1A8 (GB 2312 / GBK / GB18030 agree on these).
    expect([...encodeGb18030("昌吉日报")]).toEqual([0xb2, 0xfd, 0xbc, 0xaa, 0xc8, 0xd5, 0xb1, 0xa8]);
    expect(new TextDecoder("gb18030").decode(encodeGb18030(BENBAOXUN))).toBe(BENBAOXUN);
  });

  it("reads a GB18030 page when the bytes are not UTF-8", () => {
    const bytes = encodeGb18030(BENBAOXUN);
    expect(() => new TextDecoder("utf-8", { fatal: true }).decode(bytes)).toThrow();
    expect(decodePage(bytes, PATH)).toBe(BENBAOXUN);
  });

  it("reads a whole seed page stored as GB18030", () => {
    const page = rawSeed("2025-05-29");
    expect(decodePage(encodeGb18030(page), PATH)).toBe(page);
  });
});

describe("decodePage: files it refuses", () => {
  const table: Array<[string, Uint8Array, RegExp]> = [
    ["an empty file", new Uint8Array(0), /为空/],
    ["white space only", new TextEncoder().encode("\n\n  \r\n\t\u3000\n"), /为空/],
    ["a binary file (PNG header, NUL bytes)", PNG, /二进制/],
    ["random bytes, neither UTF-8 nor Chinese", noise(4096), /UTF-8|编码/],
    ["Latin-1 text", new Uint8Array([...new TextEncoder().encode("Changji Daily caf"), 0xe9, 0x20, 0x6e, 0x6f, 0x2e]), /UTF-8|编码/],
  ];

  it.each(table)("%s → corpus:unreadable naming the path", (_, bytes, reason) => {
    const error = appErrorOf(() => decodePage(bytes, PATH));
    expect(error.code).toBe("corpus:unreadable");
    expect(error.detail).toContain(PATH);
    expect(error.detail).toMatch(reason);
    expect(error.userMessage).toContain(PATH);
  });

  it("refuses bytes that are valid GB18030 but decode to no Chinese (user-defined area)", () => {
    // Lead bytes AA–AF with trail bytes A1–FE are GB18030's private-use block: valid, but not text.
    const bytes = noise(2048, 7).map((b, i) => (i % 2 === 0 ? 0xaa + (b % 6) : 0xa1 + (b % 94)));
    expect(() => new TextDecoder("gb18030", { fatal: true }).decode(bytes)).not.toThrow();
    const error = appErrorOf(() => decodePage(bytes, PATH));
    expect(error.code).toBe("corpus:unreadable");
    expect(error.detail).toMatch(/不像中文/);
  });
});
