/**
 * tool_choice and parallel_tool_calls hold whatever the heads say: one property per rule, over generated tool sets,
 * conversations and head outputs leaning towards calls (so that the rules have calls to constrain).
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { ToolCallResult, ToolChoice } from "../../caller/types.js";
import { serializeConversation } from "../../model/serialize.js";
import { compile } from "../../tools/testing/compile.js";
import type { CompiledToolSet } from "../../tools/types.js";
import { decodeHeads } from "../decode.js";
import type { Heads } from "../read/heads.js";
import { conversationArbitrary, randomHeads, toolsArbitrary, type HeadsMode } from "../testing/arbitraries.js";
import { SPECIAL_IDS } from "../testing/conversation.js";
import { contextFor, shippedSettings } from "../testing/settings.js";

interface Case {
  set: CompiledToolSet;
  decode: (choice: ToolChoice, parallel: boolean) => ToolCallResult;
}

const caseArbitrary: fc.Arbitrary<Case> = fc
  .tuple(toolsArbitrary, conversationArbitrary, fc.integer(), fc.constantFrom<HeadsMode>("gaussian", "extreme", "spiky", "uniform"))
  .map(([tools, messages, seed, mode]) => {
    const set = compile(...tools);
    const conversation = serializeConversation(messages, SPECIAL_IDS, 160);
    const E = set.elements.length;
    const T = conversation.ids.length;
    const fresh = (): Heads => {
      const heads = randomHeads(E, T, seed, mode);
      for (let e = 0; e < E; e++) {
        heads.count[e * 5 + 1] = (heads.count[e * 5 + 1] as number) + 6;
        heads.count[e * 5 + 2] = (heads.count[e * 5 + 2] as number) + 5;
        heads.action[e * 3 + 1] = (heads.action[e * 3 + 1] as number) + 6;
      }
      return heads;
    };
    return {
      set,
      decode: (choice, parallel) => decodeHeads(set, fresh(), conversation, contextFor(set, choice, parallel), shippedSettings()),
    };
  });

const calledNames = (result: ToolCallResult): string[] =>
  result.kind === "calls" ? result.calls.map((c) => c.name) : result.kind === "missing" ? result.missing.map((m) => m.name) : [];

const RUNS = { numRuns: 400, seed: 20261207 };

describe("the request's constraints, for any heads", () => {
  it('tool_choice "none": never a call, never a question', () => {
    fc.assert(
      fc.property(caseArbitrary, fc.boolean(), ({ decode }, parallel) => {
        expect(decode("none", parallel).kind).toBe("no_call");
      }),
      RUNS,
    );
  });

  it("a named function: only that tool, and an answer about it", () => {
    let calls = 0;
    fc.assert(
      fc.property(caseArbitrary, fc.nat(), fc.boolean(), ({ set, decode }, pick, parallel) => {
        const name = set.tools[pick % set.tools.length]?.name ?? "";
        const result = decode({ type: "function", function: { name } }, parallel);
        expect(result.kind).not.toBe("no_call");
        for (const called of calledNames(result)) expect(called).toBe(name);
        if (result.kind === "calls") calls++;
      }),
      RUNS,
    );
    expect(calls).toBeGreaterThan(50);
  });

  it('tool_choice "required": an answer about a tool, never no call', () => {
    fc.assert(
      fc.property(caseArbitrary, fc.boolean(), ({ decode }, parallel) => {
        expect(decode("required", parallel).kind).not.toBe("no_call");
      }),
      RUNS,
    );
  });

  it("parallel_tool_calls false: at most one call, of one tool", () => {
    let single = 0;
    fc.assert(
      fc.property(caseArbitrary, fc.constantFrom<ToolChoice>("auto", "required"), ({ decode }, choice) => {
        const result = decode(choice, false);
        if (result.kind === "calls") {
          expect(result.calls).toHaveLength(1);
          single++;
        }
        expect(new Set(calledNames(result)).size).toBeLessThanOrEqual(1);
      }),
      RUNS,
    );
    expect(single).toBeGreaterThan(50);
  });

  it("parallel_tool_calls true makes several calls for the same heads (so the rule above constrains something)", () => {
    let several = 0;
    fc.assert(
      fc.property(caseArbitrary, ({ decode }) => {
        const result = decode("auto", true);
        if (result.kind === "calls" && result.calls.length > 1) several++;
      }),
      RUNS,
    );
    expect(several).toBeGreaterThan(20);
  });
});
