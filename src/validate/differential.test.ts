/**
 * One verdict, two validators (issue 34): the AJV standalone code the build generates (./standalone.ts, as
 * scripts/build-registry.ts generates it for registered tool sets and response schemas) and @cfworker/json-schema
 * with RE2 patterns at request time (the response-format check, ../structured/answer.ts, which folds `nullable` and
 * drops `$schema` the same way) accept and reject the same values, over generated schemas of the subset the API
 * fills under and the registered schemas, with conforming values, near-misses and unrelated JSON.
 *
 * Not generated: the origin-only keywords where the two differ by draft (prefixItems, dependentRequired,
 * dependentSchemas, unevaluated*, minContains/maxContains: AJV's draft-07 ignores them, @cfworker/json-schema
 * applies them as 2020-12 does) and patternProperties (dropped by ./validator.ts, checked by AJV); for these the
 * stricter verdict is taken (./calls.ts, ./strictest.ts), pinned by the last test here.
 */
import fc from "fast-check";
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { requestTimeCheck } from "../structured/answer.js";
import { foldNullable } from "../tools/compile.js";
import type { JSONSchema } from "../tools/schema-types.js";
import { loadStandalone } from "./standalone.js";
import { strictest, usesDivergentKeyword } from "./strictest.js";
import { casesArb, rootSchemaArb, type Schema } from "./testing/arbitraries.js";

/** The schema build-registry hands AJV: nullable folded into type, no $schema. */
function ajvCheck(schema: Schema): (value: unknown) => boolean {
  const { $schema: _dialect, ...rest } = foldNullable(schema) as Schema;
  const validate = loadStandalone(rest);
  return (value) => validate(value);
}

interface Tally {
  valid: number;
  invalid: number;
}

/** As a request body brings it: JSON.parse's objects (own "__proto__" keys, Object.prototype). */
const asJson = <T>(value: T): T => JSON.parse(JSON.stringify(value)) as T;

function agree(generated: Schema, values: unknown[], tally: Tally): void {
  const schema = asJson(generated);
  const ajv = ajvCheck(schema);
  const cfworker = requestTimeCheck(schema as JSONSchema);
  for (const value of values.map(asJson)) {
    const verdict = ajv(value);
    const other = cfworker(value);
    if (verdict !== other.valid) {
      throw new Error(
        `AJV says ${verdict}, @cfworker/json-schema ${other.valid} (${other.errors.join("; ")}) for ${JSON.stringify(value)} under ${JSON.stringify(schema)}`,
      );
    }
    if (verdict) tally.valid += 1;
    else tally.invalid += 1;
  }
}

describe("AJV standalone and @cfworker/json-schema give one verdict", () => {
  it("on generated schemas and values (300 schemas x 4-8 values)", () => {
    const tally: Tally = { valid: 0, invalid: 0 };
    fc.assert(
      fc.property(
        rootSchemaArb.chain((schema) => fc.tuple(fc.constant(schema), casesArb(schema, { min: 4, max: 8 }))),
        ([schema, values]) => agree(schema, values, tally),
      ),
      { numRuns: 300, seed: Number(process.env.FC_SEED ?? 34) },
    );
    // Both outcomes are exercised in earnest (neither side trivially accepts or rejects everything).
    expect(tally.valid).toBeGreaterThan(400);
    expect(tally.invalid).toBeGreaterThan(400);
  });

  it("on the registered tool sets and response schemas (registry/tool-sets.json)", () => {
    const file = JSON.parse(readFileSync(new URL("../../registry/tool-sets.json", import.meta.url), "utf8")) as {
      tool_sets: Array<{ tools: Array<{ function: { parameters?: Schema } }> }>;
      response_schemas: Array<{ schema: Schema }>;
    };
    const schemas = [
      ...file.tool_sets.flatMap((set) => set.tools.map((tool) => tool.function.parameters ?? {})),
      ...file.response_schemas.map((r) => r.schema),
    ];
    expect(schemas.length).toBeGreaterThan(20);
    const tally: Tally = { valid: 0, invalid: 0 };
    for (const schema of schemas) agree(schema, fc.sample(casesArb(schema, { min: 40, max: 40 }), { numRuns: 1, seed: 34 })[0]!, tally);
    expect(tally.valid).toBeGreaterThan(100);
    expect(tally.invalid).toBeGreaterThan(100);
  });

  it.each<[string, Schema, unknown[]]>([
    ["a pattern's dot and \\s (RE2 on both sides)", { type: "string", pattern: "^a.\\s$" }, ["a\r ", "a\u2028 ", "ab\u00a0"]],
    ["string length in code points", { type: "string", minLength: 2, maxLength: 2 }, ["😀", "😀😀", "ab"]],
    ["decimal multipleOf", { type: "number", multipleOf: 0.1 }, [0.3, 1.13, 0.30000000000000004]],
    ["formats", { type: "string", format: "email" }, ["ann@example.com", "nope"]],
    ["required names on Object.prototype", { type: "object", required: ["toString", "constructor"] }, [{}, { toString: 1, constructor: 2 }]],
    [
      "deep equality",
      { type: "array", uniqueItems: true, items: { const: { a: 1, b: [1] } } },
      [
        [{ b: [1], a: 1 }],
        [
          { a: 1, b: [1] },
          { b: [1], a: 1 },
        ],
      ],
    ],
  ])("where plain AJV and @cfworker/json-schema differ: %s", (_what, schema, values) => {
    const tally: Tally = { valid: 0, invalid: 0 };
    agree(schema, values, tally);
    expect(tally.valid).toBeGreaterThan(0);
    expect(tally.invalid).toBeGreaterThan(0);
  });
});

describe("where the drafts differ, the stricter verdict wins", () => {
  const check = (schema: Schema) => {
    const ajv = ajvCheck(schema);
    return strictest((value) => ({ valid: ajv(value), errors: [] }), foldNullable(schema) as JSONSchema);
  };
  it.each<[string, Schema, unknown, unknown]>([
    ["prefixItems (AJV's draft-07 ignores it)", { type: "array", prefixItems: [{ type: "string" }] }, ["a"], [1]],
    ["dependentRequired (AJV's draft-07 ignores it)", { type: "object", dependentRequired: { a: ["b"] } }, { a: 1, b: 2 }, { a: 1 }],
    [
      "patternProperties (the request-time validator drops it)",
      { type: "object", patternProperties: { "^x": { type: "string" } } },
      { x1: "a" },
      { x1: 1 },
    ],
    [
      "nested under properties",
      { type: "object", properties: { list: { type: "array", prefixItems: [{ type: "string" }] } } },
      { list: ["a"] },
      { list: [1] },
    ],
  ])("%s", (_what, schema, good, bad) => {
    const ajv = ajvCheck(schema);
    const cfworker = requestTimeCheck(schema as JSONSchema);
    expect(ajv(bad) !== cfworker(bad).valid).toBe(true);
    expect(check(schema)(good).valid).toBe(true);
    expect(check(schema)(bad).valid).toBe(false);
  });
  it("keeps the AJV check alone where no such keyword is used", () => {
    const registered = () => ({ valid: true, errors: [] });
    const schema = { type: "object", properties: { prefixItems: { type: "string" } }, $defs: { dependentRequired: { type: "string" } } };
    expect(usesDivergentKeyword(schema)).toBe(false);
    expect(strictest(registered, schema as JSONSchema)).toBe(registered);
  });
});
