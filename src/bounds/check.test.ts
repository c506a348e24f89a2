import { describe, expect, it } from "vitest";
import { checkBounds } from "./check.js";
import { BadReferenceError, LimitExceededError, MalformedKeyError, UnsafePatternError } from "./errors.js";
import { DEFAULT_LIMITS, readLimits } from "./limits.js";
import { fanout } from "../../test/support/hostile-schemas.js";

const fn = (parameters: unknown, description = "A tool") => ({ function: { name: "t", description, parameters } });

function thrown(run: () => unknown): unknown {
  try {
    run();
  } catch (error) {
    return error;
  }
  throw new Error("did not throw");
}

describe("checkBounds", () => {
  it("counts the elements the compiler would build after $ref expansion", () => {
    const cost = checkBounds([fn(fanout(3, 2))], DEFAULT_LIMITS);
    // 1 tool + root + 2 + 4 + 8 properties
    expect(cost.elements).toBe(1 + 1 + 2 + 4 + 8);
    expect(cost.refExpansions).toBe(1 + 2 + 4 + 8);
  });

  it.each([
    [12, 2],
    [10, 4],
  ])("refuses $ref fan-out depth %i x %i by the chain depth, naming the limit and where", (depth, width) => {
    const error = thrown(() => checkBounds([fn(fanout(depth, width))], DEFAULT_LIMITS)) as LimitExceededError;
    expect(error).toBeInstanceOf(LimitExceededError);
    expect(error.limit).toBe("MAX_REF_DEPTH");
    expect(error.code).toBe("limit_exceeded");
    expect(error.param).toMatch(/^tools\[0\]\.function\.parameters\.properties\.root\.\$ref/);
    expect(error.message).toContain("MAX_REF_DEPTH = 8");
  });

  it("refuses wide fan-out within the depth limit by the elements it would build (each expansion adds at least one)", () => {
    const error = thrown(() => checkBounds([fn(fanout(6, 4))], DEFAULT_LIMITS)) as LimitExceededError;
    expect(error.limit).toBe("MAX_SCHEMA_ELEMENTS");
  });

  it("refuses large enums by their size and counts options as elements", () => {
    const schema = (n: number) => ({ type: "object", properties: { o: { type: "string", enum: Array.from({ length: n }, (_, i) => `o${i}`) } } });
    expect(checkBounds([fn(schema(256))], DEFAULT_LIMITS).elements).toBe(1 + 1 + 256);
    const error = thrown(() => checkBounds([fn(schema(2000))], DEFAULT_LIMITS)) as LimitExceededError;
    expect(error.limit).toBe("MAX_ENUM_OPTIONS");
    expect(error.param).toBe("tools[0].function.parameters.properties.o.enum");
  });

  it("refuses too many tools, too many elements and long descriptions", () => {
    const many = Array.from({ length: 129 }, () => fn({ type: "object" }));
    expect((thrown(() => checkBounds(many, DEFAULT_LIMITS)) as LimitExceededError).limit).toBe("MAX_TOOLS");
    const properties = Object.fromEntries(Array.from({ length: 600 }, (_, i) => [`p${i}`, { type: "string" }]));
    expect((thrown(() => checkBounds([fn({ type: "object", properties })], DEFAULT_LIMITS)) as LimitExceededError).limit).toBe("MAX_SCHEMA_ELEMENTS");
    const long = thrown(() => checkBounds([fn({ type: "object" }, "x".repeat(5000))], DEFAULT_LIMITS)) as LimitExceededError;
    expect([long.limit, long.param]).toEqual(["MAX_DESCRIPTION_CHARS", "tools[0].function.description"]);
  });

  it("refuses patterns the linear-time engine cannot run, and accepts RE2 ones", () => {
    const with_ = (pattern: string) => fn({ type: "object", properties: { c: { type: "string", pattern } } });
    expect(() => checkBounds([with_("^(a+)+$")], DEFAULT_LIMITS)).not.toThrow();
    for (const pattern of ["(a)\\1", "^(?=a)", "[unclosed"]) {
      const error = thrown(() => checkBounds([with_(pattern)], DEFAULT_LIMITS)) as UnsafePatternError;
      expect(error).toBeInstanceOf(UnsafePatternError);
      expect(error.param).toBe("tools[0].function.parameters.properties.c.pattern");
    }
    const keyed = fn({ type: "object", patternProperties: { "(x)\\1": { type: "string" } } });
    expect(thrown(() => checkBounds([keyed], DEFAULT_LIMITS))).toBeInstanceOf(UnsafePatternError);
  });

  it("answers a bad percent-escape or a dangling $ref with a BadReferenceError, and reads __proto__ as a key", () => {
    const bad = fn({ type: "object", properties: { id: { $ref: "#/$defs/%E0%A4%A" } }, $defs: { id: { type: "string" } } });
    const error = thrown(() => checkBounds([bad], DEFAULT_LIMITS)) as BadReferenceError;
    expect([error.code, error.param]).toEqual(["invalid_ref", "tools[0].function.parameters.properties.id.$ref"]);
    const proto = fn({ type: "object", properties: { id: { $ref: "#/$defs/__proto__" } }, $defs: {} });
    expect(thrown(() => checkBounds([proto], DEFAULT_LIMITS))).toBeInstanceOf(BadReferenceError);
  });

  it("refuses keys with a lone surrogate anywhere in the schema (found by the fuzz suite: a 500 in the validator)", () => {
    for (const schema of [
      { type: "object", properties: { "\ud800": { type: "string" } } },
      { type: "object", properties: { a: { type: "object", properties: { "x\udfff": { type: "integer" } } } } },
      { type: "object", $defs: { "\udc00": { type: "string" } } },
      { type: "object", x_vendor: [{ "\ud83d": 1 }] },
    ]) {
      const error = thrown(() => checkBounds([fn(schema)], DEFAULT_LIMITS)) as MalformedKeyError;
      expect(error).toBeInstanceOf(MalformedKeyError);
      expect(error.code).toBe("invalid_key");
    }
    expect(() => checkBounds([fn({ type: "object", properties: { "🙂 取消 \u202e": { type: "string" } } })], DEFAULT_LIMITS)).not.toThrow();
  });

  it("stops a cycle instead of expanding it", () => {
    const cyclic = fn({ type: "object", properties: { next: { $ref: "#" } } });
    expect(checkBounds([cyclic], DEFAULT_LIMITS).refExpansions).toBe(1);
  });
});

describe("readLimits", () => {
  it("takes positive integers from the environment and keeps the default otherwise", () => {
    const limits = readLimits({ MAX_TOOLS: "16", MAX_ENUM_OPTIONS: "-3", MAX_REF_DEPTH: "x" });
    expect([limits.MAX_TOOLS, limits.MAX_ENUM_OPTIONS, limits.MAX_REF_DEPTH]).toEqual([
      16,
      DEFAULT_LIMITS.MAX_ENUM_OPTIONS,
      DEFAULT_LIMITS.MAX_REF_DEPTH,
    ]);
  });
});
