import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEFAULT_EXAMPLES } from "../../src/bot/deps.js";
import { buttonData, message, newUser, press, realDeps, testBot, type RealDeps } from "./helpers.js";

let real: RealDeps;
const ADMIN = 777001;
beforeAll(async () => {
  real = await realDeps({ BOT_ADMINS: `${ADMIN},777002` });
});
afterAll(() => real?.cleanup());

describe("/start and /help", () => {
  it("/start tells what Baoku does, its coverage, and offers three example questions", async () => {
    const { bot, sent } = testBot(real.deps);
    await bot.handleUpdate(message("/start", { user: newUser() }));
    const [welcome] = sent();
    expect(welcome!.payload.text).toContain("注明出处");
    expect(welcome!.payload.text).toContain("《昌吉日报》2021年12月至2025年12月23日，5 个版面、");
    const rows = welcome!.payload.reply_markup.inline_keyboard as Array<Array<{ text: string; callback_data: string }>>;
    expect(rows).toHaveLength(3);
    const buttons = rows.flat();
    expect(buttons.map((b) => b.text)).toEqual([...DEFAULT_EXAMPLES]);
    for (const b of buttons) expect(Buffer.byteLength(b.callback_data)).toBeLessThanOrEqual(64);
  });

  it("pressing an example asks it and answers with the question shown", async () => {
    const { bot, calls, texts } = testBot(real.deps);
    const user = newUser();
    await bot.handleUpdate(message("/start", { user }));
    await bot.handleUpdate(
      press(
        buttonData(
          calls.find((c) => c.method === "sendMessage"),
          DEFAULT_EXAMPLES[0],
        ),
        { user },
      ),
    );
    expect(calls.some((c) => c.method === "answerCallbackQuery")).toBe(true);
    expect(texts()[1]).toContain(`<b>问：</b>${DEFAULT_EXAMPLES[0]}`);
    expect(texts()[1]).toContain("245家企业");
  });

  it("/help explains questions, follow-ups, buttons, groups and commands", async () => {
    const { bot, texts } = testBot(real.deps);
    await bot.handleUpdate(message("/help", { user: newUser() }));
    for (const part of ["那木垒县呢？", "原文", "👍", "/ask", "/search 关键词 [YYYY-MM]", "/about"]) expect(texts()[0]).toContain(part);
  });

  it("an unknown command is not taken for a question", async () => {
    const { bot, calls, texts } = testBot(real.deps);
    await bot.handleUpdate(message("/weather", { user: newUser() }));
    expect(texts()).toEqual(["没有这个命令。发送 /help 查看用法。"]);
    expect(calls.some((c) => c.method === "sendChatAction")).toBe(false);
  });
});

describe("/search", () => {
  it("lists matching articles with dates and headlines", async () => {
    const { bot, texts } = testBot(real.deps);
    await bot.handleUpdate(message("/search 新能源", { user: newUser() }));
    const reply = texts()[0]!;
    expect(reply).toContain("<b>“新能源”的相关报道</b>");
    expect(reply).toContain("1. 《昌吉日报》");
    expect(reply).toMatch(/2025年12月23日 第12403期 第1版《/);
    expect(reply).toMatch(/2025年7月（推定）《木垒县“绿色物流”升级扩容/);
  });

  it("filters by month", async () => {
    const { bot, texts } = testBot(real.deps);
    await bot.handleUpdate(message("/search 新能源 2025-12", { user: newUser() }));
    const reply = texts()[0]!;
    expect(reply).toContain("（2025年12月）");
    expect(reply).toContain("2025年12月23日");
    expect(reply).not.toContain("2025年7月");
  });

  it("says so when nothing matches, and shows usage without a keyword", async () => {
    const { bot, texts } = testBot(real.deps);
    const user = newUser();
    await bot.handleUpdate(message("/search 新能源 2019-01", { user }));
    await bot.handleUpdate(message("/search", { user }));
    expect(texts()[0]).toBe("没有找到与“新能源”相关的报道（2019年1月）。");
    expect(texts()[1]).toContain("用法：/search 关键词 [YYYY-MM]");
  });
});

describe("/about", () => {
  it("shows papers, date range, pages, articles and index build time", async () => {
    const { bot, texts } = testBot(real.deps);
    await bot.handleUpdate(message("/about", { user: newUser() }));
    const info = real.deps.indexInfo();
    const reply = texts()[0]!;
    expect(reply).toContain("报纸：昌吉日报");
    expect(reply).toContain("日期：2021年12月 至 2025年12月23日");
    expect(reply).toContain(`收录：${info.counts.pages} 个版面，${info.counts.articles} 篇文章`);
    expect(reply).toMatch(/索引建立于：\d{4}-\d{2}-\d{2} \d{2}:\d{2}（北京时间）/);
  });
});

describe("/reindex", () => {
  it("is refused politely for anyone not in BOT_ADMINS, and nothing is rebuilt", async () => {
    const { bot, texts } = testBot(real.deps);
    const before = real.deps.indexInfo().builtAt;
    await bot.handleUpdate(message("/reindex", { user: newUser() }));
    expect(texts()).toEqual(["抱歉，重建索引只限管理员使用。"]);
    expect(real.deps.indexInfo().builtAt).toBe(before);
  });

  it("rebuilds for an admin, who is told when it is done; answers keep working", async () => {
    const { bot, texts } = testBot(real.deps);
    const before = real.deps.indexInfo().builtAt;
    await bot.handleUpdate(message("/reindex", { user: ADMIN }));
    expect(texts()[0]).toContain("正在重建索引");
    expect(texts()[1]).toMatch(/^索引已重建（用时 [\d.]+ 秒）：《昌吉日报》/);
    expect(real.deps.indexInfo().builtAt).not.toBe(before);
    await bot.handleUpdate(message("今年上半年准东开发区有多少家企业注册登记？", { user: ADMIN }));
    expect(texts()[2]).toContain("245家企业");
  });
});
