/** The local origin's /metrics: the same figures as the worker's, source "origin", behind its API key when set. */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { chatBody } from "../../test/support/requests.js";
import { parseScrape } from "../../test/support/prometheus.js";
import { echoFirstTool, scriptedCaller } from "../../test/support/scripted-caller.js";
import { Telemetry } from "../telemetry/index.js";
import { startLocalOrigin, type LocalOrigin } from "./server.js";

const KEY = "sk-origin-metrics-key";
let origin: LocalOrigin;
const lines: string[] = [];

beforeAll(async () => {
  const telemetry = new Telemetry({ source: "origin", log: (line) => lines.push(line) });
  origin = await startLocalOrigin({ caller: scriptedCaller(echoFirstTool), backend: "test-double", apiKeys: [KEY], telemetry });
});
afterAll(() => origin.close());

const base = () => origin.url.replace(/\/v1$/, "");
const post = (body: unknown, key = KEY) =>
  fetch(`${origin.url}/chat/completions`, {
    method: "POST",
    headers: { "content-type": "application/json", authorization: `Bearer ${key}` },
    body: JSON.stringify(body),
  });

describe("local origin /metrics", () => {
  it("is 401 without the key and counts every request once with the key", async () => {
    expect((await fetch(`${base()}/metrics`)).status).toBe(401);
    expect((await post(chatBody())).status).toBe(200);
    expect((await post(chatBody({ stream: true }))).status).toBe(200);
    expect((await post(chatBody(), "wrong")).status).toBe(401);
    expect((await post(chatBody({ messages: [{ role: "robot", content: "x" }] }))).status).toBe(400);
    for (let waited = 0; lines.length < 5 && waited < 5000; waited += 5) await new Promise((resolve) => setTimeout(resolve, 5));

    const response = await fetch(`${base()}/metrics`, { headers: { authorization: `Bearer ${KEY}` } });
    expect(response.status).toBe(200);
    const scrape = parseScrape(await response.text());
    expect(scrape.total("edgecall_requests_total", { source: "origin" })).toBe(5);
    expect(scrape.total("edgecall_requests_total", { endpoint: "/v1/chat/completions", status: "200" })).toBe(2);
    expect(scrape.total("edgecall_requests_total", { endpoint: "/metrics", status: "401" })).toBe(1);
    expect(scrape.total("edgecall_errors_total", { code: "invalid_api_key" })).toBe(2);
    expect(scrape.total("edgecall_answers_total", { route: "edge", backend: "test-double", result: "calls" })).toBe(2);
    expect(scrape.total("edgecall_tool_calls_total", { tool: "get_weather" })).toBe(2);
    expect(scrape.total("edgecall_request_duration_seconds_count")).toBe(5);
    expect(scrape.total("edgecall_response_size_bytes_count")).toBe(5);
    expect(lines.map((line) => (JSON.parse(line) as { source: string }).source)).toEqual(["origin", "origin", "origin", "origin", "origin"]);
  });
});
