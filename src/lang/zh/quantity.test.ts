import { describe, expect, it } from "vitest";
import { parseZhQuantity } from "./quantity.js";

describe("parseZhQuantity", () => {
  it.each([
    ["五件", 5, "件"],
    ["3个", 3, "个"],
    ["3 个", 3, "个"],
    ["两瓶", 2, "瓶"],
    ["两瓶洗发水", 2, "瓶"],
    ["一双", 1, "双"],
    ["十二盒", 12, "盒"],
    ["２０包", 20, "包"],
    ["一打", 12, "打"],
    ["两打", 24, "打"],
  ])("%s -> %s %s", (text, count, unit) => {
    expect(parseZhQuantity(text)).toEqual({ count, unit });
  });

  it.each(["", "件", "五", "五元", "订单五件", "A-1042", "五号"])("%s is not a quantity", (text) => {
    expect(parseZhQuantity(text)).toBeNull();
  });
});
