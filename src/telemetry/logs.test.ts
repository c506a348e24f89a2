/**
 * Secrets and message text never reach the logs or the fleet-wide events: a planted API key, a planted wrong key and
 * a planted sentence (also an argument value, a tool result and part of an error) go through every kind of request;
 * the captured console output and Analytics Engine rows are searched for them.
 */
import { afterEach, beforeEach, describe, expect, it, vi, type MockInstance } from "vitest";
import { chatBody, postJson } from "../../test/support/requests.js";
import { scriptedCaller } from "../../test/support/scripted-caller.js";
import { createApp } from "../api/app.js";
import type { AnalyticsSink } from "./analytics.js";
import { Telemetry } from "./telemetry.js";

const SECRET = "sk-planted-SECRET-7f3c9e21";
const WRONG_KEY = "sk-planted-WRONG-a81d44b0";
const PLANTED = "Zanzibar-marmalade-4471";

describe("logs hold neither keys nor message text", () => {
  let spies: MockInstance[] = [];
  const captured = (): string[] => spies.flatMap((spy) => spy.mock.calls.map((args) => args.map(String).join(" ")));

  beforeEach(() => {
    spies = (["log", "info", "warn", "error", "debug"] as const).map((level) => vi.spyOn(console, level).mockImplementation(() => undefined));
  });
  afterEach(() => {
    for (const spy of spies) spy.mockRestore();
  });

  it("after calls, refusals, a 500 and a stream", async () => {
    const caller = scriptedCaller((request) => {
      const text = request.messages.at(-1)?.content ?? "";
      if (text.includes("explode")) throw new Error(`could not handle ${PLANTED}`);
      return {
        kind: "calls",
        confidence: 0.9,
        calls: [{ name: "get_weather", arguments: { city: PLANTED }, confidence: 0.9, argument_confidence: {} }],
      };
    });
    const app = createApp({ caller, backend: "test-double", telemetry: new Telemetry({ source: "edge" }) });
    const rows: unknown[] = [];
    const dataset: AnalyticsSink = { writeDataPoint: (point) => void rows.push(point) };
    const env = { EDGECALL_API_KEYS: SECRET, EDGECALL_EVENTS: dataset };
    const auth = { Authorization: `Bearer ${SECRET}` };
    const user = (content: string) => ({ messages: [{ role: "user", content }] });

    const statuses = [
      (await app.request("/v1/chat/completions", postJson(chatBody(user(`weather in ${PLANTED}`)), auth), env)).status,
      (await app.request("/v1/chat/completions", postJson(chatBody(user(PLANTED)), { Authorization: `Bearer ${WRONG_KEY}` }), env)).status,
      (await app.request("/v1/chat/completions", postJson(chatBody({ messages: [{ role: PLANTED, content: PLANTED }] }), auth), env)).status,
      (await app.request("/v1/chat/completions", postJson(`{"messages": "${PLANTED}`, auth), env)).status,
      (await app.request("/v1/chat/completions", postJson(chatBody(user(`explode ${PLANTED}`)), auth), env)).status,
      (await app.request(`/v1/${PLANTED}`, { headers: auth }, env)).status,
      (await app.request(`/v1/models/${PLANTED}`, { headers: auth }, env)).status,
    ];
    const stream = await app.request("/v1/chat/completions", postJson(chatBody({ ...user(PLANTED), stream: true }), auth), env);
    const streamed = await stream.text();
    for (let waited = 0; captured().filter((line) => line.includes('"msg":"request"')).length < 8 && waited < 5000; waited += 5) {
      await new Promise((resolve) => setTimeout(resolve, 5));
    }

    expect(statuses).toEqual([200, 401, 400, 400, 500, 404, 404]);
    expect(streamed).toContain(PLANTED);
    const lines = captured();
    const requestLines = lines.filter((line) => line.includes('"msg":"request"'));
    expect(requestLines).toHaveLength(8);
    for (const line of requestLines) expect(JSON.parse(line)).toMatchObject({ v: 1, level: expect.stringMatching(/^(info|error)$/) });
    expect(lines.some((line) => line.includes("unhandled Error"))).toBe(true);
    expect(rows.length).toBeGreaterThanOrEqual(8);

    const everything = [...lines, ...rows.map((row) => JSON.stringify(row))].join("\n");
    expect(everything).not.toContain(SECRET);
    expect(everything).not.toContain(WRONG_KEY);
    expect(everything).not.toContain(PLANTED);
    expect(everything).not.toContain("Zanzibar");
  });
});
