/**
 * /metrics of the real worker (workerd, the shipped model, the Analytics Engine binding of wrangler.toml) after a
 * mixed run: calls with tools, a turn without tools, a stream, an invalid request, a refused key. A Prometheus
 * text-format parser from npm reads the scrape; every field of the monitoring event has its family there.
 */
import { describe, expect, inject, it } from "vitest";
import { parseScrape } from "../support/prometheus.js";
import { E2E_API_KEY } from "./settings.js";

const baseUrl = inject("edgecallBaseUrl");
const headers = { authorization: `Bearer ${E2E_API_KEY}`, "content-type": "application/json" };
const tools = [
  {
    type: "function",
    function: {
      name: "get_order_status",
      description: "Look up the status of an order",
      parameters: { type: "object", properties: { order_id: { type: "string", description: "The order number" } }, required: ["order_id"] },
    },
  },
];
const post = (body: unknown, auth = headers) =>
  fetch(`${baseUrl}/v1/chat/completions`, { method: "POST", headers: auth, body: JSON.stringify(body) });
const user = (content: string) => [{ role: "user", content }];

/** Families standing for each field of the monitoring event (src/telemetry/event.ts). */
const FIELD_FAMILIES: Record<string, string> = {
  route: "edgecall_answers_total",
  backend: "edgecall_answers_total",
  result: "edgecall_answers_total",
  route_reasons: "edgecall_route_reasons_total",
  tools_offered: "edgecall_tool_offers_total",
  tools_offered_count: "edgecall_tools_offered_count",
  tools_called: "edgecall_tool_calls_total",
  confidence: "edgecall_confidence_count",
  validation_failures: "edgecall_validation_failures_total",
  origin: "edgecall_origin_requests_total",
  "timings_ms.validate": "edgecall_stage_duration_seconds_count",
  "timings_ms.model": "edgecall_stage_duration_seconds_count",
  "timings_ms.total": "edgecall_request_duration_seconds_count",
  request_bytes: "edgecall_request_size_bytes_count",
  response_bytes: "edgecall_response_size_bytes_count",
  tenant: "edgecall_tenant_requests_total",
  status: "edgecall_requests_total",
  error: "edgecall_errors_total",
};

describe("GET /metrics on the real worker", () => {
  it("is refused without the key", async () => {
    const response = await fetch(`${baseUrl}/metrics`);
    expect(response.status).toBe(401);
  });

  it("holds every field of the event after a mixed run", async () => {
    const statuses = [
      (await post({ model: "edgecall", messages: user("Where is order A-1042?"), tools })).status,
      (await post({ model: "edgecall", messages: user("Has order B-7781 shipped yet?"), tools, stream: true }).then(async (r) => (await r.text(), r)))
        .status,
      (await post({ model: "edgecall", messages: user("hello there") })).status,
      (await post({ model: "edgecall", messages: [{ role: "robot", content: "bad role" }] })).status,
      (await post({ model: "edgecall", messages: user("hi"), tools }, { ...headers, authorization: "Bearer wrong" })).status,
    ];
    expect(statuses).toEqual([200, 200, 200, 400, 401]);

    // Events are written after their answers: scrape until this run's five are counted (or 10 s have passed).
    let scrape = parseScrape("");
    for (let tries = 0; tries < 100; tries++) {
      const response = await fetch(`${baseUrl}/metrics`, { headers });
      expect(response.status).toBe(200);
      expect(response.headers.get("content-type")).toContain("version=0.0.4");
      scrape = parseScrape(await response.text());
      if (scrape.total("edgecall_requests_total", { endpoint: "/v1/chat/completions" }) >= 5) break;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }

    for (const [field, family] of Object.entries(FIELD_FAMILIES)) {
      expect(scrape.samples(family).length, `${field}: ${family}`).toBeGreaterThan(0);
    }
    expect(scrape.total("edgecall_answers_total", { backend: "ort-web-workerd" })).toBeGreaterThanOrEqual(3);
    expect(scrape.total("edgecall_tool_offers_total", { tool: "get_order_status" })).toBeGreaterThanOrEqual(2);
    expect(scrape.total("edgecall_stage_duration_seconds_count", { stage: "validate" })).toBeGreaterThanOrEqual(3);
    expect(scrape.total("edgecall_requests_total", { endpoint: "/v1/chat/completions", status: "400" })).toBeGreaterThanOrEqual(1);
    expect(scrape.total("edgecall_errors_total", { code: "invalid_api_key" })).toBeGreaterThanOrEqual(1);
    expect(scrape.total("edgecall_request_size_bytes_count")).toBeGreaterThanOrEqual(4);
    expect(scrape.total("edgecall_wasm_memory_bytes")).toBeGreaterThan(0);
    const isolates = new Set(scrape.samples("edgecall_requests_total").map((s) => s.labels?.isolate));
    expect(isolates.size).toBe(1);
    expect([...isolates][0]).toMatch(/^[0-9a-f]{8}$/);
  });
});
