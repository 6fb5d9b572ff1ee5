import { readFile } from "node:fs/promises";
import { chromium, type Browser, type BrowserContext, type Page } from "playwright-core";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { formatCitation, OCR_NOTE } from "../../src/answer/citation.js";
import type { AnswerResult, Conversation } from "../../src/answer/types.js";
import { realApp, type RealApp } from "../support/real-app.js";
import { startWeb, type RunningWeb } from "./helpers.js";

/** Debian's chromium (.ci/run installs it); driven through playwright-core, which downloads nothing. */
const CHROMIUM = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";
/** Without the background-networking flags a closed network makes Chromium misbehave. */
const CHROMIUM_ARGS = [
  "--no-sandbox",
  "--disable-gpu",
  "--disable-quic",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
];
const ZHUNDONG = "今年上半年准东开发区有多少家企业注册登记？";
const BOOKS = "木垒县今年新建了多少个乡村书屋？";

let app: RealApp;
let web: RunningWeb;
let browser: Browser;
let context: BrowserContext;
beforeAll(async () => {
  // The real pages plus one whose headline and text carry markup: it must show as text.
  const hostile = await readFile("test/web/fixtures/hostile-page.txt", "utf8");
  app = await realApp({}, {}, { "昌吉日报/2025-06-10_03版.txt": hostile });
  web = await startWeb(app);
  // playwright-core starts it with a fresh temporary --user-data-dir of its own.
  browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: CHROMIUM_ARGS });
});
afterEach(() => context?.close());
afterAll(async () => {
  await browser?.close();
  await web?.close();
  await app?.cleanup();
});

interface Opened {
  page: Page;
  /** Every URL the page asked for. */
  requests: string[];
  /** Errors thrown by the page's script. */
  errors: string[];
}

async function open(viewport = { width: 1280, height: 900 }, url = web.url): Promise<Opened> {
  context = await browser.newContext({ viewport, locale: "zh-CN" });
  const page = await context.newPage();
  const requests: string[] = [];
  const errors: string[] = [];
  page.on("request", (r) => requests.push(r.url()));
  page.on("pageerror", (e) => errors.push(e.message));
  await page.goto(`${url}/`);
  await page.locator('[data-role="example"]').first().waitFor();
  return { page, requests, errors };
}

/** Types a question, presses Enter, and waits for its answer: the API's JSON and the answer's element. */
async function askOnPage(page: Page, question: string) {
  const answers = page.locator('[data-role="answer"]');
  const before = await answers.count();
  const box = page.locator("textarea#question");
  await box.fill(question);
  const [response] = await Promise.all([page.waitForResponse((r) => r.url().endsWith("/api/ask")), box.press("Enter")]);
  const json = (await response.json()) as AnswerResult & { conversation: string };
  await answers.nth(before).waitFor();
  return { json, answer: answers.nth(before), request: JSON.parse(response.request().postData() ?? "{}") };
}

describe("the chat page in a real browser (headless Chromium)", () => {
  it("asks with Enter and shows the answer, the exact answer and each citation as the API gave them", async () => {
    const { page, requests, errors } = await open();
    const { json, answer } = await askOnPage(page, ZHUNDONG);
    expect(json.answered).toBe(true);
    expect(await page.locator('[data-role="question"]').last().textContent()).toBe(ZHUNDONG);
    expect(await page.locator("textarea#question").inputValue()).toBe("");
    expect(await answer.locator('[data-role="answer-text"]').textContent()).toBe(json.answer);

    // The exact answer stands out: shown on its own, larger than the answer's text.
    expect(json.short).not.toBeNull();
    expect(await answer.locator('[data-role="short"]').textContent()).toContain(json.short);
    const size = (selector: string) => answer.locator(selector).evaluate((e) => Number.parseFloat(getComputedStyle(e).fontSize));
    expect(await size('[data-role="short"]')).toBeGreaterThan(await size('[data-role="answer-text"]'));

    const citations = answer.locator('[data-role="citation"]');
    expect(await citations.count()).toBe(json.citations.length);
    for (const [i, c] of json.citations.entries()) {
      const citation = citations.nth(i);
      expect(await citation.locator("summary").textContent()).toBe(`[${c.id}] ${formatCitation(c)}`);
      const quote = citation.locator('[data-role="quote"]');
      expect(await quote.isVisible()).toBe(false);
      await citation.locator("summary").click();
      expect(await quote.isVisible()).toBe(true);
      expect(await quote.textContent()).toBe(c.quote);
    }
    // 推定 where the date was inferred (this report's is: 2025年7月（推定）).
    expect(json.citations[0]!.dateInferred).toBe(true);
    expect(await citations.first().locator('[data-field="date"]').textContent()).toMatch(/（推定）$/);

    expect(errors).toEqual([]);
    expect(requests.every((u) => u.startsWith(`${web.url}/`))).toBe(true);
  });

  it("marks a citation of a page read by OCR as 识别文本, worded as the console words it", async () => {
    const { page, errors } = await open();
    // The API's own answer, with its first citation said to come from a scan.
    await page.route("**/api/ask", async (route) => {
      const response = await route.fetch();
      const json = (await response.json()) as AnswerResult;
      json.citations[0]!.ocr = true;
      await route.fulfill({ response, json });
    });
    const { json, answer } = await askOnPage(page, ZHUNDONG);
    const citations = answer.locator('[data-role="citation"]');
    expect(json.citations[0]!.ocr).toBe(true);
    expect(await citations.first().locator('[data-field="ocr"]').textContent()).toBe(OCR_NOTE);
    expect(await citations.first().locator("summary").textContent()).toBe(`[${json.citations[0]!.id}] ${formatCitation(json.citations[0]!)}`);
    for (const i of json.citations.keys()) if (i > 0) expect(await citations.nth(i).locator('[data-field="ocr"]').count()).toBe(0);
    expect(errors).toEqual([]);
  });

  it("follows up in one conversation exactly as the console chat does, and 新对话 starts another", async () => {
    const { page } = await open();
    const chat: Conversation = { turns: [] };
    let id: string | undefined;
    for (const question of ["奇台县新建了多少座自动雨量站？", "那呼图壁县呢？", "这是哪天的报道？", "原文怎么说？"]) {
      const { json, answer, request } = await askOnPage(page, question);
      expect(request.conversation).toBe(id);
      id = json.conversation;
      const expected = await app.answerer.answer(question, chat);
      expect(await answer.locator('[data-role="answer-text"]').textContent()).toBe(expected.answer);
      expect(await answer.locator('[data-role="citation"]').count()).toBe(expected.citations.length);
    }
    expect(await page.locator('[data-role="answer"]').count()).toBe(4);

    await page.getByRole("button", { name: "新对话" }).click();
    expect(await page.locator('[data-role="answer"]').count()).toBe(0);
    const { request, json } = await askOnPage(page, "这是哪天的报道？");
    expect(request.conversation).toBeUndefined();
    expect(json.conversation).not.toBe(id);
  });

  it("starts with the example questions; pressing one asks it", async () => {
    const { page } = await open();
    const about = await (await fetch(`${web.url}/api/about`)).json();
    const examples = page.locator('[data-role="example"]');
    expect(await examples.allTextContents()).toEqual(about.examples);
    const [response] = await Promise.all([page.waitForResponse((r) => r.url().endsWith("/api/ask")), examples.nth(1).click()]);
    const json = await response.json();
    await page.locator('[data-role="answer"]').first().waitFor();
    expect(json.question).toBe(about.examples[1]);
    expect(await page.locator('[data-role="question"]').first().textContent()).toBe(about.examples[1]);
    expect(await page.locator('[data-role="answer-text"]').first().textContent()).toBe(json.answer);
  });

  it("sends on Enter only: Shift+Enter is a new line, and Enter confirming an input method's word is not a send", async () => {
    const { page, requests } = await open();
    const box = page.locator("textarea#question");
    await box.fill("准东开发区");
    await box.press("Shift+Enter");
    await box.evaluate((e) => e.dispatchEvent(new KeyboardEvent("keydown", { key: "Enter", isComposing: true, bubbles: true, cancelable: true })));
    await page.waitForTimeout(200);
    expect(requests.filter((u) => u.endsWith("/api/ask"))).toEqual([]);
    expect(await box.inputValue()).toBe("准东开发区\n");
  });

  it("shows markup in an archive page as text: nothing in it runs", async () => {
    const { page, errors } = await open();
    const { json, answer } = await askOnPage(page, BOOKS);
    // The hostile page is what was cited, markup and all (else this test would prove nothing).
    const cited = JSON.stringify(json.citations);
    expect(cited).toContain("<img src=x onerror=");
    expect(cited).toContain("<script>");
    for (const summary of await answer.locator('[data-role="citation"] summary').all()) await summary.click();
    const citation = json.citations.find((c) => c.quote.includes("<img"))!;
    expect(await answer.locator('[data-role="quote"]').allTextContents()).toContain(citation.quote);
    expect(await answer.locator('[data-role="citation"] summary').allTextContents()).toContain(`[${citation.id}] ${formatCitation(citation)}`);
    expect(await answer.locator('[data-role="answer-text"]').textContent()).toBe(json.answer);
    expect(await page.locator("#log img, #log script").count()).toBe(0);
    expect(await page.evaluate(() => (window as any).__pwned)).toBeUndefined();
    expect(errors).toEqual([]);
  });

  it("shows markup in a question as text: nothing in it runs", async () => {
    const { page, errors } = await open();
    const question = `<img src=x onerror="window.__pwned='question'"><script>window.__pwned='script'</script>准东开发区有多少家企业？`;
    const { json } = await askOnPage(page, question);
    expect(json.question).toContain("<img");
    expect(await page.locator('[data-role="question"]').last().textContent()).toBe(question);
    expect(await page.locator("#log img, #log script").count()).toBe(0);
    expect(await page.evaluate(() => (window as any).__pwned)).toBeUndefined();
    expect(errors).toEqual([]);
  });

  it("fits a phone 390 px wide: no sideways scrolling, the question box and its button on screen", async () => {
    const { page } = await open({ width: 390, height: 844 });
    await askOnPage(page, ZHUNDONG);
    await page.locator('[data-role="citation"] summary').first().click();
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    for (const selector of ["textarea#question", "button#send"]) {
      const box = (await page.locator(selector).boundingBox())!;
      expect(box.x).toBeGreaterThanOrEqual(0);
      expect(box.x + box.width).toBeLessThanOrEqual(390);
      expect(box.y + box.height).toBeLessThanOrEqual(844);
    }
  });

  it("keeps a readable column on a desktop", async () => {
    const { page } = await open({ width: 1440, height: 900 });
    await askOnPage(page, ZHUNDONG);
    const answer = (await page.locator('[data-role="answer"]').first().boundingBox())!;
    expect(answer.width).toBeLessThanOrEqual(800);
    expect(Math.abs(answer.x + answer.width / 2 - 720)).toBeLessThan(40);
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(1440);
  });

  it("says so when the server cannot be reached", async () => {
    const gone = await startWeb(app);
    const { page } = await open(undefined, gone.url);
    await gone.close();
    const box = page.locator("textarea#question");
    await box.fill(ZHUNDONG);
    await box.press("Enter");
    const error = page.locator('[data-role="error"]');
    await error.waitFor();
    expect(await error.textContent()).toContain("连接不上");
    expect(await page.locator('[data-role="pending"]').count()).toBe(0);
    expect(await page.locator("button#send").isEnabled()).toBe(true);
  });

  it("shows the API's error message when a question is refused (here: the rate limit)", async () => {
    const limited = await startWeb(app, { rateLimit: 1 });
    try {
      const { page } = await open(undefined, limited.url);
      await askOnPage(page, ZHUNDONG);
      const box = page.locator("textarea#question");
      await box.fill("这是哪天的报道？");
      const [response] = await Promise.all([page.waitForResponse((r) => r.url().endsWith("/api/ask")), box.press("Enter")]);
      expect(response.status()).toBe(429);
      const error = page.locator('[data-role="error"]');
      await error.waitFor();
      expect(await error.textContent()).toBe((await response.json()).error.message);
    } finally {
      await limited.close();
    }
  });
});
