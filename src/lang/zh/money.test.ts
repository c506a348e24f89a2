import { describe, expect, it } from "vitest";
import { parseZhMoney } from "./money.js";

describe("parseZhMoney", () => {
  it.each([
    ["一百二十元", 120, "CNY"],
    ["¥99", 99, "CNY"],
    ["￥99", 99, "CNY"],
    ["￥ 1,299", 1299, "CNY"],
    ["99块", 99, "CNY"],
    ["99块钱", 99, "CNY"],
    ["人民币120", 120, "CNY"],
    ["120元人民币", 120, "CNY"],
    ["RMB 88", 88, "CNY"],
    ["99.9元", 99.9, "CNY"],
    ["3块5", 3.5, "CNY"],
    ["两块五毛", 2.5, "CNY"],
    ["五毛", 0.5, "CNY"],
    ["一块二毛五分", 1.25, "CNY"],
    ["1.5万元", 15000, "CNY"],
    ["两千五百元", 2500, "CNY"],
    ["200美元", 200, "USD"],
    ["五十欧元", 50, "EUR"],
    ["$30", 30, "USD"],
    ["10瑞士法郎", 10, "CHF"],
    ["十加拿大元", 10, "CAD"],
    ["5港币", 5, "HKD"],
  ])("%s -> %s %s", (text, amount, currency) => {
    expect(parseZhMoney(text)).toEqual({ amount, currency });
  });

  it.each(["", "元", "五件", "一百二十", "A-1042", "三块五毛五毛", "九十九块99"])("%s is not an amount", (text) => {
    expect(parseZhMoney(text)).toBeNull();
  });
});
