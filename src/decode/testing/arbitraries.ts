/**
 * fast-check generators for the property tests: tool schemas using every supported keyword (nested objects,
 * unions, anyOf/oneOf, $ref into $defs, arrays), conversations full of values of every kind, and head outputs.
 */
import fc from "fast-check";
import type { ToolDefinition } from "../../caller/types.js";
import type { JSONSchema } from "../../tools/schema-types.js";
import type { Heads } from "../read/heads.js";

const words = ["red", "socks", "Paris", "express", "standard", "M", "L", "gift", "order", "A-100", "Zürich", "北京"];
const enumStrings = fc.uniqueArray(fc.constantFrom(...words, "small", "large", "yes", "none", "12"), { minLength: 1, maxLength: 4 });

const stringSchema: fc.Arbitrary<JSONSchema> = fc
  .record(
    {
      minLength: fc.integer({ min: 0, max: 4 }),
      maxLength: fc.integer({ min: 4, max: 30 }),
      format: fc.constantFrom("date", "date-time", "email", "uri"),
      pattern: fc.constantFrom("^[A-Za-z ]+$", "^[A-Z]-\\d+$", "\\d"),
      enum: enumStrings,
      nullable: fc.constant(true),
      description: fc.constantFrom("the city", "a product name", ""),
    },
    { requiredKeys: [] },
  )
  .map((s) => ({ type: "string", ...s }));

const numberSchema: fc.Arbitrary<JSONSchema> = fc
  .tuple(
    fc.constantFrom("number", "integer"),
    fc.record(
      {
        minimum: fc.integer({ min: -10, max: 5 }),
        maximum: fc.integer({ min: 6, max: 5000 }),
        exclusiveMinimum: fc.integer({ min: -20, max: -11 }),
        exclusiveMaximum: fc.integer({ min: 5001, max: 9000 }),
        multipleOf: fc.constantFrom(1, 2, 0.5, 0.01),
        enum: fc.uniqueArray(fc.integer({ min: -3, max: 30 }), { minLength: 1, maxLength: 4 }),
      },
      { requiredKeys: [] },
    ),
  )
  .map(([type, s]) => ({ type, ...s }));

const schemas = (...list: JSONSchema[]): fc.Arbitrary<JSONSchema> => fc.constantFrom(...list);

const primitiveSchema: fc.Arbitrary<JSONSchema> = fc.oneof(
  stringSchema,
  numberSchema,
  schemas({ type: "boolean" }),
  schemas({ type: "null" }),
  schemas({}),
  schemas({ const: "web" }, { const: 3 }, { const: true }, { type: "string", const: "x" }),
  schemas({ enum: ["a", 1, true, null] }),
  schemas({ type: ["string", "null"], maxLength: 12 }),
  schemas({ type: ["integer", "string"] }),
  schemas({ type: ["boolean", "null"] }),
  fc.tuple(stringSchema, numberSchema).map(([a, b]) => ({ anyOf: [a, b] })),
  fc.tuple(numberSchema, schemas({ type: "boolean" })).map(([a, b]) => ({ oneOf: [a, b] })),
  schemas({ oneOf: [{ type: "number" }, { type: "integer" }] }),
  schemas({ anyOf: [{ $ref: "#/$defs/day" }, { type: "null" }] }),
  schemas({ $ref: "#/$defs/qty", description: "how many" }),
);

const arraySchema: fc.Arbitrary<JSONSchema> = fc
  .tuple(
    primitiveSchema,
    fc.record(
      { minItems: fc.integer({ min: 0, max: 2 }), maxItems: fc.integer({ min: 2, max: 4 }), uniqueItems: fc.boolean() },
      { requiredKeys: [] },
    ),
  )
  .map(([items, s]) => ({ type: "array", items, ...s }));

const { property } = fc.letrec<{ property: JSONSchema; object: JSONSchema }>((tie) => ({
  property: fc.oneof(
    { depthSize: "small", withCrossShrink: true },
    { arbitrary: primitiveSchema, weight: 24 },
    { arbitrary: arraySchema, weight: 5 },
    { arbitrary: tie("object"), weight: 4 },
    { arbitrary: fc.constant({ $ref: "#/$defs/address" }), weight: 2 },
    // What the edge cannot fill (routes to the origin), kept rare so that most cases still produce calls.
    { arbitrary: fc.constant({ type: "array", items: { type: "object", properties: { a: { type: "string" } } } }), weight: 1 },
    { arbitrary: fc.constant({ type: "object" }), weight: 1 },
    { arbitrary: fc.constant({ type: "string", not: { const: "x" } }), weight: 1 },
  ),
  object: fc
    .tuple(
      fc.uniqueArray(fc.constantFrom("city", "zip", "qty", "sku", "note", "when", "flag", "tags", "price", "mode"), { minLength: 1, maxLength: 4 }),
      fc.array(tie("property"), { minLength: 4, maxLength: 4 }),
      fc.array(fc.boolean(), { minLength: 4, maxLength: 4 }),
      fc.boolean(),
    )
    .map(([names, props, required, closed]) => {
      const schema: JSONSchema = {
        type: "object",
        properties: Object.fromEntries(names.map((name, i) => [name, props[i] as JSONSchema])),
        required: names.filter((_, i) => required[i]),
      };
      if (closed) schema.additionalProperties = false;
      return schema;
    }),
}));

const defs: Record<string, JSONSchema> = {
  day: { type: "string", format: "date" },
  qty: { type: "integer", minimum: 1, maximum: 99 },
  address: { type: "object", properties: { street: { type: "string" }, city: { type: "string" } }, required: ["city"] },
};

export const toolsArbitrary: fc.Arbitrary<ToolDefinition[]> = fc
  .uniqueArray(fc.constantFrom("search", "add_to_cart", "track", "book", "refund"), { minLength: 1, maxLength: 3 })
  .chain((names) =>
    fc.tuple(...names.map(() => property.filter((p) => p.type === "object" && p.properties !== undefined))).map((roots) =>
      names.map((name, i) => ({
        type: "function" as const,
        function: { name, description: `${name} tool`, parameters: { ...(roots[i] as JSONSchema), $defs: defs } },
      })),
    ),
  );

const valueTokens = [
  "42",
  "-3",
  "1,299.00",
  "1.5k",
  "twenty five",
  "0",
  "7",
  "3.25",
  "yes",
  "no",
  "true",
  "false",
  "null",
  "2026-11-28",
  "March 3, 2027",
  "2026-11-28T10:00:00Z",
  "a@b.co",
  "https://x.io/p?q=1",
  "A-100",
  "$19.99",
  "small",
  "large",
  "web",
  "x",
  "12",
  ...words,
];

export const conversationArbitrary = fc.array(
  fc.record({
    role: fc.constantFrom("system" as const, "user" as const, "assistant" as const, "tool" as const),
    content: fc
      .array(fc.oneof(fc.constantFrom(...valueTokens), fc.string({ maxLength: 6 })), { minLength: 0, maxLength: 14 })
      .map((t) => t.join(" ")),
  }),
  { minLength: 1, maxLength: 3 },
);

export type HeadsMode = "gaussian" | "extreme" | "spiky" | "uniform";

/** Deterministic pseudo-random floats for head tensors (mulberry32), with adversarial modes. */
export function fillRandom(array: Float32Array, seed: number, mode: HeadsMode): Float32Array {
  let state = seed >>> 0;
  const next = (): number => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const specials = [Number.NaN, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY, 3e38, -3e38, 0];
  for (let i = 0; i < array.length; i++) {
    const u = next();
    switch (mode) {
      case "gaussian":
        array[i] = (next() + u + next() - 1.5) * 6;
        break;
      case "uniform":
        array[i] = u * 40 - 20;
        break;
      case "spiky":
        array[i] = u < 0.1 ? 12 : -12;
        break;
      case "extreme":
        array[i] = u < 0.3 ? (specials[Math.floor(next() * specials.length)] as number) : (next() - 0.5) * 1e6;
        break;
    }
  }
  return array;
}

/** Random head outputs for E elements over T positions, each head from its own seed (seed, seed + 1, ...). */
export function randomHeads(E: number, T: number, seed: number, mode: HeadsMode): Heads {
  return {
    elements: E,
    positions: T,
    countClasses: 5,
    count: fillRandom(new Float32Array(E * 5), seed, mode),
    action: fillRandom(new Float32Array(E * 3), seed + 1, mode),
    start: fillRandom(new Float32Array(E * T), seed + 2, mode),
    end: fillRandom(new Float32Array(E * T), seed + 3, mode),
    bool: fillRandom(new Float32Array(E * 2), seed + 4, mode),
    option: fillRandom(new Float32Array(E), seed + 5, mode),
  };
}
