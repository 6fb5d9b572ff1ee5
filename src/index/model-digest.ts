import { createHash } from "node:crypto";
import { readFile } from "node:fs/promises";
import { fileURLToPath } from "node:url";
import { AppError } from "../errors.js";

/** The answer-selection model file (written by `npm run train`), beside the answerer's code. */
export const MODEL_FILE = new URL("../answer/model.json", import.meta.url);

/**
 * sha256 (hex) of a file's bytes (by default the model file, for the index fingerprint); "" while
 * there is no such file.
 * @throws AppError `internal` when the file exists but cannot be read.
 */
export async function modelDigest(file: URL | string = MODEL_FILE): Promise<string> {
  let bytes: Buffer;
  try {
    bytes = await readFile(file);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return "";
    const path = file instanceof URL ? fileURLToPath(file) : file;
    throw new AppError("internal", `无法读取 ${path}`, { cause: error });
  }
  return createHash("sha256").update(bytes).digest("hex");
}
