import { watch, type FSWatcher } from "node:fs";
import { readdir, stat } from "node:fs/promises";
import { join } from "node:path";

export interface WatchCorpusOptions {
  /** Quiet time after the last change before updating: a burst of pages is one update (default 1.5 s). */
  debounceMs?: number;
  /** How often the folder is listed where file-system events are not available (default 2 s). */
  pollMs?: number;
  /** An update that failed; watching goes on. */
  onError?: (error: unknown) => void;
  /** Force the polling fallback (tests, network file systems). */
  poll?: boolean;
}

/** A running watch. */
export interface CorpusWatch {
  /** Stops watching and waits for an update in progress to end. Idempotent. */
  stop(): Promise<void>;
  /**
   * Resolves once changes are being seen: at once with file-system events; polling, once the
   * folder's first listing is taken (a page written before that would be in it, and missed).
   */
  readonly ready: Promise<void>;
}

/**
 * Watches the corpus folder (recursively, with `fs.watch`; by listing it every `pollMs` where
 * that is not supported) and calls `update` once things have been quiet for `debounceMs`. Updates
 * never overlap: changes during one lead to one more after it.
 */
export function watchCorpus(dir: string, update: () => Promise<void>, options: WatchCorpusOptions = {}): CorpusWatch {
  const debounceMs = options.debounceMs ?? 1_500;
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<void> | null = null;
  let pending = false;
  let stopped = false;

  const run = () => {
    timer = undefined;
    if (stopped) return;
    if (running) {
      pending = true;
      return;
    }
    running = update()
      .catch((error: unknown) => options.onError?.(error))
      .finally(() => {
        running = null;
        if (pending && !stopped) {
          pending = false;
          changed();
        }
      });
  };
  const changed = () => {
    if (stopped) return;
    clearTimeout(timer);
    timer = setTimeout(run, debounceMs);
  };

  let watcher: FSWatcher | null = null;
  let poller: NodeJS.Timeout | undefined;
  if (!options.poll) {
    try {
      watcher = watch(dir, { recursive: true }, changed);
      watcher.on("error", (error) => options.onError?.(error));
    } catch {
      watcher = null;
    }
  }
  let ready = Promise.resolve();
  if (!watcher) {
    let last: string | null = null;
    const tick = async () => {
      const now = await listing(dir).catch(() => "");
      if (last !== null && now !== last) changed();
      last = now;
      if (!stopped) poller = setTimeout(tick, options.pollMs ?? 2_000);
    };
    ready = tick();
  }

  let stopping: Promise<void> | null = null;
  return {
    ready,
    stop: () =>
      (stopping ??= (async () => {
        stopped = true;
        clearTimeout(timer);
        clearTimeout(poller);
        watcher?.close();
        await running;
      })()),
  };
}

/** Every file under `dir` with its size and change time, as one string. */
async function listing(dir: string): Promise<string> {
  const out: string[] = [];
  const walk = async (d: string) => {
    for (const entry of await readdir(d, { withFileTypes: true })) {
      const path = join(d, entry.name);
      if (entry.isDirectory()) await walk(path);
      else {
        const s = await stat(path).catch(() => null);
        if (s) out.push(`${path}:${s.size}:${s.mtimeMs}`);
      }
    }
  };
  await walk(dir);
  return out.sort().join("\n");
}
