import { describe, expect, it } from "vitest";
import type { DecodedCall } from "../caller/types.js";
import { checkCallSet, standardise } from "./checker.js";
import { categoryOf } from "./dataset.js";
import { convertSchema } from "./gorilla.js";
import { judge } from "./judge.js";

const functions = [
  {
    name: "spotify.play",
    parameters: {
      type: "dict",
      properties: { artist: { type: "string" }, duration: { type: "float" }, opts: { type: "dict", properties: { loud: { type: "boolean" } } } },
      required: ["artist"],
    },
  },
];

function call(args: Record<string, unknown>, name = "spotify.play"): DecodedCall {
  return { name, arguments: args, confidence: 1, argument_confidence: {} };
}

describe("BFCL checker rules", () => {
  const answer = { "spotify.play": { artist: ["Taylor Swift"], duration: [20, ""], opts: [{ loud: [true] }, ""] } };

  it("compares strings standardised and allows int for float", () => {
    expect(standardise("Taylor-Swift, Inc.")).toBe("taylorswiftinc");
    expect(checkCallSet([call({ artist: "taylor swift", duration: 20 })], [answer], functions)).toEqual({ ok: true });
  });

  it("lets '' mark an optional parameter and checks dicts key by key", () => {
    expect(checkCallSet([call({ artist: "Taylor Swift" })], [answer], functions).ok).toBe(true);
    expect(checkCallSet([call({ artist: "Taylor Swift", opts: { loud: true } })], [answer], functions).ok).toBe(true);
    expect(checkCallSet([call({ artist: "Taylor Swift", opts: { loud: false } })], [answer], functions).ok).toBe(false);
  });

  it("fails wrong names, wrong types, extra parameters and missing required ones", () => {
    expect(checkCallSet([call({ artist: "Taylor Swift" }, "play")], [answer], functions).ok).toBe(false);
    expect(checkCallSet([call({ artist: "Taylor Swift", duration: "20" })], [answer], functions).ok).toBe(false);
    expect(checkCallSet([call({ artist: "Taylor Swift", volume: 3 })], [answer], functions).ok).toBe(false);
    expect(checkCallSet([call({ duration: 20 })], [answer], functions).ok).toBe(false);
  });

  it("matches parallel calls in any order, one to one", () => {
    const a = { "spotify.play": { artist: ["A"], duration: [1] } };
    const b = { "spotify.play": { artist: ["B"], duration: [2] } };
    expect(checkCallSet([call({ artist: "B", duration: 2 }), call({ artist: "A", duration: 1 })], [a, b], functions).ok).toBe(true);
    expect(checkCallSet([call({ artist: "A", duration: 1 }), call({ artist: "A", duration: 1 })], [a, b], functions).ok).toBe(false);
    expect(checkCallSet([call({ artist: "A", duration: 1 })], [a, b], functions).ok).toBe(false);
  });
});

describe("eval datasets", () => {
  it("derives categories from ids", () => {
    expect(categoryOf("simple_python_12")).toBe("simple_python");
    expect(categoryOf("live_simple_3-1-0")).toBe("live_simple");
    expect(categoryOf("irrelevance_0")).toBe("irrelevance");
  });

  it("converts Gorilla types to JSON Schema", () => {
    expect(
      convertSchema({ type: "dict", properties: { a: { type: "float" }, b: { type: "tuple", items: { type: "any" } }, c: { type: "any" } } }),
    ).toEqual({
      type: "object",
      properties: { a: { type: "number" }, b: { type: "array", items: {} }, c: {} },
    });
  });

  it("judges irrelevance, relevance and the two extra answer kinds", () => {
    const base = { messages: [], tools: [], functions: [] };
    const calls = { kind: "calls" as const, calls: [call({ artist: "A" })], confidence: 1 };
    expect(judge({ ...base, id: "irrelevance_1", category: "irrelevance" }, calls, undefined).ok).toBe(false);
    expect(judge({ ...base, id: "irrelevance_1", category: "irrelevance" }, { kind: "no_call", confidence: 1 }, undefined).ok).toBe(true);
    expect(judge({ ...base, id: "live_relevance_1", category: "live_relevance" }, calls, undefined).ok).toBe(true);
    const missing = { kind: "missing" as const, missing: [{ name: "f", parameters: ["b", "a"] }], confidence: 1 };
    expect(judge({ ...base, id: "x_1", category: "x" }, missing, { kind: "missing", missing: { f: ["a", "b"] } }).ok).toBe(true);
    expect(judge({ ...base, id: "x_1", category: "x" }, missing, { kind: "missing", missing: { f: ["a"] } }).ok).toBe(false);
    expect(judge({ ...base, id: "x_1", category: "x" }, { kind: "no_call", confidence: 1 }, { kind: "no_call" }).ok).toBe(true);
    expect(judge({ ...base, id: "x_1", category: "x" }, { kind: "not_expressible", reason: "r", confidence: 1 }, { kind: "no_call" }).ok).toBe(false);
  });
});
