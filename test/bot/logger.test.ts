import { HttpError } from "grammy";
import { describe, expect, it } from "vitest";
import { describeError, redactingLogger } from "../../src/bot/logger.js";
import { recordingLogger, TOKEN } from "./helpers.js";

describe("redactingLogger", () => {
  it("blanks the token in messages, fields and nested error causes (grammY puts the URL there)", () => {
    const { logger, lines } = recordingLogger();
    const log = redactingLogger(logger, [TOKEN]);
    const cause = new Error(`request to https://api.telegram.org/bot${TOKEN}/getUpdates failed, reason: ECONNRESET`);
    log.warn({ err: new HttpError("Network request for 'getUpdates' failed!", cause), url: `/bot${TOKEN}/x` }, `calling bot${TOKEN}`);
    const written = JSON.stringify(lines);
    expect(written).not.toContain(TOKEN);
    expect(written).not.toContain(TOKEN.split(":")[1]);
    expect(written).toContain("ECONNRESET");
    expect(lines[0]!.fields.err).toMatchObject({ type: "HttpError", cause: { message: expect.stringContaining("bot***/getUpdates") } });
  });

  it("blanks any other token-shaped string and extra secrets", () => {
    const { logger, lines } = recordingLogger();
    redactingLogger(logger, [undefined, "sk-local-secret"]).error({ key: "sk-local-secret" }, "other 9876543210:ZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZ here");
    expect(JSON.stringify(lines)).not.toMatch(/sk-local-secret|ZZZZZZZZZZ/);
  });

  it("describes non-errors too", () => {
    expect(describeError("plain")).toEqual({ message: "plain" });
  });
});
