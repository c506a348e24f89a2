import { describe, expect, it } from "vitest";
import { parseZhDate } from "./dates.js";

/** A Monday. */
const TODAY = "2026-12-07";

describe("parseZhDate with a year", () => {
  it.each([
    ["2026年12月8日", "2026-12-08"],
    ["2026年12月8号", "2026-12-08"],
    ["2027年1月1日", "2027-01-01"],
    ["二〇二六年十二月八日", "2026-12-08"],
    ["2026/12/8", "2026-12-08"],
    ["２０２６年１２月８日", "2026-12-08"],
  ])("%s -> %s (with or without a reference day)", (text, want) => {
    expect(parseZhDate(text)).toBe(want);
    expect(parseZhDate(text, TODAY)).toBe(want);
  });

  it.each(["2026年2月30日", "2026年13月1日", "明天", "12月8日", "下周一", "订单"])("%s is not read without a reference day", (text) => {
    expect(parseZhDate(text)).toBeNull();
  });
});

describe("parseZhDate against a reference day", () => {
  it.each([
    ["今天", "2026-12-07"],
    ["明天", "2026-12-08"],
    ["后天", "2026-12-09"],
    ["大后天", "2026-12-10"],
    ["昨天", "2026-12-06"],
    ["下周一", "2026-12-14"],
    ["下星期五", "2026-12-18"],
    ["这周五", "2026-12-11"],
    ["周日", "2026-12-13"],
    ["上周三", "2026-12-02"],
    ["12月8日", "2026-12-08"],
    ["十二月八号", "2026-12-08"],
    ["1月3日", "2027-01-03"],
    ["8号", "2026-12-08"],
    ["5号", "2027-01-05"],
    ["下个月5号", "2027-01-05"],
  ])("%s -> %s", (text, want) => {
    expect(parseZhDate(text, TODAY)).toBe(want);
  });

  it("ends a month's days where the month does", () => {
    expect(parseZhDate("11月31日", TODAY)).toBeNull();
    expect(parseZhDate("明天", "2026-12-31")).toBe("2027-01-01");
  });
});
