import { describe, expect, it } from "vitest";
import { zhByteSegments, zhSegments } from "./glosses.js";

const bytes = (text: string): number[] => Array.from(new TextEncoder().encode(text));

describe("zhSegments", () => {
  it("cuts a run of ideographs into the longest lexicon words, left to right", () => {
    expect(zhSegments("订单号")).toEqual([{ glosses: ["order", "number"], start: 0, end: 3 }]);
    expect(zhSegments("邮编")).toEqual([{ glosses: ["postal", "code", "zip"], start: 0, end: 2 }]);
  });

  it("skips ASCII and punctuation between runs, and keeps words without glosses in the cut", () => {
    const segments = zhSegments("帮我查一下订单A-1042的状态");
    expect(segments.map(({ start, end }) => [start, end])).toEqual([
      [0, 1],
      [1, 2],
      [2, 3],
      [3, 5],
      [5, 7],
      [13, 14],
      [14, 16],
    ]);
    expect(segments[1]?.glosses).toEqual([]);
    expect(segments[4]?.glosses).toEqual(["order"]);
    expect(zhSegments("北京")).toEqual([{ glosses: [], start: 0, end: 2 }]);
  });

  it("finds nothing in text without ideographs", () => {
    expect(zhSegments("order ORD-1, ¥12，１２")).toEqual([]);
  });
});

describe("zhByteSegments", () => {
  it("places each word over its characters' bytes", () => {
    expect(zhByteSegments(bytes("订单A-1042的"))).toEqual([
      { glosses: ["order"], start: 0, end: 6 },
      { glosses: [], start: 12, end: 15 },
    ]);
  });

  it("ends a run at a character cut by truncation and at special ids", () => {
    const ids = bytes("订单状态");
    expect(zhByteSegments(ids.slice(1)).map(({ start, end }) => [start, end])).toEqual([
      [2, 5],
      [5, 11],
    ]);
    expect(zhByteSegments([...bytes("订"), 258, ...bytes("单")])).toEqual(zhByteSegments([...bytes("订"), 32, ...bytes("单")]));
    expect(zhByteSegments(ids.slice(0, 11)).map(({ start, end }) => [start, end])).toEqual([
      [0, 6],
      [6, 9],
    ]);
  });

  it("reads only lead bytes E4-E9 (ideographs), not other three-byte characters", () => {
    expect(zhByteSegments(bytes("，。（）"))).toEqual([]);
  });
});
