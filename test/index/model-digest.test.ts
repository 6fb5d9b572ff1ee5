import { createHash } from "node:crypto";
import { mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { AppError } from "../../src/errors.js";
import { MODEL_FILE, modelDigest } from "../../src/index/model-digest.js";

let dir: string;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), "baoku-model-"));
});
afterAll(() => rm(dir, { recursive: true, force: true }));

describe("modelDigest", () => {
  it("is the sha256 of the model file's bytes, by path or file URL", async () => {
    const file = join(dir, "model.json");
    const bytes = '{"features":["coverage"],"weights":[1.5],"bias":-0.25}\n';
    await writeFile(file, bytes);
    const sha = createHash("sha256").update(bytes).digest("hex");
    expect(await modelDigest(file)).toBe(sha);
    expect(await modelDigest(pathToFileURL(file))).toBe(sha);
  });

  it("changes when one byte of the model changes", async () => {
    const a = join(dir, "a.json");
    const b = join(dir, "b.json");
    await writeFile(a, '{"weights":[1.5]}');
    await writeFile(b, '{"weights":[1.6]}');
    expect(await modelDigest(a)).not.toBe(await modelDigest(b));
  });

  it('is "" while there is no model file', async () => {
    expect(await modelDigest(join(dir, "none.json"))).toBe("");
  });

  it("throws AppError internal naming the file when it is there but unreadable", async () => {
    const folder = join(dir, "folder.json");
    await mkdir(folder);
    const error = await modelDigest(folder).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AppError);
    expect(error).toMatchObject({ code: "internal" });
    expect((error as AppError).detail).toContain(folder);
  });

  it("looks for the model beside the answerer's code", () => {
    expect(MODEL_FILE.pathname.endsWith("/src/answer/model.json")).toBe(true);
  });
});
