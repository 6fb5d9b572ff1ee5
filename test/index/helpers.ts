import { spawn, type ChildProcess } from "node:child_process";
import { cp, mkdtemp, readdir, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { basename, dirname, join } from "node:path";
import { parseConfig, type Config } from "../../src/config.js";
import type { IndexEvent } from "../../src/index/open-index.js";
import { CORPUS_PAPER_DIR } from "../ingest/helpers.js";

/** A temp folder with a copy of the seed corpus and room for an index, as a user's checkout has. */
export interface TempArchive {
  /** `<tmp>/corpus`, holding `昌吉日报/` with the five seed pages. */
  corpusDir: string;
  /** `<tmp>/data/index` (not created). */
  indexDir: string;
  remove(): Promise<void>;
}

export async function tempArchive(prefix = "baoku-index-"): Promise<TempArchive> {
  const root = await mkdtemp(join(tmpdir(), prefix));
  const corpusDir = join(root, "corpus");
  await cp(CORPUS_PAPER_DIR, join(corpusDir, "昌吉日报"), { recursive: true });
  return { corpusDir, indexDir: join(root, "data", "index"), remove: () => rm(root, { recursive: true, force: true }) };
}

/** The validated config an entry point would get with CORPUS_DIR and INDEX_DIR pointing at `archive`. */
export function configFor(archive: TempArchive, env: Record<string, string> = {}): Config {
  return parseConfig({ CORPUS_DIR: archive.corpusDir, INDEX_DIR: archive.indexDir, ...env });
}

/** Folders beside the index that builds leave when interrupted: `index.tmp-*` and `index.old-*`. */
export async function leftovers(indexDir: string): Promise<string[]> {
  const name = basename(indexDir);
  const entries = await readdir(dirname(indexDir)).catch(() => [] as string[]);
  return entries.filter((e) => e.startsWith(`${name}.tmp-`) || e.startsWith(`${name}.old-`)).sort();
}

/** An `onEvent` that keeps what openIndex reports. */
export function recordEvents(): { events: IndexEvent[]; onEvent: (e: IndexEvent) => void; rebuilds(): string[] } {
  const events: IndexEvent[] = [];
  return {
    events,
    onEvent: (e) => events.push(e),
    rebuilds: () => events.flatMap((e) => (e.type === "rebuild" ? [e.reason] : [])),
  };
}

/**
 * A small page of one article (a county's n-th irrigation park, its own figures), dated
 * 2026-01-`day`: what a day's issue adds to the archive.
 */
export function smallPage(n: number, county = "玛纳斯县", day = 5): string {
  return `---
paper: 昌吉日报
date: 2026-01-${String(day).padStart(2, "0")}
page: 3
---

${county}建成第${n}座智慧灌溉示范园

本报讯（记者 李明）1月4日，${county}第${n}座智慧灌溉示范园建成投用，园区覆盖农田${3100 + n}亩。

据介绍，示范园采用滴灌和墒情监测系统，每亩年均节水${80 + n}立方米，预计带动周边农户增收${10 + n}%。
`;
}

/**
 * Writes `copies` variants of a seed page beside it (`<page>_副本<i>.txt`), each with `marker`
 * made distinct: work enough for a build or an update to be killed in the middle of.
 */
export async function writePageCopies(archive: TempArchive, page: string, marker: string, copies: number): Promise<void> {
  const text = await readFile(join(archive.corpusDir, "昌吉日报", page), "utf8");
  if (!text.includes(marker)) throw new Error(`${page} no longer contains ${marker}`);
  for (let i = 1; i <= copies; i++) {
    await writeFile(join(archive.corpusDir, "昌吉日报", page.replace(".txt", `_副本${i}.txt`)), text.replace(marker, `${marker}${i}`));
  }
}

/** `scripts/index.ts` running as a child process: its stderr so far and how it ended. */
export interface IndexRun {
  child: ChildProcess;
  stderr: () => string;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

/**
 * `node <tsx> scripts/index.ts …args` on `archive`, with only the settings that matter (and
 * `env`). `detached` gives it its own process group, so that `killGroup` reaches the node
 * process tsx starts as well as tsx itself.
 */
export function runIndexScript(archive: TempArchive, options: { args?: string[]; env?: Record<string, string>; detached?: boolean } = {}): IndexRun {
  const child = spawn(
    process.execPath,
    [join(process.cwd(), "node_modules", "tsx", "dist", "cli.mjs"), join(process.cwd(), "scripts", "index.ts"), ...(options.args ?? [])],
    {
      env: {
        PATH: process.env.PATH ?? "",
        HOME: process.env.HOME ?? "",
        CORPUS_DIR: archive.corpusDir,
        INDEX_DIR: archive.indexDir,
        LOG_LEVEL: "silent",
        ...options.env,
      },
      stdio: ["ignore", "ignore", "pipe"],
      detached: options.detached ?? false,
    },
  );
  let err = "";
  child.stderr!.setEncoding("utf8").on("data", (d: string) => (err += d));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.once("exit", (code, signal) => resolve({ code, signal })),
  );
  return { child, stderr: () => err, exited };
}

/** SIGKILL to a detached run's whole process group, unless it has ended. */
export function killGroup(run: IndexRun): void {
  if (run.child.exitCode === null && run.child.signalCode === null) process.kill(-run.child.pid!, "SIGKILL");
}
