import { readFile } from "node:fs/promises";

/** A file of the page, held in memory: it is small and never changes while the server runs. */
export interface PageFile {
  path: string;
  type: string;
  body: Buffer;
}

/** The page's files, served from the package itself (no CDN, no external font). */
const FILES = [
  { path: "/", file: "index.html", type: "text/html; charset=utf-8" },
  { path: "/app.js", file: "app.js", type: "text/javascript; charset=utf-8" },
  { path: "/style.css", file: "style.css", type: "text/css; charset=utf-8" },
] as const;

/**
 * Reads the page (src/web/page/) once. A fixed list, not a folder: nothing outside it can be
 * asked for by a crafted path.
 * @throws the file-system error when the package is incomplete.
 */
export async function loadPageFiles(folder: URL = new URL("./page/", import.meta.url)): Promise<PageFile[]> {
  return Promise.all(FILES.map(async (f) => ({ path: f.path, type: f.type, body: await readFile(new URL(f.file, folder)) })));
}
