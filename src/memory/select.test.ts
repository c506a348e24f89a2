import { describe, expect, it } from "vitest";
import type { AncestorRef } from "./record.js";
import { selectTurns } from "./select.js";
import { cosine, decodeVector, encodeVector, meanVector } from "./vectors.js";

const vec = (...values: number[]) => Float32Array.from(values);
const turn = (id: string, bytes: number, memory?: Float32Array): AncestorRef => ({ id, bytes, memory: memory === undefined ? null : encodeVector(memory) });

describe("selectTurns", () => {
  // newest first, as a record's index holds them
  const turns = [turn("t5", 100, vec(0, 1)), turn("t4", 100, vec(0, 1)), turn("t3", 100, vec(1, 0)), turn("t2", 100, vec(0.7, 0.7)), turn("t1", 100, vec(0, -1))];

  it("without a query reads the newest turns that fit the budget, oldest first", () => {
    expect(selectTurns(turns, undefined, { budgetBytes: 300, keepNewest: 2, maxTurns: 10 })).toEqual(["t3", "t4", "t5"]);
  });

  it("with a query keeps the newest and then the most similar earlier turns", () => {
    expect(selectTurns(turns, vec(1, 0), { budgetBytes: 300, keepNewest: 2, maxTurns: 10 })).toEqual(["t3", "t4", "t5"]);
    expect(selectTurns(turns, vec(0, -1), { budgetBytes: 300, keepNewest: 2, maxTurns: 10 })).toEqual(["t1", "t4", "t5"]);
    expect(selectTurns(turns, vec(0, -1), { budgetBytes: 400, keepNewest: 1, maxTurns: 3 })).toEqual(["t1", "t3", "t5"]);
  });

  it("reads at most maxTurns however long the chain is", () => {
    const long = Array.from({ length: 500 }, (_, i) => turn(`t${i}`, 1));
    expect(selectTurns(long, undefined, { budgetBytes: 1e9, keepNewest: 2, maxTurns: 12 })).toHaveLength(12);
  });
});

describe("vectors", () => {
  it("round-trip through base64 and compare by cosine", () => {
    const v = vec(0.25, -1.5, 3);
    expect(decodeVector(encodeVector(v))).toEqual(v);
    expect(decodeVector("not base64!")).toBeUndefined();
    expect(decodeVector(btoa("abc"))).toBeUndefined();
    expect(cosine(vec(1, 0), vec(0, 2))).toBe(0);
    expect(cosine(vec(1, 1), vec(2, 2))).toBeCloseTo(1);
    expect(meanVector([vec(1, 3), vec(3, 1)])).toEqual(vec(2, 2));
  });
});
