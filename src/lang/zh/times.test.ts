import { describe, expect, it } from "vitest";
import { parseZhTime, splitZhDateTime } from "./times.js";

describe("parseZhTime", () => {
  it.each([
    ["下午三点", "15:00"],
    ["下午3点", "15:00"],
    ["三点半", "03:30"],
    ["下午三点半", "15:30"],
    ["15:30", "15:30"],
    ["１５：３０", "15:30"],
    ["下午3:30", "15:30"],
    ["上午十点二十分", "10:20"],
    ["上午10点05分", "10:05"],
    ["晚上八点一刻", "20:15"],
    ["晚上八点三刻", "20:45"],
    ["中午十二点", "12:00"],
    ["中午一点", "13:00"],
    ["凌晨两点", "02:00"],
    ["凌晨十二点", "00:00"],
    ["九点整", "09:00"],
    ["十四时", "14:00"],
  ])("%s -> %s", (text, want) => {
    expect(parseZhTime(text)).toBe(want);
  });

  it.each(["", "下午", "三点七十", "二十五点", "明天", "五件"])("%s is not a time", (text) => {
    expect(parseZhTime(text)).toBeNull();
  });
});

describe("splitZhDateTime", () => {
  it.each([
    ["明天下午三点", "明天", "下午三点"],
    ["12月8日15:30", "12月8日", "15:30"],
    ["后天上午十点", "后天", "上午十点"],
  ])("%s -> %s + %s", (text, date, time) => {
    expect(splitZhDateTime(text)).toEqual({ date, time });
  });
  it("needs a date before the time", () => {
    expect(splitZhDateTime("下午三点")).toBeNull();
  });
});
