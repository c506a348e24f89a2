import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { ToolChoice } from "../caller/types.js";
import { serializeConversation } from "../model/serialize.js";
import { compile } from "../tools/testing/compile.js";
import { validateAgainst } from "../validate/validator.js";
import { decodeHeads } from "./decode.js";
import { parseNumber } from "./parse/numbers.js";
import { contextFor, shippedSettings } from "./testing/settings.js";
import { conversationArbitrary, randomHeads, toolsArbitrary, type HeadsMode } from "./testing/arbitraries.js";

const special = { pad: 256, cls: 257, user: 258, assistant: 259, tool: 260, system: 261, sep: 262 };

describe("decoding, for generated schemas and random head outputs", () => {
  it("never throws, and every decoded call validates against its tool's schema", () => {
    let callsChecked = 0;
    fc.assert(
      fc.property(
        toolsArbitrary,
        conversationArbitrary,
        fc.integer(),
        fc.constantFrom<HeadsMode>("gaussian", "extreme", "spiky", "uniform"),
        fc.constantFrom<"auto" | "required" | "none" | "named">("auto", "required", "none", "named"),
        fc.boolean(),
        fc.boolean(),
        (tools, messages, seed, mode, choiceKind, parallel, biased) => {
          const set = compile(...tools);
          const conversation = serializeConversation(messages, special, 160);
          const E = set.elements.length;
          const T = conversation.ids.length;
          const heads = randomHeads(E, T, seed, mode);
          if (biased) {
            // Lean towards calling tools and filling values, so that many generated cases produce calls.
            for (let e = 0; e < E; e++) {
              heads.count[e * 5 + 1] = (heads.count[e * 5 + 1] as number) + 6;
              heads.action[e * 3 + 1] = (heads.action[e * 3 + 1] as number) + 6;
            }
          }
          const named = tools[Math.abs(seed) % tools.length]?.function.name ?? "";
          const choice: ToolChoice = choiceKind === "named" ? { type: "function", function: { name: named } } : choiceKind;
          const result = decodeHeads(set, heads, conversation, contextFor(set, choice, parallel), shippedSettings());

          expect(Number.isNaN(result.confidence)).toBe(false);
          expect(result.confidence).toBeGreaterThanOrEqual(0);
          expect(result.confidence).toBeLessThanOrEqual(1);
          if (choice === "none") expect(result.kind).toBe("no_call");
          if (result.kind !== "calls") return;
          if (!parallel) expect(result.calls.length).toBe(1);
          for (const call of result.calls) {
            if (choiceKind === "named") expect(call.name).toBe(named);
            const tool = set.tools.find((t) => t.name === call.name);
            expect(tool).toBeDefined();
            const outcome = validateAgainst(tool?.schema ?? {}, call.arguments);
            expect(outcome.errors).toEqual([]);
            expect(call.confidence).toBeGreaterThanOrEqual(0);
            expect(call.confidence).toBeLessThanOrEqual(1);
            callsChecked++;
          }
        },
      ),
      { numRuns: 3000, seed: 20261128 },
    );
    // The property is only meaningful if decoding produced calls for many of the generated cases.
    expect(callsChecked).toBeGreaterThan(500);
  });
});

describe("parseNumber on arbitrary text", () => {
  it("returns a finite number or null, never throws", () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 24 }), (text) => {
        const n = parseNumber(text);
        expect(n === null || Number.isFinite(n)).toBe(true);
      }),
      { numRuns: 3000 },
    );
  });
});
