import { readdir, readFile, rename, rm, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { z } from "zod";
import { AppError } from "../errors.js";
import { FILES, SEGMENTS } from "./files.js";
import { INDEX_FORMAT, manifestSchema, type Manifest } from "./manifest.js";
import { isAlive } from "./alive.js";

const pageRecordSchema = z.object({
  /** The path inside the corpus folder (the same wherever the program runs). */
  name: z.string(),
  /** The path as cited (`source` of the page's articles). */
  source: z.string(),
  sha256: z.string(),
  paper: z.string().nullable(),
  date: z.string().nullable(),
  articles: z.number().int(),
  chunks: z.number().int(),
  /** Why the file was not indexed (unreadable, empty…); absent for an indexed page. */
  skipped: z.string().optional(),
});

/** One page file an index folder was built from. */
export type PageRecord = z.infer<typeof pageRecordSchema>;

const pagesFileSchema = z.object({
  /** The fingerprint of everything but the pages (embedding, chunking, user words, model). */
  settings: z.string(),
  pages: z.array(pageRecordSchema),
});

/** `pages.json` of an index folder. */
export type PagesFile = z.infer<typeof pagesFileSchema>;

const segmentListSchema = z.object({
  format: z.literal(1),
  /** The next segment number. */
  next: z.number().int(),
  /** Segment folders under `segments/`, oldest first. */
  segments: z.array(z.string()),
  /** Every page of the corpus now, with the segment that holds it (null: the base). */
  pages: z.array(pageRecordSchema.extend({ segment: z.string().nullable() })),
  /** The manifest of the whole index as it stands after the last update. */
  manifest: manifestSchema,
});

/**
 * `segments.json`: which segments are live and which one holds each page. A page's chunks in any
 * other segment are dead (the page was changed or removed since), and are never returned.
 */
export type SegmentList = z.infer<typeof segmentListSchema>;
export type LivePage = SegmentList["pages"][number];

/** @throws AppError `index:corrupt` when the file is there but unreadable. Null when absent. */
async function readJson<T>(path: string, schema: z.ZodType<T>): Promise<T | null> {
  let text: string;
  try {
    text = await readFile(path, "utf8");
  } catch {
    return null;
  }
  try {
    return schema.parse(JSON.parse(text));
  } catch (cause) {
    throw new AppError("index:corrupt", `${path} 无法解析`, { cause });
  }
}

/** The pages of an index folder; null for a folder built before pages were recorded. */
export const readPagesFile = (dir: string) => readJson(join(dir, FILES.pages), pagesFileSchema);

/** The segment list of an index; null when the index is one folder (never updated). */
export const readSegmentList = (dir: string) => readJson(join(dir, SEGMENTS.list), segmentListSchema);

/** The folder of segment `name` inside index `dir`. */
export const segmentDir = (dir: string, name: string) => join(dir, SEGMENTS.dir, name);

/** The name of segment number `n`: sortable. */
export const segmentName = (n: number) => `seg-${String(n).padStart(6, "0")}`;

/**
 * Writes the segment list through a temporary file and a rename: the rename is atomic, so a
 * reader (or a kill -9) sees the old list or the new one, never half of one.
 */
export async function writeSegmentList(dir: string, list: SegmentList): Promise<void> {
  const path = join(dir, SEGMENTS.list);
  const tmp = `${path}.tmp-${process.pid}-${Date.now()}`;
  await writeFile(tmp, JSON.stringify(list));
  try {
    await rename(tmp, path);
  } catch (error) {
    await rm(tmp, { force: true });
    throw error;
  }
}

/**
 * Removes segment folders the list does not name (left by an update killed before its commit,
 * or merged away), and temporary list files. `keep` names folders being written right now.
 */
export async function removeOrphanSegments(dir: string, live: readonly string[], keep: readonly string[] = []): Promise<void> {
  const wanted = new Set([...live, ...keep]);
  const entries = await readdir(join(dir, SEGMENTS.dir)).catch(() => [] as string[]);
  for (const entry of entries) {
    const owner = /^seg-\d+(?:\.(?:tmp|old)-(\d+)-\d+)?$/.exec(entry);
    if (!owner || wanted.has(entry)) continue;
    if (owner[1] && isAlive(Number(owner[1]))) continue;
    await rm(join(dir, SEGMENTS.dir, entry), { recursive: true, force: true });
  }
  for (const entry of await readdir(dir).catch(() => [] as string[])) {
    const m = new RegExp(`^${SEGMENTS.list.replace(".", "\\.")}\\.tmp-(\\d+)-\\d+$`).exec(entry);
    if (m && !isAlive(Number(m[1]))) await rm(join(dir, entry), { force: true });
  }
}

export interface ManifestParts {
  fingerprint: string;
  embeddings: Manifest["embeddings"];
  chunking: Manifest["chunking"];
  userWords: string[];
  builtAt: string;
  buildSeconds: number;
}

/** The manifest of an index holding `pages` (indexed ones counted, skipped ones listed), in their order. */
export function manifestOf(pages: readonly PageRecord[], parts: ManifestParts): Manifest {
  const indexed = pages.filter((p) => p.skipped === undefined);
  const dates = indexed
    .map((p) => p.date)
    .filter((d): d is string => d !== null)
    .sort();
  const sum = (key: "articles" | "chunks") => indexed.reduce((n, p) => n + p[key], 0);
  return {
    format: INDEX_FORMAT,
    fingerprint: parts.fingerprint,
    embeddings: parts.embeddings,
    chunking: parts.chunking,
    userWords: parts.userWords,
    counts: { pages: indexed.length, articles: sum("articles"), chunks: sum("chunks") },
    coverage: {
      papers: [...new Set(indexed.map((p) => p.paper).filter((p): p is string => p !== null))],
      from: dates[0] ?? null,
      to: dates[dates.length - 1] ?? null,
    },
    skipped: pages.flatMap((p) => (p.skipped === undefined ? [] : [{ source: p.source, reason: p.skipped }])),
    undated: indexed.filter((p) => !p.date).map((p) => p.source),
    builtAt: parts.builtAt,
    buildSeconds: parts.buildSeconds,
  };
}
