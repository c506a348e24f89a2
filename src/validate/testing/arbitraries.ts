/**
 * fast-check arbitraries for the differential test of the two validators: JSON Schemas from the subset the API
 * fills under (types and type unions, enum, const, required, nested objects and arrays, numeric bounds and
 * multipleOf, string lengths, formats, linear-time patterns, anyOf/oneOf, nullable, $ref into $defs), values built
 * to conform to a schema, and near-misses (one node of a conforming value changed).
 */
import fc from "fast-check";

export type Schema = Record<string, unknown>;

/** Patterns RE2 runs, each with strings that match and strings that almost do (dot, \s, astral characters, case). */
export const PATTERNS: ReadonlyArray<{ pattern: string; samples: string[] }> = [
  { pattern: "^[A-Z]{2}-\\d{4}$", samples: ["AB-1234", "ab-1234", "AB-12345"] },
  { pattern: "^\\d{5}(-\\d{4})?$", samples: ["12345", "12345-6789", "1234"] },
  { pattern: "^[a-z0-9._%+-]+@[a-z0-9.-]+\\.[a-z]{2,}$", samples: ["ann@example.com", "ann@example", "Ann@example.com"] },
  { pattern: "ORD", samples: ["ORD-1", "xORDx", "ord"] },
  { pattern: "^.{2}$", samples: ["ab", "a\r", "a\n", "a\u2028", "😀", "😀😀"] },
  { pattern: "^\\s*\\S+\\s*$", samples: [" a ", "\u00a0a", "a\u3000", "\ufeffa"] },
  { pattern: "^\\w+$", samples: ["abc_1", "é", "١٢"] },
  { pattern: "^(?i)size-(s|m|l)$", samples: ["SIZE-M", "size-m", "size-xl"] },
  { pattern: "^\\p{L}+$", samples: ["Straße", "東京", "a1"] },
  { pattern: "^[^@\\s]+$", samples: ["a.b", "a b", "a@b"] },
  { pattern: "^\\$?\\d+(\\.\\d{2})?$", samples: ["$10.99", "10", "10.9"] },
  { pattern: "^$", samples: ["", " "] },
];

/** Formats both validators know, with valid and invalid strings. */
export const FORMATS: ReadonlyArray<{ format: string; samples: string[] }> = [
  { format: "email", samples: ["ann@example.com", "ann@", "a..b@example.com"] },
  { format: "date", samples: ["2024-02-29", "2023-02-29", "2024-1-01"] },
  { format: "date-time", samples: ["2024-01-31T10:00:00Z", "2024-01-31 10:00", "2024-01-31T25:00:00Z"] },
  { format: "time", samples: ["10:00:00Z", "10:00", "24:00:00Z"] },
  { format: "uuid", samples: ["123e4567-e89b-12d3-a456-426614174000", "123e4567"] },
  { format: "uri", samples: ["https://shop.example/p?id=1", "shop.example", "mailto:ann@example.com"] },
  { format: "ipv4", samples: ["192.168.0.1", "256.1.1.1"] },
  { format: "hostname", samples: ["shop.example.com", "-bad-.com"] },
  { format: "phone", samples: ["+44 20 7946 0958"] },
];

/** Property names, some of them Object.prototype's. */
const KEYS = ["name", "city", "qty", "size", "a", "b", "toString", "constructor", "valueOf", "__proto__", "名前"];

const scalar = fc.oneof(
  fc.string({ maxLength: 4 }),
  fc.integer({ min: -5, max: 5 }),
  fc.constantFrom(0.5, 1.5, -2.25, 1e21),
  fc.boolean(),
  fc.constant(null),
);
const jsonish = fc.oneof(scalar, fc.array(scalar, { maxLength: 2 }), fc.dictionary(fc.constantFrom(...KEYS), scalar, { maxKeys: 2 }));
/**
 * JSON for const and enum values, without three keys AJV cannot take there, so a build with them fails: "__proto__"
 * (./standalone.ts refuses it: AJV's code would set the prototype) and "valueOf"/"toString" (AJV's meta-schema
 * check of enum's uniqueItems calls them as methods and throws a TypeError).
 */
const constKeys = KEYS.filter((k) => !["__proto__", "valueOf", "toString"].includes(k));
const constValue = fc.oneof(scalar, fc.array(scalar, { maxLength: 2 }), fc.dictionary(fc.constantFrom(...constKeys), scalar, { maxKeys: 2 }));

const optional = <T>(arb: fc.Arbitrary<T>): fc.Arbitrary<T | undefined> => fc.option(arb, { nil: undefined, freq: 2 });

function defined(schema: Record<string, unknown>): Schema {
  return Object.fromEntries(Object.entries(schema).filter(([, v]) => v !== undefined));
}

const stringSchema = fc.oneof(
  fc.record({ minLength: optional(fc.nat(3)), maxLength: optional(fc.nat(5)) }).map((s) => defined({ type: "string", ...s })),
  fc.constantFrom(...PATTERNS).map(({ pattern }) => ({ type: "string", pattern })),
  fc.constantFrom(...FORMATS).map(({ format }) => ({ type: "string", format })),
  fc
    .record({ pattern: fc.constantFrom(...PATTERNS), maxLength: fc.nat(6) })
    .map((s) => ({ type: "string", pattern: s.pattern.pattern, maxLength: s.maxLength })),
);

const bound = fc.oneof(fc.integer({ min: -10, max: 10 }), fc.constantFrom(0.5, -1.5, 2.25));
const numberSchema = fc
  .record({
    type: fc.constantFrom("number", "integer"),
    minimum: optional(bound),
    maximum: optional(bound),
    exclusiveMinimum: optional(bound),
    exclusiveMaximum: optional(bound),
    multipleOf: optional(fc.constantFrom(1, 2, 0.5, 0.1, 0.01, 3)),
  })
  .map(defined);

const enumSchema = fc.oneof(
  fc
    .uniqueArray(fc.constantFrom("small", "medium", "large", "XL", "", "Größe"), { minLength: 1, maxLength: 4 })
    .map((e) => ({ type: "string", enum: e })),
  fc.uniqueArray(constValue, { minLength: 1, maxLength: 3, selector: (v) => JSON.stringify(v) }).map((e) => ({ enum: e })),
  constValue.map((value) => ({ const: value })),
);

const leafSchema: fc.Arbitrary<Schema> = fc.oneof(
  stringSchema,
  numberSchema,
  enumSchema,
  fc.constant({ type: "boolean" }),
  fc.constant({ type: "null" }),
  fc.constant({ type: ["string", "number"] }),
  fc.constant({}),
);

/** Makes a schema admit null, the three ways the API accepts. */
const withNull = (schema: Schema, how: number): Schema => {
  if (how === 0) return { ...schema, nullable: true };
  if (how === 1 && typeof schema.type === "string" && schema.type !== "null") return { ...schema, type: [schema.type, "null"] };
  return { anyOf: [schema, { type: "null" }] };
};

export function schemaArb(depth: number): fc.Arbitrary<Schema> {
  if (depth <= 0) return leafSchema;
  const inner = schemaArb(depth - 1);
  const object = fc
    .record({
      properties: fc.dictionary(fc.constantFrom(...KEYS), inner, { minKeys: 1, maxKeys: 4 }),
      requiredMask: fc.nat(15),
      additional: fc.constantFrom<unknown>(false, undefined, true, { type: "integer" }),
    })
    .map(({ properties, requiredMask, additional }) => {
      // Own properties even for "__proto__" (JSON.parse makes them so).
      const props: Schema = {};
      for (const [key, value] of Object.entries(properties))
        Object.defineProperty(props, key, { value, enumerable: true, writable: true, configurable: true });
      const required = Object.keys(props).filter((_, i) => (requiredMask >> i) & 1);
      return defined({ type: "object", properties: props, required, additionalProperties: additional });
    });
  const array = fc
    .record({ items: inner, minItems: optional(fc.nat(2)), maxItems: optional(fc.nat(4)), uniqueItems: optional(fc.boolean()) })
    .map((s) => defined({ type: "array", ...s }));
  const union = fc
    .record({ keyword: fc.constantFrom("anyOf", "oneOf"), branches: fc.array(inner, { minLength: 2, maxLength: 3 }) })
    .map(({ keyword, branches }) => ({ [keyword]: branches }));
  const nullable = fc.tuple(inner, fc.nat(2)).map(([schema, how]) => withNull(schema, how));
  return fc.oneof(inner, object, array, union, nullable);
}

/** A root object schema; some put a subschema in $defs and point at it with $ref (siblings of $ref apply too). */
export const rootSchemaArb: fc.Arbitrary<Schema> = fc.tuple(schemaArb(2), schemaArb(1), fc.nat(3)).map(([schema, shared, mode]) => {
  const root: Schema = schema.type === "object" ? schema : { type: "object", properties: { value: schema }, required: ["value"] };
  if (mode !== 0) return root;
  return { ...root, properties: { ...(root.properties as Schema), ref: { $ref: "#/$defs/shared" } }, $defs: { shared } };
});

const isObject = (v: unknown): v is Schema => typeof v === "object" && v !== null && !Array.isArray(v);

function setOwn(target: Record<string, unknown>, key: string, value: unknown): void {
  Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true });
}

/** Values built to conform to `schema` (root for $ref); most do, some do not (overlapping oneOf branches, bounds that exclude each other). */
export function valueArb(schema: unknown, root: Schema, depth = 0): fc.Arbitrary<unknown> {
  if (!isObject(schema) || depth > 8) return jsonish;
  if (typeof schema.$ref === "string") {
    const name = schema.$ref.replace("#/$defs/", "");
    return valueArb((root.$defs as Schema | undefined)?.[name], root, depth + 1);
  }
  const nullable = schema.nullable === true;
  const base = valueArbOf({ ...schema, nullable: undefined }, root, depth);
  return nullable ? fc.oneof(base, fc.constant(null)) : base;
}

function valueArbOf(schema: Schema, root: Schema, depth: number): fc.Arbitrary<unknown> {
  if (Array.isArray(schema.enum)) return fc.constantFrom(...(schema.enum as unknown[]));
  if (schema.const !== undefined) return fc.constant(schema.const);
  const branches = (schema.anyOf ?? schema.oneOf) as unknown[] | undefined;
  if (Array.isArray(branches)) return fc.oneof(...branches.map((b) => valueArb(b, root, depth + 1)));
  const types = Array.isArray(schema.type) ? (schema.type as string[]) : typeof schema.type === "string" ? [schema.type] : [];
  if (types.length === 0) return jsonish;
  return fc.oneof(...types.map((type) => typedValue(type, schema, root, depth)));
}

function typedValue(type: string, schema: Schema, root: Schema, depth: number): fc.Arbitrary<unknown> {
  switch (type) {
    case "string": {
      const pattern = PATTERNS.find((p) => p.pattern === schema.pattern);
      if (pattern !== undefined) return fc.constantFrom(...pattern.samples);
      const format = FORMATS.find((f) => f.format === schema.format);
      if (format !== undefined) return fc.constantFrom(...format.samples);
      const minLength = typeof schema.minLength === "number" ? schema.minLength : 0;
      const maxLength = Math.max(minLength, typeof schema.maxLength === "number" ? schema.maxLength : 6);
      return fc.string({ minLength, maxLength, unit: fc.constantFrom("a", "Z", "1", " ", "é", "東", "😀", "\n") });
    }
    case "integer":
    case "number": {
      const min = [schema.minimum, schema.exclusiveMinimum].filter((v): v is number => typeof v === "number");
      const max = [schema.maximum, schema.exclusiveMaximum].filter((v): v is number => typeof v === "number");
      const lo = Math.ceil(Math.max(-20, ...min));
      const hi = Math.floor(Math.min(20, ...max));
      const step = typeof schema.multipleOf === "number" ? schema.multipleOf : type === "integer" ? 1 : 0.25;
      const ints = lo <= hi ? fc.integer({ min: lo, max: hi }) : fc.integer({ min: -3, max: 3 });
      return fc.oneof(
        ints,
        ints.map((k) => k * step),
        ints.map((k) => Math.round(k / step) * step),
      );
    }
    case "boolean":
      return fc.boolean();
    case "null":
      return fc.constant(null);
    case "array": {
      const minLength = typeof schema.minItems === "number" ? schema.minItems : 0;
      const maxLength = Math.max(minLength, typeof schema.maxItems === "number" ? schema.maxItems : 3);
      return fc.array(valueArb(schema.items, root, depth + 1), { minLength, maxLength });
    }
    case "object": {
      const properties = isObject(schema.properties) ? schema.properties : {};
      const required = Array.isArray(schema.required) ? (schema.required as string[]) : [];
      const entries = Object.entries(properties).map(([key, sub]) =>
        fc
          .tuple(fc.constant(key), valueArb(sub, root, depth + 1), fc.boolean())
          .map(([k, v, keep]) => (required.includes(k) || keep ? [k, v] : undefined)),
      );
      const extra = schema.additionalProperties === false ? fc.constant(undefined) : optional(fc.tuple(fc.constantFrom("extra", "b"), jsonish));
      return fc.tuple(fc.tuple(...entries), extra).map(([pairs, more]) => {
        const out: Record<string, unknown> = {};
        for (const pair of [...pairs, more]) if (pair !== undefined) setOwn(out, pair[0] as string, pair[1]);
        return out;
      });
    }
    default:
      return jsonish;
  }
}

/** Every node of a JSON value, as paths. */
function paths(value: unknown, at: Array<string | number> = []): Array<Array<string | number>> {
  const out = [at];
  if (Array.isArray(value)) value.forEach((item, i) => out.push(...paths(item, [...at, i])));
  else if (isObject(value)) for (const [key, item] of Object.entries(value)) out.push(...paths(item, [...at, key]));
  return out;
}

const clone = (value: unknown): unknown => structuredClone(value);

type Mutation = (node: unknown, other: unknown) => unknown;
const MUTATIONS: Mutation[] = [
  (_node, other) => other,
  (node) => (typeof node === "number" ? node + 1 : node === null ? 0 : null),
  (node) => (typeof node === "number" ? node + 0.5 : typeof node === "string" ? Number(node.length) : ""),
  (node) => (typeof node === "number" ? -node : typeof node === "boolean" ? String(node) : node),
  (node) => (typeof node === "string" ? `${node}x` : Array.isArray(node) ? [...node, node[0] ?? null] : node),
  (node) => (typeof node === "string" ? node.slice(1) : Array.isArray(node) ? node.slice(1) : node),
  (node) => (typeof node === "string" ? `${node}😀` : typeof node === "number" ? String(node) : node),
  (node) => {
    if (!isObject(node)) return node;
    const out: Record<string, unknown> = {};
    for (const [key, item] of Object.entries(node).slice(1)) setOwn(out, key, item);
    return out;
  },
  (node, other) => {
    if (!isObject(node)) return node;
    const out: Record<string, unknown> = { ...node };
    setOwn(out, "extra", other);
    return out;
  },
];

/** A value one change away from `base`: a node replaced, nudged, lengthened, shortened, or a property dropped or added. */
export function nearMiss(base: unknown): fc.Arbitrary<unknown> {
  return fc.tuple(fc.nat(), fc.nat(MUTATIONS.length - 1), jsonish).map(([pick, which, other]) => {
    const all = paths(base);
    const path = all[pick % all.length] ?? [];
    const mutate = MUTATIONS[which] as Mutation;
    if (path.length === 0) return mutate(clone(base), other);
    const copy = clone(base) as Record<string | number, unknown>;
    let parent = copy;
    for (const step of path.slice(0, -1)) parent = Object.getOwnPropertyDescriptor(parent, step)?.value as Record<string | number, unknown>;
    const last = path[path.length - 1] as string | number;
    if (!isObject(parent) && !Array.isArray(parent)) return copy;
    const changed = mutate(parent[last], other);
    if (typeof last === "number") parent[last] = changed;
    else setOwn(parent, last, changed);
    return copy;
  });
}

/** Values for a schema: conforming ones, near-misses of them, and unrelated JSON. */
export function casesArb(root: Schema, count: { min: number; max: number }): fc.Arbitrary<unknown[]> {
  const conforming = valueArb(root, root);
  const value = fc.oneof(
    { arbitrary: conforming, weight: 3 },
    { arbitrary: conforming.chain(nearMiss), weight: 3 },
    { arbitrary: jsonish, weight: 1 },
  );
  return fc.array(value, { minLength: count.min, maxLength: count.max });
}
