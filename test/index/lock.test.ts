import { spawn, type ChildProcess } from "node:child_process";
import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { lockPathOf, withIndexLock } from "../../src/index/lock.js";

let dir: string;
let child: ChildProcess | undefined;

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), "baoku-lock-"));
});
afterEach(async () => {
  child?.kill("SIGKILL");
  child = undefined;
  await rm(dir, { recursive: true, force: true });
});

const indexDir = () => join(dir, "index");
const exists = (path: string) =>
  readFile(path).then(
    () => true,
    () => false,
  );

/** A live process other than this one, to hold a lock. */
function sleeper(): Promise<ChildProcess> {
  return new Promise((resolve, reject) => {
    const c = spawn(process.execPath, ["-e", "console.log('up'); setTimeout(() => {}, 60000)"], { stdio: ["ignore", "pipe", "ignore"] });
    c.stdout!.once("data", () => resolve(c));
    c.once("error", reject);
  });
}

describe("withIndexLock", () => {
  it("holds <INDEX_DIR>.lock with this process's id while the work runs, and removes it after", async () => {
    const path = lockPathOf(indexDir());
    expect(path).toBe(`${indexDir()}.lock`);
    const seen = await withIndexLock(indexDir(), () => readFile(path, "utf8"));
    expect(seen.trim()).toBe(String(process.pid));
    expect(await exists(path)).toBe(false);
  });

  it("removes the lock when the work throws", async () => {
    await expect(
      withIndexLock(indexDir(), async () => {
        throw new Error("boom");
      }),
    ).rejects.toThrow("boom");
    expect(await exists(lockPathOf(indexDir()))).toBe(false);
  });

  it("runs the writers of one process one after the other", async () => {
    const order: string[] = [];
    const job = (name: string) => async () => {
      order.push(`${name} start`);
      await new Promise((r) => setTimeout(r, 30));
      order.push(`${name} end`);
    };
    await Promise.all([withIndexLock(indexDir(), job("a")), withIndexLock(indexDir(), job("b"))]);
    expect(order).toEqual(["a start", "a end", "b start", "b end"]);
  });

  it("waits while another live process holds the lock, and says so once", async () => {
    child = await sleeper();
    await writeFile(lockPathOf(indexDir()), `${child.pid}\n`);
    const waits: number[] = [];
    let ran = false;
    const work = withIndexLock(
      indexDir(),
      async () => {
        ran = true;
      },
      { pollMs: 20, onWait: (pid) => waits.push(pid) },
    );
    await new Promise((r) => setTimeout(r, 200));
    expect(ran).toBe(false);
    expect(waits).toEqual([child.pid]);
    const exited = new Promise((r) => child!.once("exit", r));
    child.kill("SIGKILL");
    await exited;
    await work;
    expect(ran).toBe(true);
    expect(waits).toHaveLength(1);
  });

  it("takes over a lock left by a process that died", async () => {
    const dead = await sleeper();
    const exited = new Promise((r) => dead.once("exit", r));
    dead.kill("SIGKILL");
    await exited;
    await writeFile(lockPathOf(indexDir()), `${dead.pid}\n`);
    const waits: number[] = [];
    await withIndexLock(indexDir(), async () => {}, { pollMs: 20, onWait: (pid) => waits.push(pid) });
    expect(waits).toEqual([]);
  });
});

describe("withIndexLock before the index's folder exists", () => {
  it("makes the parent folder for the lock", async () => {
    const nested = join(dir, "data", "index");
    expect(await withIndexLock(nested, async () => exists(lockPathOf(nested)))).toBe(true);
  });
});
