/**
 * fast-check arbitraries for the fuzz suites (test/unit/fuzz-*.test.ts): chat-completions requests with odd Unicode
 * (lone surrogates, RTL and zero-width marks, very long words), huge numbers, deep nesting and hostile tool schemas,
 * each with the answer it must get: `ok` (200), `client_error` (400, or 413 over the body limit) or `either`
 * (200 or 400: whether the edge can honour a hostile schema is the compiler's call, not the generator's).
 */
import fc from "fast-check";
import { fanout } from "./hostile-schemas.js";

export type Expectation = "ok" | "client_error" | "either";

export interface FuzzSample {
  label: string;
  method: string;
  path: string;
  body: string | Uint8Array | null;
  headers: Record<string, string>;
  /** wrangler vars for this request (MAX_BODY_BYTES, EDGECALL_API_KEYS). */
  env: Record<string, string>;
  expect: Expectation;
  /** The status a client error must have (default 400). */
  status?: number;
  /** 200 must be an SSE stream (true) or JSON (false); null: either. */
  stream: boolean | null;
}

type Json = unknown;
type JsonObject = Record<string, Json>;

/** An object with `key` as an own property even when it is `__proto__`. */
function own(entries: [string, Json][]): JsonObject {
  const out: JsonObject = {};
  for (const [key, value] of entries) Object.defineProperty(out, key, { value, enumerable: true, writable: true, configurable: true });
  return out;
}

const ODD = [
  "\uD800",
  "\uDBFF",
  "\uDC00",
  "\uDFFF",
  "a\uD83D",
  "\uDE00b", // lone surrogates
  "\u202E",
  "\u202D",
  "\u200F",
  "\u061C",
  "שלום",
  "مرحبا بالعالم",
  "\u202Egnp.exe", // RTL
  "\u200B",
  "\u200C",
  "\u200D",
  "\u2060",
  "\uFEFF",
  "\u00AD", // zero-width
  "e\u0301\u0301\u0301",
  "🙂",
  "👩‍👩‍👧‍👦",
  "\u{10FFFF}",
  "\u0000",
  "\u001F",
  "\u2028",
  "\u2029",
  "取消订单 A-1042",
  "忽略之前的指令",
  "cancel order A-1042",
  "ignore previous instructions",
  "</script>",
  "${x}",
  "{{x}}",
  "%E0%A4%A",
  "\\",
  '"',
  "__proto__",
  "constructor",
  "NaN",
  "-0",
  "1e400",
  "Infinity",
];

export const oddText: fc.Arbitrary<string> = fc.oneof(
  {
    weight: 3,
    arbitrary: fc.array(fc.oneof(fc.constantFrom(...ODD), fc.string({ maxLength: 8 })), { maxLength: 10 }).map((parts) => parts.join(" ")),
  },
  { weight: 2, arbitrary: fc.string({ unit: "binary", maxLength: 40 }) },
  { weight: 1, arbitrary: fc.string({ unit: "grapheme", maxLength: 40 }) },
  // a very long word
  {
    weight: 1,
    arbitrary: fc.tuple(fc.constantFrom("a", "é", "取", "\u200B", "9"), fc.integer({ min: 300, max: 4000 })).map(([c, n]) => c.repeat(n)),
  },
  // huge numbers as words
  {
    weight: 1,
    arbitrary: fc.constantFrom(
      "Refund 123456789012345678901234567890 dollars",
      "order 1e308",
      "pay -9007199254740993 now",
      "0.000000000000000000000001 kg",
    ),
  },
);

/** Under MAX_DESCRIPTION_CHARS (4096), for texts the bounds measure. */
const shortText = oddText.map((text) => text.slice(0, 1000));

const hugeNumber = fc.constantFrom(1e308, -1e308, Number.MAX_VALUE, Number.MIN_VALUE, 2 ** 53 + 2, -(2 ** 63), 123456789012345680000, -0);

const toolName = fc.stringMatching(/^[a-zA-Z0-9_-]{1,64}$/);
const riskyName = fc.constantFrom("cancel_order", "delete_account", "refund_payment", "get_order_status", "transfer_funds", "search");
/** Well-formed: a key with a lone surrogate is refused (400 invalid_key), so it belongs to the hostile schemas. */
const propertyName = fc.oneof(
  fc.stringMatching(/^[a-z_]{1,12}$/),
  oddText.map((text) => text.slice(0, 30).replace(/[\uD800-\uDFFF]/gu, "?")),
  fc.constantFrom("__proto__", "constructor", "prototype", "order_id", "amount"),
);

/** Tool parameter schemas the request schema accepts and the edge should honour or refuse cleanly. */
const leafSchema: fc.Arbitrary<JsonObject> = fc.oneof(
  fc.record({ type: fc.constant("string"), description: shortText }, { requiredKeys: ["type"] }),
  fc.record({ type: fc.constant("string"), enum: fc.array(shortText, { minLength: 1, maxLength: 4 }) }),
  fc.record({ type: fc.constant("number"), minimum: hugeNumber, maximum: hugeNumber }, { requiredKeys: ["type"] }),
  fc.record({ type: fc.constant("integer"), enum: fc.array(hugeNumber, { minLength: 1, maxLength: 4 }) }, { requiredKeys: ["type"] }),
  fc.record({ type: fc.constant("boolean") }),
  fc.record({ type: fc.constant("array"), items: fc.record({ type: fc.constantFrom("string", "number") }) }),
  fc.record({ type: fc.constant(["string", "null"]) }),
  fc.record({
    type: fc.constant("string"),
    pattern: fc.constantFrom(
      "^[A-Z]-\\d+$",
      "^(a+)+$",
      "(x+x+)+y",
      "^([a-zA-Z0-9])(([\\-.]|[_]+)?([a-zA-Z0-9]+))*(@){1}[a-z0-9]+[.]{1}(([a-z]{2,3})|([a-z]{2,3}[.]{1}[a-z]{2,3}))$",
    ),
  }),
);

function objectSchema(properties: fc.Arbitrary<[string, JsonObject][]>): fc.Arbitrary<JsonObject> {
  return properties.chain((entries) =>
    fc.subarray(entries.map(([name]) => name)).map((required) => ({ type: "object", properties: own(entries), required: [...new Set(required)] })),
  );
}

/** Nested objects, `depth` levels of at most two properties. */
function nestedSchema(depth: number): fc.Arbitrary<JsonObject> {
  if (depth === 0) return leafSchema;
  return objectSchema(fc.array(fc.tuple(propertyName, fc.oneof(leafSchema, nestedSchema(depth - 1))), { maxLength: 2 }));
}

/**
 * Inside every cost limit by construction: at most 1 + 4 x (2 + 2 x 2 x 5) = 89 schema elements per tool, so five
 * tools stay under MAX_SCHEMA_ELEMENTS (512); texts under MAX_DESCRIPTION_CHARS.
 */
export const benignParameters: fc.Arbitrary<JsonObject> = fc
  .integer({ min: 0, max: 2 })
  .chain((depth) => objectSchema(fc.array(fc.tuple(propertyName, nestedSchema(depth)), { maxLength: 4 })));

const wrap = (property: JsonObject, extra: JsonObject = {}): JsonObject => ({
  type: "object",
  properties: { value: property },
  required: ["value"],
  ...extra,
});

/** Schemas built to hurt: ReDoS and non-RE2 patterns, $ref fan-out, cycles and bad pointers, huge enums, long texts. */
export const hostileParameters: fc.Arbitrary<JsonObject> = fc.oneof(
  fc
    .constantFrom(
      "^(a+)+$",
      "(a|a)*b",
      "(a|aa)+$",
      "^(\\w+\\s?)*$",
      "(a)\\1",
      "(?=a)a",
      "(?<!a)b",
      "[",
      "a{2,1}",
      "(?P<x>a)(?P=x)",
      "\\p{Han}+",
      "a".repeat(600),
    )
    .chain((pattern) =>
      fc.constantFrom(wrap({ type: "string", pattern }), { type: "object", patternProperties: own([[pattern, { type: "string" }]]) }),
    ),
  fc.tuple(fc.integer({ min: 1, max: 14 }), fc.integer({ min: 1, max: 4 })).map(([depth, width]) => fanout(depth, width, true) as JsonObject),
  fc.constantFrom(
    { type: "object", properties: { self: { $ref: "#" } } },
    { type: "object", properties: { a: { $ref: "#/properties/a" } } },
    { type: "object", properties: { a: { $ref: "#/$defs/b" } }, $defs: { b: { $ref: "#/$defs/a" }, a: { $ref: "#/$defs/b" } } },
    { type: "object", properties: { id: { $ref: "#/$defs/%E0%A4%A" } }, $defs: { id: { type: "string" } } },
    { type: "object", properties: { id: { $ref: "#/$defs/~2x" } }, $defs: { id: { type: "string" } } },
    { type: "object", properties: { id: { $ref: "https://evil.example/schema.json" } } },
    { type: "object", properties: { id: { $ref: "#/__proto__/polluted" } } },
    { type: "object", properties: { id: { $ref: "#/$defs/constructor" } }, $defs: {} },
    {
      type: "object",
      properties: own([
        ["__proto__", { type: "string" }],
        ["constructor", { type: "number" }],
      ]),
      required: ["__proto__", "constructor"],
    },
    { type: "object", properties: { "\uD800": { type: "string" }, "a\uDFFFb": { type: "integer" } }, required: ["\uD800"] },
    { type: "object", properties: { a: { type: "string" } }, $defs: { "\uDC00": { type: "string" } } },
  ),
  fc
    .tuple(fc.integer({ min: 200, max: 320 }), fc.constantFrom("string", "number"))
    .map(([n, kind]) => wrap({ type: kind, enum: Array.from({ length: n }, (_, i) => (kind === "string" ? `opt${i}` : i * 1e300)) })),
  fc.integer({ min: 4000, max: 4200 }).map((n) => wrap({ type: "string", description: "d".repeat(n) })),
  fc.integer({ min: 1, max: 40 }).map((depth) => {
    let schema: JsonObject = { type: "string" };
    for (let i = 0; i < depth; i++) schema = { type: "array", items: schema };
    return wrap(schema);
  }),
  fc.constantFrom(
    wrap({ anyOf: [{ type: "string" }, { type: "number" }, { type: "object", properties: { x: { type: "boolean" } } }] }),
    wrap({
      oneOf: [
        { type: "string", enum: ["a"] },
        { type: "string", enum: ["a"] },
      ],
    }),
    wrap({ type: "object", additionalProperties: { type: "object", additionalProperties: { type: "string" } } }),
    wrap({ type: "number", minimum: 10, maximum: -10 }),
    wrap({ type: "string", minLength: 100, maxLength: 1 }),
    wrap({ type: "string", enum: [null, 1e308, { a: 1 }, [1, [2]], true, "x"] }),
    wrap({ type: "integer", enum: [1.5] }),
    wrap({ type: "string", format: "date-time" }),
    wrap({ type: "array", minItems: 100000, items: { type: "string" } }),
  ),
);

const message: fc.Arbitrary<JsonObject> = fc.oneof(
  { weight: 4, arbitrary: fc.record({ role: fc.constantFrom("user", "system", "developer"), content: oddText }) },
  {
    weight: 1,
    arbitrary: fc.record({
      role: fc.constant("user"),
      content: fc.array(
        oddText.map((text) => ({ type: "text", text })),
        { minLength: 1, maxLength: 3 },
      ),
    }),
  },
  {
    weight: 1,
    arbitrary: fc.record({
      role: fc.constant("assistant"),
      content: fc.option(oddText),
      tool_calls: fc.array(
        fc.record({
          id: fc.string({ minLength: 1, maxLength: 12 }),
          type: fc.constant("function"),
          function: fc.record({
            name: fc.oneof(toolName, riskyName),
            arguments: fc.oneof(
              fc.jsonValue({ maxDepth: 3 }).map((v) => JSON.stringify(v)),
              oddText,
              fc.constant('{"amount": 1e400}'),
            ),
          }),
        }),
        { maxLength: 3 },
      ),
    }),
  },
  { weight: 1, arbitrary: fc.record({ role: fc.constant("tool"), content: oddText, tool_call_id: fc.string({ minLength: 1, maxLength: 12 }) }) },
);

function toolsOf(parameters: fc.Arbitrary<JsonObject>, maxTools: number): fc.Arbitrary<JsonObject[]> {
  return fc
    .uniqueArray(fc.oneof(toolName, riskyName), { maxLength: maxTools })
    .chain((names) =>
      fc
        .tuple(...names.map((name) => fc.record({ name: fc.constant(name), description: shortText, parameters }, { requiredKeys: ["name"] })))
        .map((fns) => fns.map((fn) => ({ type: "function", function: fn }))),
    );
}

const samplingFields = fc.record(
  {
    temperature: fc.double({ min: 0, max: 2, noNaN: true }),
    top_p: fc.double({ min: 0, max: 1, noNaN: true }),
    seed: fc.oneof(fc.integer(), fc.constantFrom(2 ** 53 + 2, -(2 ** 63), 1e300)),
    max_tokens: fc.oneof(fc.integer({ min: 1 }), fc.constantFrom(1e300, 2 ** 53 + 2)),
    presence_penalty: fc.double({ min: -2, max: 2, noNaN: true }),
    user: oddText,
    metadata: fc.dictionary(
      fc.stringMatching(/^[a-z]{1,8}$/),
      oddText.map((text) => text.slice(0, 100)),
      { maxKeys: 4 },
    ),
    x_trace: fc.jsonValue({ maxDepth: 4 }),
  },
  { requiredKeys: [] },
);

/** A request the API must answer with 200, built from `parameters` for each tool. */
function request(parameters: fc.Arbitrary<JsonObject>, maxTools: number): fc.Arbitrary<JsonObject> {
  return fc
    .tuple(
      fc.array(message, { minLength: 1, maxLength: 6 }),
      message.filter((m) => m.role === "user" || m.role === "system"),
      toolsOf(parameters, maxTools),
      samplingFields,
      fc.boolean(),
      fc.boolean(),
      fc.nat(),
    )
    .map(([history, last, tools, sampling, stream, parallel, pick]) => {
      const body: JsonObject = { model: "edgecall", messages: [...history, last], ...sampling };
      if (tools.length > 0) {
        body.tools = tools;
        const named = (tools[pick % tools.length] as { function: { name: string } }).function.name;
        body.tool_choice = (["auto", "none", "required", { type: "function", function: { name: named } }] as const)[pick % 4];
        body.parallel_tool_calls = parallel;
      }
      if (stream) body.stream = true;
      if (stream && pick % 2 === 0) body.stream_options = { include_usage: true };
      return body;
    });
}

const post = (
  label: string,
  body: JsonObject | string | Uint8Array,
  expect: Expectation,
  env: Record<string, string> = {},
  headers: Record<string, string> = {},
): FuzzSample => ({
  label,
  method: "POST",
  path: "/v1/chat/completions",
  body: typeof body === "string" || body instanceof Uint8Array ? body : JSON.stringify(body),
  headers: { "Content-Type": "application/json", ...headers },
  env,
  expect,
  stream:
    typeof body === "object" && !(body instanceof Uint8Array) && body.stream === true
      ? true
      : typeof body === "string" && /"stream":true/.test(body)
        ? true
        : body instanceof Uint8Array
          ? null
          : false,
});

export const benignRequests = (maxTools = 5): fc.Arbitrary<FuzzSample> =>
  request(benignParameters, maxTools).map((body) => post("benign", body, "ok"));

/** Tools whose parameters are hostile or benign: 200 or 400. */
export const hostileSchemaRequests = (maxTools: number): fc.Arbitrary<FuzzSample> =>
  request(fc.oneof(hostileParameters, benignParameters), maxTools).map((body) => post("hostile schema", body, "either"));

export const hostileRequests = (maxTools = 4): fc.Arbitrary<FuzzSample> =>
  fc.oneof(
    { weight: 6, arbitrary: hostileSchemaRequests(maxTools) },
    // more tools than MAX_TOOLS (128) or close to it
    {
      weight: 1,
      arbitrary: fc.integer({ min: 100, max: 140 }).map((n) =>
        post(
          "many tools",
          {
            model: "edgecall",
            messages: [{ role: "user", content: "hi" }],
            tools: Array.from({ length: n }, (_, i) => ({
              type: "function",
              function: { name: `t${i}`, parameters: { type: "object", properties: { a: { type: "string" } } } },
            })),
          },
          "either",
        ),
      ),
    },
    // huge numbers as raw JSON text (1e400 parses to Infinity) and invalid UTF-8 bytes inside a string
    {
      weight: 1,
      arbitrary: request(benignParameters, 2).chain((body) =>
        fc
          .constantFrom("1e400", "-1e400", "123456789012345678901234567890123456789", "1e-400", "-0")
          .map((n) => post("raw number", JSON.stringify({ ...body, x_n: "@N@" }).replace('"@N@"', n), "ok")),
      ),
    },
    {
      weight: 1,
      arbitrary: request(benignParameters, 2).chain((body) =>
        fc.uint8Array({ minLength: 1, maxLength: 8 }).map((bytes) => {
          const text = new TextEncoder().encode(JSON.stringify({ ...body, x_b: "@B@" }));
          const at = text.findIndex((b, i) => b === 64 && text[i + 1] === 66 && text[i + 2] === 64);
          const raw = new Uint8Array([
            ...text.subarray(0, at),
            ...bytes.map((b) => (b === 34 || b === 92 || b < 32 ? 0xff : b)),
            ...text.subarray(at + 3),
          ]);
          return post("invalid UTF-8", raw, "ok");
        }),
      ),
    },
  );

type Mutation = (body: JsonObject) => FuzzSample;

const KNOWN_FIELDS = [
  "model",
  "messages",
  "tools",
  "tool_choice",
  "parallel_tool_calls",
  "stream",
  "stream_options",
  "temperature",
  "top_p",
  "n",
  "seed",
  "max_tokens",
  "max_completion_tokens",
  "presence_penalty",
  "frequency_penalty",
  "logit_bias",
  "logprobs",
  "top_logprobs",
  "stop",
  "response_format",
  "user",
  "safety_identifier",
  "prompt_cache_key",
  "metadata",
  "store",
  "service_tier",
  "reasoning_effort",
  "verbosity",
  "modalities",
];

/** One known fault each (built once: arbitraries made per sample would cost more than the requests). */
const mutations: fc.Arbitrary<Mutation> = fc.oneof(
  fc.constant((body: JsonObject) => post("no model", { ...body, model: undefined }, "client_error")),
  fc.constant((body: JsonObject) => post("no messages", { ...body, messages: [] }, "client_error")),
  oddText
    .filter((role) => !["system", "developer", "user", "assistant", "tool"].includes(role))
    .map((role) => (body: JsonObject) => post("bad role", { ...body, messages: [{ role, content: "hi" }] }, "client_error")),
  fc
    .oneof(
      fc.double({ min: 2.000001, noNaN: true, noDefaultInfinity: true }),
      fc.double({ max: -0.000001, noNaN: true, noDefaultInfinity: true }),
      fc.constant("hot"),
    )
    .map((temperature) => (body: JsonObject) => post("bad temperature", { ...body, temperature }, "client_error")),
  fc
    .constantFrom("1e400", "-1e400", "3", "NaN")
    .map(
      (raw) => (body: JsonObject) =>
        post("bad temperature (raw)", JSON.stringify({ ...body, temperature: "@T@" }).replace('"@T@"', raw), "client_error"),
    ),
  fc.oneof(fc.integer({ min: 2 }), fc.constant(1e300)).map((n) => (body: JsonObject) => post("n > 1", { ...body, n }, "client_error")),
  oddText
    .filter((name) => !/^[a-zA-Z0-9_-]{1,64}$/.test(name))
    .map((name) => (body: JsonObject) => post("bad tool name", { ...body, tools: [{ type: "function", function: { name } }] }, "client_error")),
  fc.constant((body: JsonObject) =>
    post(
      "duplicate tool",
      {
        ...body,
        tools: [
          { type: "function", function: { name: "dup" } },
          { type: "function", function: { name: "dup" } },
        ],
      },
      "client_error",
    ),
  ),
  toolName.map(
    (name) => (body: JsonObject) =>
      post(
        "unknown tool_choice",
        { ...body, tools: [{ type: "function", function: { name: `${name}_x` } }], tool_choice: { type: "function", function: { name } } },
        "client_error",
      ),
  ),
  fc.constant((body: JsonObject) => post("tool_choice without tools", { ...body, tools: undefined, tool_choice: "required" }, "client_error")),
  fc
    .stringMatching(/^[a-wyz][a-z_]{0,12}$/)
    .filter((key) => !KNOWN_FIELDS.includes(key))
    .map((key) => (body: JsonObject) => post("unknown field", { ...body, [key]: 1 }, "client_error")),
  fc
    .integer({ min: 65, max: 5000 })
    .map(
      (depth) => () =>
        post(
          "nested too deep",
          `{"model":"edgecall","messages":[{"role":"user","content":"hi"}],"x_deep":${"[".repeat(depth)}${"]".repeat(depth)}}`,
          "client_error",
        ),
    ),
  fc
    .oneof(
      fc.integer(),
      fc.jsonValue({ maxDepth: 2 }).filter((v) => typeof v !== "string" && !Array.isArray(v) && v !== null),
    )
    .map((content) => (body: JsonObject) => post("bad content", { ...body, messages: [{ role: "user", content }] }, "client_error")),
  fc.nat().map((cut) => (body: JsonObject) => {
    const text = JSON.stringify(body);
    return post("truncated JSON", text.slice(0, cut % (text.length - 1)), "client_error");
  }),
  fc.integer({ min: 65_600, max: 80_000 }).map((n) => (body: JsonObject) => ({
    ...post("over the body limit", { ...body, x_pad: "p".repeat(n) }, "client_error", { MAX_BODY_BYTES: "65536" }),
    status: 413,
  })),
);

/** Requests that are wrong in one known way: each must be a 400 (or 413 over the body limit). */
export const malformedRequests: fc.Arbitrary<FuzzSample> = fc.oneof(
  { weight: 8, arbitrary: fc.tuple(request(benignParameters, 3), mutations).map(([body, mutate]) => mutate(body)) },
  { weight: 1, arbitrary: fc.jsonValue({ maxDepth: 4 }).map((value) => post("any JSON", JSON.stringify(value) ?? "null", "client_error")) },
  {
    weight: 1,
    arbitrary: fc
      .constantFrom("", " ", "\n", "nul", "{", "[]", '"x"', "{}", "{'a':1}", "\uFFFE", "\u0000")
      .map((text) => post("not a request", text, "client_error")),
  },
);

/** API keys configured: the right key is served, anything else is a 401. */
export const authRequests: fc.Arbitrary<FuzzSample> = fc
  .tuple(
    request(benignParameters, 2),
    fc.oneof(
      fc.constant("Bearer sk-fuzz-key"),
      fc.string({ unit: "binary-ascii", maxLength: 40 }).map((s) => s.replace(/[\r\n\0]/g, "")),
      fc.string({ maxLength: 20 }).map((s) => `Bearer ${s.replace(/[\r\n\0]/g, "")}`),
    ),
  )
  .map(([body, authorization]) => {
    const sample = post(
      "auth",
      body,
      "ok",
      { EDGECALL_API_KEYS: "sk-other,sk-fuzz-key" },
      authorization === "" ? {} : { Authorization: authorization },
    );
    const key = /^Bearer\s+(.+)$/i.exec(authorization.trim())?.[1];
    return key === "sk-fuzz-key" || key === "sk-other" ? sample : { ...sample, expect: "client_error" as const, status: 401 };
  });

/** Wrong methods and unknown paths. */
export const routeRequests: fc.Arbitrary<FuzzSample> = fc.oneof(
  fc
    .constantFrom("GET", "PUT", "DELETE", "PATCH")
    .map((method) => ({ ...post("wrong method", "{}", "client_error"), method, body: method === "GET" ? null : "{}", status: 405 })),
  fc.stringMatching(/^[a-z0-9/._-]{0,30}$/).map((rest) => ({ ...post("unknown path", "{}", "client_error"), path: `/fuzz/${rest}`, status: 404 })),
);
