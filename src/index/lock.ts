import { mkdir, open, readFile, stat, unlink } from "node:fs/promises";
import { dirname } from "node:path";
import { isAlive } from "./alive.js";

/** The lock file of an index folder: beside it, since a rebuild replaces the folder. */
export const lockPathOf = (indexDir: string) => `${indexDir.replace(/[\\/]+$/u, "")}.lock`;

/** Writers of this process, per lock file: they take turns without the file. */
const inProcess = new Map<string, Promise<unknown>>();

export interface LockOptions {
  /** Called once when another process holds the lock and this one waits for it. */
  onWait?: (pid: number) => void;
  /** How often to look whether the other process is done (ms). */
  pollMs?: number;
}

/**
 * Runs `work` as the only writer of the index in `indexDir`: `npm run index`, its `--watch`, and
 * a bot or server that builds a missing index each take `<indexDir>.lock` (created exclusively,
 * holding the process id) while they write, and wait while another live process holds it. A
 * lock left by a process that died (kill -9) is taken over. Readers never lock: an index is
 * replaced by renames, never changed in place.
 */
export async function withIndexLock<T>(indexDir: string, work: () => Promise<T>, options: LockOptions = {}): Promise<T> {
  const path = lockPathOf(indexDir);
  const before = inProcess.get(path) ?? Promise.resolve();
  const mine = before.catch(() => {}).then(() => locked(path, work, options));
  inProcess.set(path, mine);
  try {
    return await mine;
  } finally {
    if (inProcess.get(path) === mine) inProcess.delete(path);
  }
}

async function locked<T>(path: string, work: () => Promise<T>, options: LockOptions): Promise<T> {
  await acquire(path, options);
  try {
    return await work();
  } finally {
    await release(path);
  }
}

async function acquire(path: string, { onWait, pollMs = 250 }: LockOptions): Promise<void> {
  let told = false;
  await mkdir(dirname(path), { recursive: true });
  for (;;) {
    try {
      const file = await open(path, "wx");
      await file.writeFile(`${process.pid}\n`);
      await file.close();
      return;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
    }
    const holder = await holderOf(path);
    // An empty lock is being written now, or was left by a process that died writing it.
    const abandoned = holder === null ? await olderThan(path, 2_000) : !isAlive(holder);
    if (abandoned) {
      await unlink(path).catch(() => {});
      continue;
    }
    if (!told && holder !== null) onWait?.(holder);
    told = true;
    await new Promise((resolve) => setTimeout(resolve, pollMs));
  }
}

async function holderOf(path: string): Promise<number | null> {
  const text = await readFile(path, "utf8").catch(() => null);
  if (text === null) return null;
  const pid = Number.parseInt(text, 10);
  return Number.isInteger(pid) && pid > 0 ? pid : null;
}

async function olderThan(path: string, ms: number): Promise<boolean> {
  const s = await stat(path).catch(() => null);
  return s === null || Date.now() - s.mtimeMs > ms;
}

async function release(path: string): Promise<void> {
  if ((await holderOf(path)) === process.pid) await unlink(path).catch(() => {});
}
