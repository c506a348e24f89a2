/** response_format through the app: the forced extraction at the edge, refusals, 400s, and the origin's part. */
import { afterEach, describe, expect, it } from "vitest";
import type { ToolCallResult } from "../../caller/types.js";
import { startFaultOrigin, type FaultAnswer, type FaultOrigin } from "../../../test/support/fault-origin.js";
import { postJson } from "../../../test/support/requests.js";
import { scriptedCaller } from "../../../test/support/scripted-caller.js";
import { originRegistry } from "../../origin/registry.js";
import { createApp } from "../app.js";

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- these tests walk loosely typed response JSON.
type Json = Record<string, any>;

const schema = {
  type: "object",
  additionalProperties: false,
  required: ["street", "city", "postal_code", "country"],
  properties: { street: { type: "string" }, city: { type: "string" }, postal_code: { type: "string" }, country: { type: "string" } },
};
const text = "Please send my order to 221B Baker Street, London NW1 6XE, United Kingdom.";
const body = (extra: Record<string, unknown> = {}) => ({
  model: "edgecall",
  messages: [
    { role: "system", content: "Extract the shipping address." },
    { role: "user", content: text },
  ],
  response_format: { type: "json_schema", json_schema: { name: "address", strict: true, schema } },
  ...extra,
});
const read = (args: Record<string, unknown>, confidence = 0.95): ToolCallResult => ({
  kind: "calls",
  confidence,
  calls: [{ name: "address", arguments: args, confidence, argument_confidence: {} }],
});
const full = read({ street: "221B Baker Street", city: "London", postal_code: "NW1 6XE", country: "United Kingdom" });

let upstream: FaultOrigin | undefined;
afterEach(async () => {
  await upstream?.close();
  upstream = undefined;
});

async function setup(edge: ToolCallResult, origin?: (index: number, body: Json) => FaultAnswer) {
  upstream = origin === undefined ? undefined : await startFaultOrigin((seen, index) => origin(index, seen.body));
  const caller = scriptedCaller(() => edge);
  const app = createApp({ caller, backend: "test-double", origins: originRegistry({ random: () => 0 }), telemetry: false });
  const env = upstream === undefined ? {} : { ORIGIN_URL: upstream.url, ORIGIN_TIMEOUT_MS: "1500", ORIGIN_TTFB_MS: "500" };
  const post = async (request: unknown) => {
    const response = await app.request("/v1/chat/completions", postJson(request), env);
    const raw = await response.text();
    return { status: response.status, raw, json: (raw.startsWith("{") ? JSON.parse(raw) : {}) as Json };
  };
  return { caller, post };
}

describe("response_format json_schema at the edge", () => {
  it("answers one forced extraction of a synthetic tool as JSON content in schema order", async () => {
    const { caller, post } = await setup(read({ country: "United Kingdom", street: "221B Baker Street", city: "London", postal_code: "NW1 6XE" }));
    const { status, json } = await post(body());
    expect(status).toBe(200);
    const message = json.choices[0].message;
    expect(message.content).toBe('{"street":"221B Baker Street","city":"London","postal_code":"NW1 6XE","country":"United Kingdom"}');
    expect(message.refusal).toBeNull();
    expect(json.choices[0].finish_reason).toBe("stop");
    expect(json.x_edgecall).toMatchObject({ route: "edge", result: "text", confidence: 0.95 });
    const seen = caller.requests[0];
    expect(seen?.tool_choice).toEqual({ type: "function", function: { name: "address" } });
    expect(seen?.tools[0]?.function.parameters?.["x-edgecall-extract"]).toBe(true);
    // The reader reads values from the user's turn, not from the system instruction.
    expect(seen?.messages).toEqual([{ role: "user", content: text }]);
  });

  it("streams the same content", async () => {
    const { raw } = await setup(full).then(({ post }) => post(body({ stream: true })));
    const chunks = raw
      .split("\n")
      .filter((l) => l.startsWith("data: {"))
      .map((l) => JSON.parse(l.slice(6)) as Json);
    const content = chunks.map((c) => c.choices[0]?.delta?.content ?? "").join("");
    expect(JSON.parse(content)).toEqual({ street: "221B Baker Street", city: "London", postal_code: "NW1 6XE", country: "United Kingdom" });
  });

  it('answers "" for a free string the text does not state, and refuses what it cannot fill', async () => {
    const partial = await setup(read({ street: "221B Baker Street", country: "United Kingdom" }, 0.4)).then(({ post }) => post(body()));
    expect(JSON.parse(partial.json.choices[0].message.content)).toEqual({
      street: "221B Baker Street",
      city: "",
      postal_code: "",
      country: "United Kingdom",
    });

    const counted = { ...schema, required: [...schema.required, "items"], properties: { ...schema.properties, items: { type: "integer" } } };
    const refused = await setup(full).then(({ post }) =>
      post(body({ response_format: { type: "json_schema", json_schema: { name: "address", strict: true, schema: counted } } })),
    );
    expect(refused.status).toBe(200);
    expect(refused.json.choices[0].message.content).toBeNull();
    expect(refused.json.choices[0].message.refusal).toContain("'items'");
    expect(refused.json.x_edgecall.result).toBe("not_expressible");
  });

  it("answers 400 in OpenAI's shape for json_object without an origin and for schemas outside the strict subset", async () => {
    const { post } = await setup(full);
    const object = await post(body({ response_format: { type: "json_object" } }));
    expect(object.status).toBe(400);
    expect(object.json.error).toMatchObject({ type: "invalid_request_error", param: "response_format.type", code: "unsupported_response_format" });
    const open = await post(
      body({
        response_format: {
          type: "json_schema",
          json_schema: { name: "a", strict: true, schema: { type: "object", properties: { a: { type: "string" } } } },
        },
      }),
    );
    expect(open.status).toBe(400);
    expect(open.json.error).toMatchObject({ param: "response_format.json_schema.schema", code: "invalid_json_schema" });
    const unsupported = await post(
      body({
        response_format: {
          type: "json_schema",
          json_schema: { name: "a", schema: { type: "object", properties: { a: { type: "string", pattern: "(a)\\1" } } } },
        },
      }),
    );
    expect(unsupported.status).toBe(400);
    expect(unsupported.json.error.param).toMatch(/^response_format\.json_schema\.schema\.properties\.a/);
  });
});

describe("response_format with an origin configured", () => {
  const originJson = '{"street":"221B Baker Street","city":"London","postal_code":"NW1 6XE","country":"United Kingdom"}';

  it("keeps a complete, sure extraction at the edge", async () => {
    const { post } = await setup(full, () => ({ kind: "text", text: "{}" }));
    const { json } = await post(body());
    expect(json.x_edgecall.route).toBe("edge");
  });

  it("asks the origin, with the response format, for what the edge left unstated, and validates its answer", async () => {
    let sent: Json = {};
    const { post } = await setup(read({ street: "221B Baker Street" }), (_i, seen) => {
      sent = seen;
      return { kind: "text", text: originJson };
    });
    const { json } = await post(body());
    expect(json.x_edgecall).toMatchObject({ route: "origin", result: "text" });
    expect(json.x_edgecall.route_reasons).toContain("unstated_fields");
    expect(JSON.parse(json.choices[0].message.content)).toEqual(JSON.parse(originJson));
    expect(sent.response_format).toEqual(body().response_format);
  });

  it("falls back to the edge's reading when the origin's content does not validate", async () => {
    const { post } = await setup(read({ street: "221B Baker Street" }), () => ({ kind: "text", text: '{"street": 3}' }));
    const { json } = await post(body());
    expect(json.x_edgecall.route).toBe("edge_fallback");
    expect(JSON.parse(json.choices[0].message.content)).toMatchObject({ street: "221B Baker Street", city: "" });
  });

  it("sends json_object to the origin and checks for a JSON object", async () => {
    const { post } = await setup(full, () => ({ kind: "text", text: '{"status": "shipped"}' }));
    const { json } = await post(body({ response_format: { type: "json_object" } }));
    expect(json.choices[0].message.content).toBe('{"status":"shipped"}');
    const { post: post2 } = await setup(full, () => ({ kind: "text", text: "It has shipped." }));
    expect((await post2(body({ response_format: { type: "json_object" } }))).status).toBe(502);
  });
});

describe("x_edgecall.tool_set", () => {
  it("says which tool set the edge read: none, the request's tools, or the extraction's", async () => {
    const { post } = await setup(full);
    const plain = await post({ model: "edgecall", messages: [{ role: "user", content: "hi" }] });
    expect(plain.json.x_edgecall.tool_set).toBeUndefined();
    const tools = [
      { type: "function", function: { name: "get_order_status", parameters: { type: "object", properties: { order_id: { type: "string" } } } } },
    ];
    const called = await post({ model: "edgecall", messages: [{ role: "user", content: "Where is A-1042?" }], tools });
    expect(called.json.x_edgecall.tool_set).toBe("compiled");
    // registry/tool-sets.json registers this address schema
    expect((await post(body())).json.x_edgecall.tool_set).toBe("registered");
    const other = {
      type: "json_schema",
      json_schema: { name: "city", strict: true, schema: { ...schema, required: ["city"], properties: { city: { type: "string" } } } },
    };
    expect((await post(body({ response_format: other }))).json.x_edgecall.tool_set).toBe("compiled");
  });
});
