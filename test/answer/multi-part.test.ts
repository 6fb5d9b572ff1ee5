import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { realApp, type RealApp } from "../support/real-app.js";
import { occurrences } from "./checks.js";

let app: RealApp;
beforeAll(async () => {
  app = await realApp();
});
afterAll(() => app.cleanup());

describe("a question of several parts says each sentence once", () => {
  it("a later part answered from the same sentence, quoted again with the sentence before it, is not said twice", async () => {
    // The second part's best candidate is the pair (sentence before + the first part's sentence).
    const r = await app.answerer.answer("准东开发区有多少家企业注册登记？注册资本1千万元以上的有多少家？");
    expect(r.answered).toBe(true);
    expect(r.answer).toContain("245家");
    expect(r.answer).toContain("56家");
    expect(occurrences(r.answer, "245家")).toBe(1);
    expect(r.citations).toHaveLength(1);
  });

  it("parts answered from two sentences are both said, each cited", async () => {
    const r = await app.answerer.answer("木垒县交付了多少辆新能源重卡？总价值多少？");
    expect(r.answer).toMatch(/130辆[^。]*\[1\][\s\S]*5980万元[^。]*\[2\]/u);
    expect(r.citations).toHaveLength(2);
  });
});
