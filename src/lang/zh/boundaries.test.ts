import { describe, expect, it } from "vitest";
import { trimZhParticles } from "./boundaries.js";

describe("trimZhParticles", () => {
  it.each([
    ["A-1042的", "A-1042"],
    ["把A-1042", "A-1042"],
    ["把订单A-1042的", "A-1042"],
    ["订单号SF1234567890", "SF1234567890"],
    ["北京的", "北京"],
    ["蓝牙耳机了", "蓝牙耳机"],
    ["五件了吗", "五件"],
    ["3个", "3"],
    ["“上海”", "上海"],
    ["帮我查深圳", "帮我查深圳".slice(2)],
    ["优惠码SAVE20。", "SAVE20"],
    ["下B7731", "B7731"],
    ["个SKU-8812", "SKU-8812"],
  ])("%s -> %s", (text, want) => {
    expect(trimZhParticles(text)).toBe(want);
  });

  it.each(["把手", "对讲机", "和平路", "按摩椅", "这个", "个人", "下午", "华为P40", "北京", "A-1042", "Beijing"])(
    "%s is a word and stays whole",
    (text) => {
      expect(trimZhParticles(text)).toBe(text);
    },
  );

  it("keeps text that is only a particle", () => {
    expect(trimZhParticles("的")).toBe("的");
  });
});
