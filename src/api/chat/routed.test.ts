/**
 * The router and the origin in the chat-completions route, against a real fault-injecting upstream on loopback:
 * where each request goes, what each origin fault turns into (edge_fallback with its reason, or 502/504 in
 * OpenAI's shape), and that the app keeps serving afterwards.
 */
import { afterEach, describe, expect, it, vi } from "vitest";
import type { ToolCallResult } from "../../caller/types.js";
import { closedOriginUrl, startFaultOrigin, type FaultAnswer, type FaultOrigin } from "../../../test/support/fault-origin.js";
import { chatBody, postJson } from "../../../test/support/requests.js";
import { scriptedCaller } from "../../../test/support/scripted-caller.js";
import { originRegistry } from "../../origin/registry.js";
import { createApp } from "../app.js";

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- these tests walk loosely typed response JSON.
type Json = Record<string, any>;

const sure: ToolCallResult = {
  kind: "calls",
  confidence: 0.9,
  calls: [{ name: "get_weather", arguments: { city: "Paris" }, confidence: 0.9, argument_confidence: {} }],
};
const unsure: ToolCallResult = { ...sure, confidence: 0.1 };
const inexpressible: ToolCallResult = { kind: "not_expressible", reason: "an object value", confidence: 0.4 };

let upstream: FaultOrigin | undefined;
afterEach(async () => {
  await upstream?.close();
  upstream = undefined;
});

async function setup(edge: ToolCallResult, script: (index: number, body: Json) => FaultAnswer, vars: Record<string, unknown> = {}) {
  upstream = await startFaultOrigin((seen, index) => script(index, seen.body));
  const caller = scriptedCaller(() => edge);
  const app = createApp({ caller, backend: "test-double", origins: originRegistry({ random: () => 0 }) });
  const env = { ORIGIN_URL: upstream.url, ORIGIN_TIMEOUT_MS: "1500", ORIGIN_TTFB_MS: "500", ...vars };
  const post = async (body: unknown) => {
    const response = await app.request("/v1/chat/completions", postJson(body), env);
    const text = await response.text();
    let json: Json = {};
    try {
      json = JSON.parse(text) as Json;
    } catch {
      // SSE
    }
    return { response, text, json };
  };
  return { app, caller, post, upstream, env };
}

const hello = { model: "edgecall", messages: [{ role: "user", content: "hello" }] };
const sseData = (text: string): Json[] =>
  text
    .split("\n")
    .filter((l) => l.startsWith("data: {"))
    .map((l) => JSON.parse(l.slice(6)) as Json);

describe("routing with an origin configured", () => {
  it("sends a text-only turn to the origin, streaming and not", async () => {
    const { post, caller } = await setup(sure, () => ({ kind: "text", text: "Hello! How can I help?" }));
    const { json } = await post(hello);
    expect(json.choices[0].message.content).toBe("Hello! How can I help?");
    expect(json.x_edgecall).toMatchObject({ route: "origin", route_reasons: ["no_tools"], backend: "origin", result: "text", confidence: null });
    expect(json.usage.total_tokens).toBe(18);
    const streamed = await post({ ...hello, stream: true, stream_options: { include_usage: true } });
    const chunks = sseData(streamed.text);
    expect(chunks.map((c) => c.choices[0]?.delta?.content ?? "").join("")).toBe("Hello! How can I help?");
    expect(chunks.every((c) => c.object === "chat.completion.chunk")).toBe(true);
    expect(chunks.find((c) => c.x_edgecall)?.x_edgecall.route).toBe("origin");
    expect(chunks.at(-1)?.usage.total_tokens).toBe(18);
    expect(streamed.text.endsWith("data: [DONE]\n\n")).toBe(true);
    expect(caller.requests).toHaveLength(0);
  });

  it("keeps a confident edge answer without asking the origin", async () => {
    const { post, upstream } = await setup(sure, () => ({ kind: "text", text: "unused" }));
    const { json } = await post(chatBody());
    expect(json.x_edgecall).toMatchObject({ route: "edge", route_reasons: ["confident"], confidence: 0.9 });
    expect(upstream.requests).toHaveLength(0);
  });

  it("sends an unsure edge answer to the origin, whose valid call is answered", async () => {
    const { post, upstream } = await setup(unsure, () => ({ kind: "call", name: "get_weather", arguments: '{"city": "Lyon"}' }));
    const { json } = await post(chatBody());
    expect(json.x_edgecall).toMatchObject({ route: "origin", route_reasons: ["low_confidence"], result: "calls" });
    expect(json.choices[0].finish_reason).toBe("tool_calls");
    expect(json.choices[0].message.tool_calls[0]).toMatchObject({
      type: "function",
      function: { name: "get_weather", arguments: '{"city":"Lyon"}' },
    });
    expect(json.choices[0].message.tool_calls[0].id).toMatch(/^call_/);
    expect(upstream.requests[0]?.body).toMatchObject({ tool_choice: "auto", tools: [{ function: { name: "get_weather" } }] });
  });

  it("streams a validated origin call as our chunks", async () => {
    const { post } = await setup(unsure, () => ({ kind: "call", name: "get_weather", arguments: '{"city":"Lyon"}' }));
    const { text } = await post(chatBody({ stream: true }));
    const chunks = sseData(text);
    const deltas = chunks.flatMap((c) => c.choices[0]?.delta?.tool_calls ?? []);
    expect(deltas[0]).toMatchObject({ index: 0, function: { name: "get_weather" } });
    expect(deltas.map((d) => d.function.arguments).join("")).toBe('{"city":"Lyon"}');
    expect(chunks.find((c) => c.x_edgecall)?.x_edgecall.route).toBe("origin");
    expect(text.endsWith("data: [DONE]\n\n")).toBe(true);
  });

  it("sends requests above a complexity threshold to the origin, the edge's answer computed meanwhile as the fall-back", async () => {
    const { post, caller } = await setup(sure, () => ({ kind: "call", name: "get_weather", arguments: '{"city":"Rome"}' }));
    const { json } = await post(chatBody({ messages: [{ role: "user", content: "Get the weather in Paris and then check it for Rome" }] }));
    expect(json.x_edgecall).toMatchObject({ route: "origin", route_reasons: ["multiple_actions"] });
    expect(JSON.parse(json.choices[0].message.tool_calls[0].function.arguments)).toEqual({ city: "Rome" });
    expect(caller.requests).toHaveLength(1);
  });

  it("passes sampling fields through and leaves our own fields out", async () => {
    const { post, upstream } = await setup(sure, () => ({ kind: "text", text: "hi" }));
    await post({ ...hello, temperature: 0.3, max_tokens: 50, stream_options: null });
    expect(upstream.requests[0]?.body).toMatchObject({ temperature: 0.3, max_tokens: 50, model: "edgecall" });
    expect(upstream.requests[0]?.body.stream_options).toBeUndefined();
  });
});

describe("invalid origin tool calls", () => {
  it("retries once with the call's tool forced, and answers the valid retry", async () => {
    const { post, upstream } = await setup(unsure, (i) =>
      i === 0
        ? { kind: "call", name: "get_weather", arguments: '{"city": 42}' }
        : { kind: "call", name: "get_weather", arguments: '{"city":"Oslo"}' },
    );
    const { json } = await post(chatBody());
    expect(upstream.requests[1]?.body.tool_choice).toEqual({ type: "function", function: { name: "get_weather" } });
    expect(json.x_edgecall).toMatchObject({ route: "origin", route_reasons: ["low_confidence", "origin_retry_forced_tool"] });
    expect(JSON.parse(json.choices[0].message.tool_calls[0].function.arguments)).toEqual({ city: "Oslo" });
  });

  it("never forwards an invalid call: twice invalid, the edge's answer, flagged", async () => {
    const { post } = await setup(unsure, () => ({ kind: "call", name: "get_weather", arguments: '{"town":"x"}' }));
    const { json } = await post(chatBody());
    expect(json.x_edgecall).toMatchObject({
      route: "edge_fallback",
      route_reasons: ["low_confidence", "origin_retry_forced_tool", "origin_invalid_tool_call"],
    });
    expect(JSON.parse(json.choices[0].message.tool_calls[0].function.arguments)).toEqual({ city: "Paris" });
  });

  it("a call to an unknown tool is not retried and gets a 502 when the edge has no answer", async () => {
    const { post, upstream } = await setup(inexpressible, () => ({ kind: "call", name: "rm_rf", arguments: "{}" }));
    const { response, json } = await post(chatBody());
    expect(response.status).toBe(502);
    expect(json.error).toEqual({ message: expect.any(String), type: "server_error", param: null, code: "origin_invalid_tool_call" });
    expect(upstream.requests).toHaveLength(1);
  });
});

describe("origin faults: the documented outcome, and the worker keeps serving", () => {
  const faults: Array<[string, FaultAnswer, string]> = [
    ["slow (no headers)", { kind: "slow_headers" }, "origin_timeout"],
    ["stalled body", { kind: "slow_body" }, "origin_timeout"],
    ["dropped mid-answer", { kind: "drop_mid_stream" }, "origin_connection"],
    ["500", { kind: "status", status: 500 }, "origin_status_500"],
    ["429 with a long Retry-After", { kind: "status", status: 429, retryAfter: "60" }, "origin_status_429"],
    ["garbage JSON", { kind: "garbage" }, "origin_bad_response"],
    ["huge body", { kind: "huge", bytes: 600_000 }, "origin_too_large"],
    ["reset connection", { kind: "reset" }, "origin_connection"],
  ];

  for (const [name, fault, reason] of faults) {
    it(`${name}: the edge's answer (edge_fallback), else ${reason === "origin_timeout" ? 504 : 502}`, async () => {
      const vars = { ORIGIN_MAX_RESPONSE_BYTES: "65536" };
      const { post } = await setup(unsure, () => fault, vars);
      const fallback = await post(chatBody());
      expect(fallback.response.status).toBe(200);
      expect(fallback.json.x_edgecall).toMatchObject({ route: "edge_fallback", route_reasons: ["low_confidence", reason] });
      expect(fallback.json.choices[0].message.tool_calls[0].function.name).toBe("get_weather");

      await upstream?.close();
      const failing = await setup(inexpressible, () => fault, vars);
      const { response, json } = await failing.post(chatBody());
      expect(response.status).toBe(reason === "origin_timeout" ? 504 : 502);
      expect(json.error).toEqual({ message: expect.any(String), type: "server_error", param: null, code: reason });

      const health = await failing.app.request("/healthz", {}, failing.env);
      expect(health.status).toBe(200);
    });
  }

  it("a slow origin on a request routed before the model: the edge's answer, computed meanwhile", async () => {
    const { post, caller } = await setup(sure, () => ({ kind: "slow_headers" }));
    const { response, json } = await post(chatBody({ messages: [{ role: "user", content: "Get the weather in Paris and then check Rome" }] }));
    expect(response.status).toBe(200);
    expect(json.x_edgecall).toMatchObject({ route: "edge_fallback", route_reasons: ["multiple_actions", "origin_timeout"] });
    expect(caller.requests).toHaveLength(1);
  });

  it("truncated SSE on a streaming request: the edge's answer, streamed", async () => {
    const { post } = await setup(unsure, () => ({ kind: "truncated" }));
    const { text } = await post(chatBody({ stream: true }));
    const meta = sseData(text).find((c) => c.x_edgecall)?.x_edgecall;
    expect(meta).toMatchObject({ route: "edge_fallback", route_reasons: ["low_confidence", "origin_truncated"] });
    expect(text.endsWith("data: [DONE]\n\n")).toBe(true);
  });

  it("a stream dropped after prose went out ends with an error event in OpenAI's shape, no [DONE]", async () => {
    const { post } = await setup(sure, () => ({ kind: "drop_mid_stream" }));
    const { response, text } = await post({ ...hello, stream: true });
    expect(response.status).toBe(200);
    const events = sseData(text);
    expect(events.map((e) => e.choices?.[0]?.delta?.content ?? "").join("")).toBe("Half an ans");
    expect(events.at(-1)).toEqual({ error: { message: expect.any(String), type: "server_error", param: null, code: "origin_connection" } });
    expect(text).not.toContain("[DONE]");
  });

  it("a 429 with a short Retry-After is retried and answered", async () => {
    const { post, upstream } = await setup(sure, (i) => (i === 0 ? { kind: "status", status: 429, retryAfter: "0" } : { kind: "text", text: "hi" }));
    const { json } = await post(hello);
    expect(json.x_edgecall.route).toBe("origin");
    expect(upstream.requests).toHaveLength(2);
  });

  it("the origin down: text-only turns get today's edge answer, flagged", async () => {
    const caller = scriptedCaller(() => sure);
    const app = createApp({ caller, backend: "test-double", origins: originRegistry({ random: () => 0 }) });
    const env = { ORIGIN_URL: await closedOriginUrl() };
    const response = await app.request("/v1/chat/completions", postJson(hello), env);
    const json = (await response.json()) as Json;
    expect(response.status).toBe(200);
    expect(json.x_edgecall).toMatchObject({ route: "edge_fallback", route_reasons: ["no_tools", "origin_connection"], result: "no_call" });
  });

  it("after repeated failures the breaker opens and requests fail over without waiting", async () => {
    const { post, upstream } = await setup(unsure, () => ({ kind: "status", status: 500 }));
    for (let i = 0; i < 5; i++) await post(chatBody());
    expect(upstream.requests).toHaveLength(10);
    const { json } = await post(chatBody());
    expect(json.x_edgecall.route_reasons).toEqual(["low_confidence", "origin_circuit_open"]);
    expect(upstream.requests).toHaveLength(10);
  });
});

describe("without an origin", () => {
  it("answers at the edge and labels what an origin would have taken", async () => {
    const caller = scriptedCaller(() => sure);
    const app = createApp({ caller, backend: "test-double" });
    const response = await app.request("/v1/chat/completions", postJson(hello), {});
    const json = (await response.json()) as Json;
    expect(json.x_edgecall).toMatchObject({ route: "edge", route_reasons: ["no_tools", "no_origin"] });
    const tools = await app.request("/v1/chat/completions", postJson(chatBody()), {});
    expect(((await tools.json()) as Json).x_edgecall).toMatchObject({ route: "edge", route_reasons: ["no_origin"], confidence: 0.9 });
  });
});

describe("distillation log (DISTILL_LOG bound)", () => {
  function bucket() {
    const objects = new Map<string, string>();
    return { objects, put: async (key: string, value: string) => void objects.set(key, value) };
  }
  const records = (objects: Map<string, string>): Json[] =>
    [...objects.values()].flatMap((text) =>
      text
        .trim()
        .split("\n")
        .map((line) => JSON.parse(line) as Json),
    );

  it("writes each validated origin answer with its request, the tenant hashed, streaming or not", async () => {
    const log = bucket();
    const { app, env } = await setup(unsure, () => ({ kind: "call", name: "get_weather", arguments: '{"city":"Lyon"}' }), {
      DISTILL_LOG: log,
      DISTILL_BATCH: "1",
    });
    const headers = { Authorization: "Bearer sk-tenant-secret" };
    await (await app.request("/v1/chat/completions", postJson(chatBody(), headers), env)).text();
    await (await app.request("/v1/chat/completions", postJson(chatBody({ stream: true }), headers), env)).text();
    await vi.waitFor(() => expect(log.objects.size).toBe(2));
    const written = records(log.objects);
    expect(written[0]).toMatchObject({
      v: 1,
      origin_model: "fault-model",
      route_reasons: ["low_confidence"],
      request: { messages: [{ role: "user", content: "Paris weather please" }], tools: [{ function: { name: "get_weather" } }] },
      response: { choices: [{ message: { tool_calls: [{ function: { name: "get_weather", arguments: '{"city":"Lyon"}' } }] } }] },
    });
    expect(written[0]?.tenant).toMatch(/^[0-9a-f]{16}$/);
    expect(written[1]?.tenant).toBe(written[0]?.tenant);
    expect(JSON.stringify(written)).not.toContain("sk-tenant-secret");
  });

  it("writes nothing for an answer that did not validate", async () => {
    const log = bucket();
    const { post } = await setup(unsure, () => ({ kind: "call", name: "get_weather", arguments: '{"town":"x"}' }), {
      DISTILL_LOG: log,
      DISTILL_BATCH: "1",
    });
    const { json } = await post(chatBody());
    expect(json.x_edgecall.route).toBe("edge_fallback");
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(log.objects.size).toBe(0);
  });
});
