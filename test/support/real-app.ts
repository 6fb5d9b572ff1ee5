import { cp, mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createApp, type App, type AppOptions } from "../../src/app.js";
import { parseConfig, type Config } from "../../src/config.js";

/** The real corpus copied to a temp folder, with its index built there. */
export interface RealApp extends App {
  config: Config;
  dir: string;
  cleanup(): Promise<void>;
}

/**
 * Builds the real app on a temp copy of corpus/ (never touches the project's data/), with the
 * `extraPages` (path under corpus/ → text) added to it.
 */
export async function realApp(env: Record<string, string> = {}, options: AppOptions = {}, extraPages: Record<string, string> = {}): Promise<RealApp> {
  const dir = await mkdtemp(join(tmpdir(), "baoku-app-"));
  await cp("corpus", join(dir, "corpus"), { recursive: true });
  for (const [path, text] of Object.entries(extraPages)) await writeFile(join(dir, "corpus", path), text);
  const config = parseConfig({ CORPUS_DIR: join(dir, "corpus"), INDEX_DIR: join(dir, "index"), LOG_LEVEL: "silent", ...env });
  const app = await createApp(config, options);
  return { ...app, config, dir, cleanup: () => rm(dir, { recursive: true, force: true }) };
}
