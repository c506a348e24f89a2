import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { AncestorRef } from "./record.js";
import { selectTurns, similarityMatters } from "./select.js";
import { slotMessage, slotsOf } from "./slots.js";
import { cosine, decodeVector, encodeVector, meanVector } from "./vectors.js";

const vec = (...values: number[]) => Float32Array.from(values);
const turn = (id: string, bytes: number, memory?: Float32Array): AncestorRef => ({
  id,
  bytes,
  memory: memory === undefined ? null : encodeVector(memory),
  slots: [],
});

describe("selectTurns", () => {
  // newest first, as a record's index holds them
  const turns = [
    turn("t5", 100, vec(0, 1)),
    turn("t4", 100, vec(0, 1)),
    turn("t3", 100, vec(1, 0)),
    turn("t2", 100, vec(0.7, 0.7)),
    turn("t1", 100, vec(0, -1)),
  ];

  it("without a query reads the newest turns that fit the budget, oldest first", () => {
    expect(selectTurns(turns, undefined, { budgetBytes: 300, keepNewest: 2, maxTurns: 10 })).toEqual(["t3", "t4", "t5"]);
  });

  it("with a query keeps the newest and then the most similar earlier turns", () => {
    expect(selectTurns(turns, vec(1, 0), { budgetBytes: 300, keepNewest: 2, maxTurns: 10 })).toEqual(["t3", "t4", "t5"]);
    expect(selectTurns(turns, vec(0, -1), { budgetBytes: 300, keepNewest: 2, maxTurns: 10 })).toEqual(["t1", "t4", "t5"]);
    expect(selectTurns(turns, vec(0, -1), { budgetBytes: 400, keepNewest: 1, maxTurns: 3 })).toEqual(["t1", "t3", "t5"]);
  });

  it("reads the newest turn always and the one before it only within the budget", () => {
    const big = [turn("n", 250, vec(0, 1)), turn("m", 250, vec(0, 1)), turn("o", 40, vec(1, 0)), turn("p", 40, vec(0, 1))];
    expect(selectTurns(big, vec(1, 0), { budgetBytes: 300, keepNewest: 2, maxTurns: 10 })).toEqual(["o", "n"]);
    expect(selectTurns(big, undefined, { budgetBytes: 100, keepNewest: 2, maxTurns: 10 })).toEqual(["n"]);
    expect(selectTurns(big, undefined, { budgetBytes: 500, keepNewest: 2, maxTurns: 10 })).toEqual(["m", "n"]);
  });

  it("reads at most maxTurns however long the chain is", () => {
    const long = Array.from({ length: 500 }, (_, i) => turn(`t${i}`, 1));
    expect(selectTurns(long, undefined, { budgetBytes: 1e9, keepNewest: 2, maxTurns: 12 })).toHaveLength(12);
  });
});

describe("similarityMatters", () => {
  const policy = { budgetBytes: 300, keepNewest: 2, maxTurns: 10 };

  it("says no when nothing beyond the newest fits, or everything does", () => {
    expect(similarityMatters([turn("a", 100), turn("b", 100)], policy)).toBe(false);
    expect(similarityMatters([turn("a", 200), turn("b", 90), turn("c", 20), turn("d", 30)], policy)).toBe(false);
    expect(similarityMatters([turn("a", 100), turn("b", 100), turn("c", 50), turn("d", 50)], policy)).toBe(false);
    expect(similarityMatters([turn("a", 100), turn("b", 100), turn("c", 60), turn("d", 60)], policy)).toBe(true);
  });

  it("when it says no, the query changes nothing", () => {
    const arbTurns = fc.array(
      fc.record({
        bytes: fc.integer({ min: 1, max: 200 }),
        x: fc.float({ min: -1, max: 1, noNaN: true }),
        y: fc.float({ min: -1, max: 1, noNaN: true }),
      }),
      { maxLength: 12 },
    );
    const arbPolicy = fc.record({
      budgetBytes: fc.integer({ min: 0, max: 600 }),
      keepNewest: fc.integer({ min: 0, max: 3 }),
      maxTurns: fc.integer({ min: 1, max: 6 }),
    });
    fc.assert(
      fc.property(arbTurns, arbPolicy, fc.float({ min: -1, max: 1, noNaN: true }), (raw, p, q) => {
        const turns = raw.map((t, i) => turn(`t${i}`, t.bytes, vec(t.x, t.y)));
        if (similarityMatters(turns, p)) return;
        expect(selectTurns(turns, vec(q, 1 - q), p)).toEqual(selectTurns(turns, undefined, p));
      }),
      { seed: 32, numRuns: 500 },
    );
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

describe("slots", () => {
  it("keeps id-like values of calls and tool outputs first, newest first, at most eight", () => {
    const slots = slotsOf([
      {
        role: "assistant",
        content: null,
        tool_calls: [{ id: "c1", type: "function", function: { name: "get_order_status", arguments: '{"order_id":"A-1042"}' } }],
      },
      { role: "tool", content: '{"status":"shipped","tracking_number":"ZX-9","items":[{"sku":"S-1","qty":2}]}', tool_call_id: "c1" },
    ]);
    expect(slots.slice(0, 2)).toEqual([
      { name: "tracking_number", value: "ZX-9" },
      { name: "order_id", value: "A-1042" },
    ]);
    expect(slots).toContainEqual({ name: "qty", value: 2 });
    expect(
      slotsOf([{ role: "tool", content: JSON.stringify(Object.fromEntries(Array.from({ length: 20 }, (_, i) => [`k${i}`, i]))), tool_call_id: "c" }]),
    ).toHaveLength(8);
  });

  it("reads as one short tool message within its byte budget", () => {
    const message = slotMessage(
      [
        { name: "order_id", value: "A-1042" },
        { name: "order_id", value: "A-1042" },
        { name: "total", value: 12.5 },
      ],
      60,
    );
    expect(message).toEqual({ role: "tool", tool_call_id: "memory", content: 'Earlier values: order_id="A-1042", total=12.5' });
    expect(slotMessage([{ name: "order_id", value: "A-1042" }], 20)).toBeUndefined();
  });
});
