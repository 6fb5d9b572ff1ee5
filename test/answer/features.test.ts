import { describe, expect, it } from "vitest";
import { longestCommonRun } from "../../src/answer/features.js";

describe("longestCommonRun", () => {
  it.each([
    ["准东开发区企业", "在准东开发区注册", 5], // 准东开发区
    ["在准东开发区注册", "准东开发区企业", 5],
    ["准东开发区", "准东开发区", 5],
    ["准东", "奇台县", 0],
    ["昌吉市充电桩", "充电桩昌吉", 3], // 充电桩, not the shorter 昌吉
    ["", "准东开发区", 0],
    ["准东开发区", "", 0],
    ["", "", 0],
  ] as const)("%s vs %s → %i", (a, b, run) => {
    expect(longestCommonRun(a, b)).toBe(run);
  });
});
