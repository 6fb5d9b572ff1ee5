import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { realApp, type RealApp } from "../support/real-app.js";
import { appEnv, runScript } from "./run.js";

let app: RealApp;

beforeAll(async () => {
  app = await realApp();
});
afterAll(() => app.cleanup());

/** The output after each prompt, in order (the banner before the first prompt dropped). */
function replies(stdout: string): string[] {
  return stdout
    .split("问> ")
    .slice(1)
    .map((s) => s.trim());
}

describe("npm run chat, end to end (lines piped in)", () => {
  it("answers, resolves 这是哪天的报道？, shows /sources with the quoted passage, and quits", async () => {
    const lines = ["智慧物流园每年能降低多少物流成本？", "这是哪天的报道？", "/sources", "/quit", "这一行在退出之后，不应被回答"];
    const run = await runScript("chat.ts", [], { env: appEnv(app.config), input: `${lines.join("\n")}\n` });
    expect(run.code).toBe(0);
    expect(run.stderr).toBe("");
    // The banner says what is in the archive.
    expect(run.stdout.startsWith(`报库：已收录《昌吉日报》 ${app.archive.coverage.articles} 篇报道（2021年12月—`)).toBe(true);
    const [answer, when, sources, afterQuit, ...rest] = replies(run.stdout);
    expect(rest).toEqual([]);
    // The answer, with its figure as printed and its citation.
    expect(answer).toContain("预计每年降低物流成本6.8亿元");
    expect(answer).toContain("[1] 《昌吉日报》2025年5月29日（推定）《新疆准东东部矿区专用铁路及物流园项目开工建设》");
    // The follow-up gives the date of the report.
    expect(when).toMatch(/^出自《昌吉日报》2025年5月29日（推定）《新疆准东东部矿区专用铁路及物流园项目开工建设》\[1\]。/);
    // /sources: the quoted passage, with its full citation and file.
    expect(sources).toContain("[1] 《昌吉日报》2025年5月29日（推定）《新疆准东东部矿区专用铁路及物流园项目开工建设》");
    expect(sources).toContain("“建成后，这里将成为准东开发区最大的铁路物流枢纽，预计每年降低物流成本6.8亿元，创造300余个就业岗位。”");
    expect(sources).toContain("2025-05-29_昌吉市营商环境.txt");
    // /quit ends the conversation: the line after it gets no answer.
    expect(afterQuit).toBe("");
    expect(run.stdout).not.toContain("不应被回答");
  });

  it("follows up on a county, asks for the original, and shows /help", async () => {
    const lines = ["奇台县新建了多少座自动雨量站？", "那呼图壁县呢？", "原文怎么说？", "/help"];
    const run = await runScript("chat.ts", [], { env: appEnv(app.config), input: `${lines.join("\n")}\n` });
    expect(run.code).toBe(0);
    const [refused, other, original, help] = replies(run.stdout);
    expect(refused).toMatch(/^抱歉/);
    expect(refused).not.toContain("来源：");
    expect(other).toContain("5座自动雨量站");
    expect(other).toContain("《呼图壁县新建5座自动雨量站》");
    expect(original).toMatch(/^原文：“/);
    expect(original).toMatch(/5座自动雨量(?:监测)?站/u);
    expect(help).toContain("/sources");
    expect(help).toContain("/quit");
  });

  it("/sources before any answer says there is nothing to show; end of input ends the chat", async () => {
    const run = await runScript("chat.ts", [], { env: appEnv(app.config), input: "/sources\n" });
    expect(run.code).toBe(0);
    expect(replies(run.stdout)[0]).toBe("上一个回答没有引用来源。");
  });

  it("a bad config stops it with one line naming the key", async () => {
    const run = await runScript("chat.ts", [], { env: { ...appEnv(app.config), LLM: "maybe" }, input: "/quit\n" });
    expect(run.code).not.toBe(0);
    expect(run.stderr.trimEnd().split("\n")).toHaveLength(1);
    expect(run.stderr).toContain("LLM");
    expect(run.stderr).not.toContain("    at ");
  });
});
