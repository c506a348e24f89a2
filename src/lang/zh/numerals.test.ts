import { describe, expect, it } from "vitest";
import { parseZhNumber, parseZhPercent } from "./numerals.js";

describe("parseZhNumber", () => {
  it.each([
    ["零", 0],
    ["一", 1],
    ["十", 10],
    ["十二", 12],
    ["二十", 20],
    ["二十五", 25],
    ["一百二十", 120],
    ["一百零五", 105],
    ["一百一十", 110],
    ["三百五", 350],
    ["两千五", 2500],
    ["两千零五", 2005],
    ["三千五百零二", 3502],
    ["一万二", 12000],
    ["一万零二百", 10200],
    ["十万", 100000],
    ["三亿五千万", 350_000_000],
    ["3万", 30000],
    ["1.5万", 15000],
    ["三点五", 3.5],
    ["零点二五", 0.25],
    ["3点5", 3.5],
    ["壹佰贰拾", 120],
    ["二零二六", 2026],
    ["第三", 3],
    ["负三", -3],
    ["半", 0.5],
    ["１２", 12],
    ["42", 42],
  ])("%s -> %s", (text, want) => {
    expect(parseZhNumber(text)).toBe(want);
  });

  it.each(["", "五件", "订单", "十十", "百千", "三四五六a", "点", "一百二十元"])("%s is not one number", (text) => {
    expect(parseZhNumber(text)).toBeNull();
  });
});

describe("parseZhPercent", () => {
  it.each([
    ["百分之二十", 20],
    ["百分之3.5", 3.5],
    ["百分之百", 100],
  ])("%s -> %s", (text, want) => {
    expect(parseZhPercent(text)).toBe(want);
  });
  it("reads only percentages", () => {
    expect(parseZhPercent("二十")).toBeNull();
  });
});
