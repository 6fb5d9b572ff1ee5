/**
 * The running bot picks up an index updated by `npm run index` without a restart: it watches the
 * index folder, swaps, logs it, and the next question is answered from the new page.
 */
import { writeFile } from "node:fs/promises";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createBotDeps } from "../../src/bot/app-deps.js";
import { redactingLogger } from "../../src/bot/logger.js";
import type { Config } from "../../src/config.js";
import { refreshIndex } from "../../src/index/open-index.js";
import { configFor, smallPage, tempArchive, type TempArchive } from "../index/helpers.js";
import { message, newUser, recordingLogger, testBot, TOKEN, type LogLine } from "./helpers.js";

const QUESTION = "玛纳斯县第7座智慧灌溉示范园覆盖农田多少亩？";

let archive: TempArchive;
let config: Config;
let deps: Awaited<ReturnType<typeof createBotDeps>>;
let logs: LogLine[];

beforeAll(async () => {
  archive = await tempArchive("baoku-bot-swap-");
  config = configFor(archive, { LOG_LEVEL: "silent" });
  const recording = recordingLogger();
  logs = recording.lines;
  deps = await createBotDeps(config, redactingLogger(recording.logger, [TOKEN]), { watchMs: 100 });
});

afterAll(async () => {
  deps?.close();
  await archive?.remove();
});

describe("the bot and an updated index", () => {
  it("answers from a page added after it started, once the update is written", async () => {
    const user = newUser();
    const { bot, texts } = testBot(deps);
    await bot.handleUpdate(message(QUESTION, { user }));
    expect(texts()[0]).not.toContain("3107亩");
    const pagesBefore = deps.indexInfo().counts.pages;
    const articlesBefore = deps.indexInfo().counts.articles;

    await writeFile(join(archive.corpusDir, "昌吉日报", "2026-01-05_03版.txt"), smallPage(7));
    expect((await refreshIndex(config)).action).toBe("updated");
    const deadline = Date.now() + 30_000;
    while (!logs.some((l) => l.message.startsWith("已切换到更新后的索引")) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
    expect(logs.find((l) => l.message.startsWith("已切换到更新后的索引"))?.message).toBe(
      `已切换到更新后的索引：${pagesBefore + 1} 个版面，${articlesBefore + 1} 篇文章`,
    );
    expect(deps.indexInfo().counts.pages).toBe(pagesBefore + 1);

    await bot.handleUpdate(message(QUESTION, { user }));
    expect(texts()[1]).toContain("3107亩");
    expect(texts()[1]).toContain("2026年1月5日");
  });
});
