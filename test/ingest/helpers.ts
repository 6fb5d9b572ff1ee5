import type { Paragraph } from "../../src/ingest/types.js";
import { existsSync, readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { AppError } from "../../src/errors.js";

/** The project root (test/ingest/ → ../..). */
export const ROOT = join(dirname(fileURLToPath(import.meta.url)), "..", "..");
/** The seed pages with front matter, as the project keeps them. */
export const CORPUS_PAPER_DIR = join(ROOT, "corpus", "昌吉日报");

/** The shared seed pages as extracted, when this checkout sits next to them. */
const SEEDS_DIR = join(ROOT, "..", "shared", "seeds");

export const PAGE_FILES = {
  "2021-12": "2021-12_12345热线.txt",
  "2025-05-29": "2025-05-29_昌吉市营商环境.txt",
  "2025-07": "2025-07_准东投资热土.txt",
  "2025-08-07": "2025-08-07_02版.txt",
  "2025-12-23": "2025-12-23_01版_总12403期.txt",
} as const;

const SEED_FILES: Record<keyof typeof PAGE_FILES, string> = {
  "2021-12": "004_4cdac296660aa6ab.txt",
  "2025-05-29": "000_f2399258e24983a6.txt",
  "2025-07": "001_24c6052ba0c1ecb6.txt",
  "2025-08-07": "002_035213f41a3b93dd.txt",
  "2025-12-23": "003_a41930f59203b030.txt",
};

/** A seed page from corpus/昌吉日报/, front matter included. */
export function corpusPage(date: keyof typeof PAGE_FILES): string {
  return readFileSync(join(CORPUS_PAPER_DIR, PAGE_FILES[date]), "utf8");
}

/**
 * A raw seed page (no front matter): the copy in ../shared/seeds when it is there, else the
 * project's copy with its front matter cut off (the two are the same text).
 */
export function rawSeed(date: keyof typeof PAGE_FILES): string {
  const shared = join(SEEDS_DIR, SEED_FILES[date]);
  if (existsSync(shared)) return readFileSync(shared, "utf8");
  return corpusPage(date).replace(/^---\r?\n[\s\S]*?\r?\n---\r?\n/, "");
}

let gbkTable: Map<string, number[]> | undefined;

/**
 * Encodes text as GB18030 for the characters GBK covers (every character of the seed pages).
 * Node has no GB18030 encoder, so the table is the inverse of the platform's own decoder over the
 * two-byte GBK range; decode.test.ts pins it to the published code points of 昌吉日报.
 */
export function encodeGb18030(text: string): Uint8Array {
  if (!gbkTable) {
    gbkTable = new Map();
    const decoder = new TextDecoder("gb18030");
    for (let lead = 0x81; lead <= 0xfe; lead++) {
      for (let trail = 0x40; trail <= 0xfe; trail++) {
        if (trail === 0x7f) continue;
        const ch = decoder.decode(new Uint8Array([lead, trail]));
        if (ch.length === 1 && ch !== "\uFFFD" && !gbkTable.has(ch)) gbkTable.set(ch, [lead, trail]);
      }
    }
  }
  const out: number[] = [];
  for (const ch of text) {
    const code = ch.codePointAt(0)!;
    if (code < 0x80) {
      out.push(code);
      continue;
    }
    const pair = gbkTable.get(ch);
    if (!pair) throw new Error(`no GBK bytes for ${ch}`);
    out.push(...pair);
  }
  return new Uint8Array(out);
}

/** Runs `fn` and returns the AppError it throws; fails the test when it throws nothing else. */
export function appErrorOf(fn: () => unknown): AppError {
  try {
    fn();
  } catch (error) {
    if (error instanceof AppError) return error;
    throw error;
  }
  throw new Error("expected an AppError, nothing was thrown");
}

/** What a paragraph is, in short: kind, text (a body's first 16 characters) and what was peeled off. */
export const shape = (p: Paragraph) => ({
  kind: p.kind,
  text: p.kind === "body" ? p.text.slice(0, 16) : p.text,
  ...(p.kind === "heading" ? { level: p.level } : {}),
  ...(p.lead ? { lead: p.lead } : {}),
  ...(p.credit ? { credit: p.credit } : {}),
  ...(p.kind === "body" && p.continuedFrom !== null ? { continuedFrom: p.continuedFrom } : {}),
});
