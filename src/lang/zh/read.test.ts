import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { ValueDomain, ValueRule } from "../../tools/types.js";
import { chineseReadings } from "./read.js";

function domain(...rules: Array<Omit<ValueRule, "check">>): ValueDomain {
  return { exclusive: false, rules: rules.map((rule) => ({ ...rule, check: () => true })) };
}

const NUMBER = domain({ type: "number" });
const INTEGER = domain({ type: "integer" });
const STRING = domain({ type: "string" });

describe("chineseReadings", () => {
  it.each([
    ["一百二十元", 120],
    ["¥99元", 99],
    ["人民币120", 120],
    ["99块", 99],
    ["五件", 5],
    ["两瓶", 2],
    ["三点五", 3.5],
    ["十二", 12],
    ["把五件", 5],
    ["不超过¥399", 399],
    ["两千五以下", 2500],
    ["一百元左右", 100],
  ])("a number slot reads %s as %s first", (text, want) => {
    expect(chineseReadings(text, NUMBER)[0]).toBe(want);
    expect(chineseReadings(text, INTEGER)[0]).toBe(want);
  });

  it("reads a percentage as a fraction first where the slot takes fractions", () => {
    expect(chineseReadings("百分之二十", domain({ type: "number", percentAsFraction: true }))).toEqual([0.2, 20]);
    expect(chineseReadings("百分之二十", NUMBER)).toEqual([20]);
  });

  it("reads dates with a year in the slot's format or layout", () => {
    expect(chineseReadings("2026年12月8日", domain({ type: "string", format: "date" }))[0]).toBe("2026-12-08");
    expect(chineseReadings("2026年12月8日的", domain({ type: "string", dateLayout: "DD/MM/YYYY" }))[0]).toBe("08/12/2026");
    expect(chineseReadings("明天", domain({ type: "string", format: "date" }))).toEqual([]);
  });

  it("reads times for a time slot", () => {
    expect(chineseReadings("下午三点", domain({ type: "string", format: "time" }))[0]).toBe("15:00:00");
  });

  it("drops the particles at a string's ends and leaves whole text to the decoder's own readings", () => {
    expect(chineseReadings("A-1042的", STRING)).toEqual(["A-1042"]);
    expect(chineseReadings("订单SF123456", STRING)).toEqual(["SF123456"]);
    expect(chineseReadings("北京", STRING)).toEqual([]);
  });

  it("matches enum options after trimming", () => {
    expect(chineseReadings("顺丰的", domain({ type: "string", enum: ["顺丰", "圆通"] }))).toEqual(["顺丰"]);
  });

  it("never reads text without Chinese characters, so English answers cannot change", () => {
    const domains = [NUMBER, STRING, domain({ type: "string", format: "date" }), domain({ type: "string", enum: ["a", "b"] })];
    fc.assert(
      fc.property(
        fc.string({ unit: "binary" }).filter((text) => !/[\u3000-\u303f\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uff00-\uffef]/u.test(text)),
        (text) => domains.every((d) => chineseReadings(text, d).length === 0),
      ),
    );
  });

  it("has no reading for text without Chinese characters", () => {
    expect(chineseReadings("120", NUMBER)).toEqual([]);
    expect(chineseReadings("A-1042", STRING)).toEqual([]);
    expect(chineseReadings("2026-12-08", domain({ type: "string", format: "date" }))).toEqual([]);
  });
});
