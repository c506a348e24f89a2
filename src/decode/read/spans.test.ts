import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { serializeConversation } from "../../model/serialize.js";
import { bestSpans, MAX_SPAN, onWordBoundaries, thresholdSpans } from "./spans.js";

const special = { pad: 256, cls: 257, user: 258, assistant: 259, tool: 260, system: 261, sep: 262 };
const conversation = serializeConversation(
  [
    { role: "system", content: "Shop assistant." },
    { role: "user", content: "Two mugs to Lyon please, and a teapot for my mother in Nice by 2026-12-01." },
  ],
  special,
  512,
);
const T = conversation.ids.length;

/** Every valid span's score, best first (the definition bestSpans must agree with). */
function bruteForce(starts: Float32Array, ends: Float32Array): number[] {
  const scores: number[] = [];
  for (let s = 0; s < T; s++) {
    for (let e = s; e < T && e - s < MAX_SPAN; e++) {
      if ((conversation.offset[s] as number) < 0 || (conversation.offset[e] as number) < 0) continue;
      if (conversation.message[s] !== conversation.message[e]) continue;
      if (Array.from({ length: e - s + 1 }, (_, i) => conversation.offset[s + i] as number).some((o) => o < 0)) continue;
      scores.push((starts[s] as number) + (ends[e] as number));
    }
  }
  return scores.sort((a, b) => b - a);
}

describe("bestSpans", () => {
  it("returns the best valid spans, in order, whatever the scores", () => {
    fc.assert(
      fc.property(
        fc.array(fc.float({ min: -20, max: 20, noNaN: true }), { minLength: T, maxLength: T }),
        fc.array(fc.float({ min: -20, max: 20, noNaN: true }), { minLength: T, maxLength: T }),
        (s, e) => {
          const starts = Float32Array.from(s);
          const ends = Float32Array.from(e);
          const spans = bestSpans(conversation, starts, ends, 0, 8);
          const got = spans.map((span) => (starts[span.start] as number) + (ends[span.end] as number));
          expect(got).toEqual(bruteForce(starts, ends).slice(0, 8));
          for (const span of spans) {
            expect(conversation.message[span.start]).toBe(conversation.message[span.end]);
            expect(conversation.offset[span.start]).toBeGreaterThanOrEqual(0);
            expect(span.end - span.start).toBeLessThan(MAX_SPAN);
          }
        },
      ),
      { numRuns: 150 },
    );
  });
});

describe("thresholdSpans", () => {
  it("pairs every start above 0.5 with its best end before the next start, in text order", () => {
    const starts = new Float32Array(T).fill(-5);
    const ends = new Float32Array(T).fill(-5);
    const at = (text: string): number => {
      const offset = new TextEncoder().encode(
        "Two mugs to Lyon please, and a teapot for my mother in Nice by 2026-12-01.".slice(
          0,
          "Two mugs to Lyon please, and a teapot for my mother in Nice by 2026-12-01.".indexOf(text),
        ),
      ).length;
      return Array.from(conversation.ids).findIndex((_, t) => conversation.message[t] === 1 && conversation.offset[t] === offset);
    };
    starts[at("Lyon")] = 3;
    ends[at("Lyon") + 3] = 2;
    starts[at("Nice")] = 1;
    ends[at("Nice") + 3] = 4;
    ends[at("2026")] = 9;
    const spans = thresholdSpans(conversation, starts, ends, 0);
    expect(spans.map((s) => [s.start, s.end])).toEqual([
      [at("Lyon"), at("Lyon") + 3],
      [at("Nice"), at("2026")],
    ]);
  });
});

describe("onWordBoundaries", () => {
  const text = "Two mugs to Lyon please, and a teapot for my mother in Nice by 2026-12-01.";
  const position = (offset: number): number =>
    Array.from(conversation.ids).findIndex((_, t) => conversation.message[t] === 1 && conversation.offset[t] === offset);
  const span = (value: string, from = 0, length = value.length): { start: number; end: number } => {
    const offset = text.indexOf(value) + from;
    return { start: position(offset), end: position(offset + length - 1) };
  };

  it("accepts whole words and numbers, including ones next to punctuation", () => {
    expect(onWordBoundaries(conversation, span("Lyon"))).toBe(true);
    expect(onWordBoundaries(conversation, span("2026-12-01"))).toBe(true);
    expect(onWordBoundaries(conversation, span("Two"))).toBe(true);
  });

  it("rejects spans that cut a word or a number", () => {
    expect(onWordBoundaries(conversation, span("Lyon", 1, 3))).toBe(false);
    expect(onWordBoundaries(conversation, span("2026", 0, 2))).toBe(false);
  });

  it("lets a number end where a unit written onto it starts, and only a number", () => {
    const units = serializeConversation([{ role: "user", content: "a 12kg box, 29,097.63ms later, item A12b" }], special, 512);
    const at = (value: string, length = value.length) => {
      const offset = "a 12kg box, 29,097.63ms later, item A12b".indexOf(value);
      const t = (o: number) => Array.from(units.ids).findIndex((_, k) => units.message[k] === 0 && units.offset[k] === o);
      return { start: t(offset), end: t(offset + length - 1) };
    };
    expect(onWordBoundaries(units, at("12kg", 2), true)).toBe(true);
    expect(onWordBoundaries(units, at("29,097.63ms", 9), true)).toBe(true);
    expect(onWordBoundaries(units, at("12kg", 2))).toBe(false);
    expect(onWordBoundaries(units, at("12kg", 1), true)).toBe(false);
    expect(onWordBoundaries(units, at("A12b", 3), true)).toBe(false);
  });
});
