/**
 * The monitoring event through the real app (scripted tool caller): one event per request, whatever the route, with
 * every field filled from the route's outcome; /metrics behind the API key; Analytics Engine rows when bound.
 */
import { describe, expect, it, vi } from "vitest";
import { chatBody, postJson } from "../../test/support/requests.js";
import { parseScrape } from "../../test/support/prometheus.js";
import { scriptedCaller } from "../../test/support/scripted-caller.js";
import { createApp } from "../api/app.js";
import type { ToolCallResult } from "../caller/types.js";
import type { AnalyticsSink } from "./analytics.js";
import type { RequestEvent } from "./event.js";
import { Telemetry } from "./telemetry.js";

const KEY = "sk-monitoring-test-key";
const auth = { Authorization: `Bearer ${KEY}` };
const call = (name: string, args: Record<string, unknown>) => ({ name, arguments: args, confidence: 0.8, argument_confidence: {} });

/** An app whose caller answers by the last user message, and whose events and log lines the test can read. */
function monitoredApp() {
  const lines: string[] = [];
  const telemetry = new Telemetry({ source: "edge", log: (line) => lines.push(line), wasmMemoryBytes: () => 4096 });
  const caller = scriptedCaller((request): ToolCallResult => {
    const text = request.messages.at(-1)?.content ?? "";
    if (text.includes("missing")) return { kind: "missing", confidence: 0.4, missing: [{ name: "get_weather", parameters: ["city"] }] };
    if (text.includes("invalid"))
      return { kind: "not_expressible", confidence: 0.2, reason: "get_weather: arguments failed validation (/city: must be string)" };
    if (text.includes("crash")) throw new TypeError("scripted failure");
    return { kind: "calls", confidence: 0.8, calls: [call("get_weather", { city: "Paris" })] };
  });
  const app = createApp({ caller, backend: "test-double", telemetry });
  const events = (): RequestEvent[] => lines.map((line) => JSON.parse(line) as RequestEvent);
  /** Waits (up to 5 s) until n events are written: their work runs after the answer (the tenant hash is async). */
  const written = async (n: number): Promise<void> => {
    for (let waited = 0; lines.length < n && waited < 5000; waited += 5) await new Promise((resolve) => setTimeout(resolve, 5));
  };
  return { app, telemetry, events, written };
}

function sink(): AnalyticsSink & { rows: Array<{ indexes?: string[]; blobs?: string[]; doubles?: number[] }> } {
  const rows: Array<{ indexes?: string[]; blobs?: string[]; doubles?: number[] }> = [];
  return { rows, writeDataPoint: (point) => void rows.push(point ?? {}) };
}

describe("monitoring event per request", () => {
  it("fills every field from a chat completion that called a tool", async () => {
    const { app, events, written } = monitoredApp();
    const body = JSON.stringify(chatBody({ messages: [{ role: "user", content: "weather in Paris" }] }));
    const response = await app.request("/v1/chat/completions", postJson(body, { ...auth, "Content-Length": String(body.length) }), {
      EDGECALL_API_KEYS: KEY,
    });
    const answer = await response.text();
    await written(1);
    const [event] = events();
    expect(events()).toHaveLength(1);
    expect(event).toMatchObject({
      v: 1,
      source: "edge",
      endpoint: "/v1/chat/completions",
      method: "POST",
      status: 200,
      error: null,
      stream: false,
      route: "edge",
      route_reasons: ["no_origin"],
      backend: "test-double",
      result: "calls",
      tools_offered: ["get_weather"],
      tools_called: ["get_weather"],
      tools_missing: [],
      tools_invalid: [],
      confidence: 0.8,
      validation_failures: 0,
      origin: "not_asked",
      request_bytes: body.length,
      response_bytes: new TextEncoder().encode(answer).byteLength,
    });
    expect(event?.tenant).toMatch(/^[0-9a-f]{16}$/);
    expect(event?.isolate).toMatch(/^[0-9a-f]{8}$/);
    expect(event?.timings_ms.total).toBeGreaterThanOrEqual(0);
    expect(event?.timings_ms.validate).toBeGreaterThanOrEqual(0);
    expect(event?.timings_ms.model).toBeGreaterThanOrEqual(0);
    expect(event?.timings_ms.origin).toBeNull();
  });

  it("names missing and invalid tools, and counts a validation failure", async () => {
    const { app, events, written } = monitoredApp();
    await app.request("/v1/chat/completions", postJson(chatBody({ messages: [{ role: "user", content: "missing city" }] })));
    await app.request("/v1/chat/completions", postJson(chatBody({ messages: [{ role: "user", content: "invalid city" }] })));
    await written(2);
    const [missing, invalid] = events();
    expect(missing).toMatchObject({
      result: "missing",
      tools_missing: ["get_weather"],
      tools_called: [],
      validation_failures: 0,
      tenant: "anonymous",
    });
    expect(invalid).toMatchObject({ result: "not_expressible", tools_invalid: ["get_weather"], validation_failures: 1 });
  });

  it("writes one event for requests refused before any route: 401, 400, 404, 405 and a 500, by error code", async () => {
    const { app, events, written } = monitoredApp();
    const env = { EDGECALL_API_KEYS: KEY };
    await app.request("/v1/chat/completions", postJson(chatBody(), { Authorization: "Bearer wrong" }), env);
    await app.request("/v1/chat/completions", postJson(chatBody({ messages: [{ role: "robot", content: "hi" }] }), auth), env);
    await app.request("/v1/nothing", { headers: auth }, env);
    await app.request("/v1/chat/completions", { method: "GET", headers: auth }, env);
    await app.request("/v1/chat/completions", postJson(chatBody({ messages: [{ role: "user", content: "crash now" }] }), auth), env);
    await written(5);
    const rows = events().map((e) => [e.endpoint, e.status, e.error?.code ?? e.error?.name, e.tenant === "invalid", e.route]);
    expect(rows).toEqual([
      ["/v1/chat/completions", 401, "invalid_api_key", true, null],
      ["/v1/chat/completions", 400, "invalid_value", false, null],
      ["unmatched", 404, "unknown_url", false, null],
      ["/v1/chat/completions", 405, "method_not_allowed", false, null],
      ["/v1/chat/completions", 500, "TypeError", false, null],
    ]);
  });

  it("writes a streamed answer's event after its last byte, with the bytes sent", async () => {
    const { app, events, written } = monitoredApp();
    const response = await app.request("/v1/chat/completions", postJson(chatBody({ stream: true })));
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(events()).toHaveLength(0);
    const text = await response.text();
    await written(1);
    expect(text).toContain("data: [DONE]");
    expect(events()).toHaveLength(1);
    expect(events()[0]).toMatchObject({
      stream: true,
      status: 200,
      result: "calls",
      response_bytes: new TextEncoder().encode(text).byteLength,
      error: null,
    });
  });

  it("writes Analytics Engine rows when the binding is there, nothing (and no error) without it", async () => {
    const { app, written } = monitoredApp();
    const dataset = sink();
    const response = await app.request("/v1/chat/completions", postJson(chatBody(), auth), { EDGECALL_API_KEYS: KEY, EDGECALL_EVENTS: dataset });
    expect(response.status).toBe(200);
    await written(1);
    expect(dataset.rows).toHaveLength(2);
    const [request, tool] = dataset.rows;
    expect(request?.indexes?.[0]).toMatch(/^[0-9a-f]{16}$/);
    expect(request?.blobs?.slice(0, 8)).toEqual(["request", "/v1/chat/completions", "POST", "edge", "test-double", "calls", "not_asked", ""]);
    expect(request?.doubles?.[0]).toBe(200);
    expect(request?.doubles?.[7]).toBe(0.8);
    expect(request?.doubles?.slice(8, 11)).toEqual([1, 1, 0]);
    expect(tool?.blobs?.slice(0, 4)).toEqual(["tool", "/v1/chat/completions", "get_weather", "called"]);

    const without = await app.request("/v1/chat/completions", postJson(chatBody()));
    expect(without.status).toBe(200);
  });

  it("answers normally when the Analytics Engine write throws", async () => {
    const { app, events, written } = monitoredApp();
    const failing: AnalyticsSink = {
      writeDataPoint: () => {
        throw new RangeError("too many blobs");
      },
    };
    const error = vi.spyOn(console, "error").mockImplementation(() => undefined);
    try {
      const response = await app.request("/v1/chat/completions", postJson(chatBody()), { EDGECALL_EVENTS: failing });
      expect(response.status).toBe(200);
      await written(1);
      expect(events()).toHaveLength(1);
      expect(error.mock.calls.map((args) => String(args[0]))).toEqual([expect.stringContaining('"error":"RangeError"')]);
    } finally {
      error.mockRestore();
    }
  });
});

describe("GET /metrics", () => {
  it("needs the API key when keys are set, and is open without keys", async () => {
    const { app } = monitoredApp();
    expect((await app.request("/metrics", {}, { EDGECALL_API_KEYS: KEY })).status).toBe(401);
    expect((await app.request("/metrics", { headers: { Authorization: "Bearer nope" } }, { EDGECALL_API_KEYS: KEY })).status).toBe(401);
    const open = await app.request("/metrics");
    expect(open.status).toBe(200);
    expect(open.headers.get("content-type")).toBe("text/plain; version=0.0.4; charset=utf-8");
    expect((await app.request("/metrics", { method: "POST" })).status).toBe(405);
  });

  it("holds a family for every field of the event after a mixed run, labelled by isolate", async () => {
    const { app, telemetry, written } = monitoredApp();
    const env = { EDGECALL_API_KEYS: KEY };
    const sized = JSON.stringify(chatBody());
    await app.request("/v1/chat/completions", postJson(sized, { ...auth, "Content-Length": String(sized.length) }), env);
    await app.request("/v1/chat/completions", postJson(chatBody({ messages: [{ role: "user", content: "missing city" }] }), auth), env);
    await app.request("/v1/chat/completions", postJson(chatBody({ messages: [{ role: "user", content: "invalid city" }] }), auth), env);
    await (await app.request("/v1/chat/completions", postJson(chatBody({ stream: true }), auth), env)).text();
    await app.request("/v1/chat/completions", postJson(chatBody({ messages: [{ role: "robot", content: "x" }] }), auth), env);
    await app.request("/v1/models", { headers: auth }, env);
    await written(6);
    const response = await app.request("/metrics", { headers: auth }, env);
    const scrape = parseScrape(await response.text());

    expect(scrape.total("edgecall_requests_total")).toBe(6);
    expect(
      scrape.total("edgecall_requests_total", { endpoint: "/v1/chat/completions", status: "200", isolate: telemetry.isolate, source: "edge" }),
    ).toBe(4);
    expect(scrape.total("edgecall_request_duration_seconds_count")).toBe(6);
    expect(scrape.total("edgecall_errors_total", { status: "400", code: "invalid_value" })).toBe(1);
    expect(scrape.total("edgecall_answers_total", { route: "edge", backend: "test-double", result: "calls" })).toBe(2);
    expect(scrape.total("edgecall_answers_total", { result: "missing" })).toBe(1);
    expect(scrape.total("edgecall_route_reasons_total", { reason: "no_origin" })).toBe(4);
    expect(scrape.total("edgecall_stage_duration_seconds_count", { stage: "validate" })).toBe(4);
    expect(scrape.total("edgecall_confidence_count", { route: "edge" })).toBe(4);
    expect(scrape.total("edgecall_validation_failures_total")).toBe(1);
    expect(scrape.total("edgecall_origin_requests_total", { outcome: "not_asked" })).toBe(4);
    expect(scrape.total("edgecall_tools_offered_count")).toBe(4);
    expect(scrape.total("edgecall_tool_offers_total", { tool: "get_weather" })).toBe(4);
    expect(scrape.total("edgecall_tool_calls_total", { tool: "get_weather" })).toBe(2);
    expect(scrape.total("edgecall_tool_failures_total", { tool: "get_weather", kind: "missing_arguments" })).toBe(1);
    expect(scrape.total("edgecall_tool_failures_total", { tool: "get_weather", kind: "invalid_arguments" })).toBe(1);
    expect(scrape.total("edgecall_request_size_bytes_count")).toBe(1);
    expect(scrape.total("edgecall_request_size_bytes_sum")).toBe(sized.length);
    expect(scrape.total("edgecall_response_size_bytes_count")).toBe(6);
    expect(scrape.samples("edgecall_tenant_requests_total").map((s) => s.labels?.tenant)).toEqual([expect.stringMatching(/^[0-9a-f]{16}$/)]);
    expect(scrape.total("edgecall_wasm_memory_bytes")).toBe(4096);
    expect(scrape.total("edgecall_isolate_start_time_seconds")).toBeGreaterThan(1.7e9);
  });
});
