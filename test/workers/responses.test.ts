/**
 * The Responses API inside workerd with miniflare's KV as MEMORY: the standalone validator, records written with an
 * expiry and read back by a chained request, retrieve and delete, and another tenant kept out.
 */
import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { createApp } from "../../src/api/app.js";
import type { Env } from "../../src/api/settings.js";
import { echoFirstTool, scriptedCaller } from "../support/scripted-caller.js";
import { postJson } from "../support/requests.js";
import { bearer, responsesBody } from "../support/responses.js";

const keyed = { ...(env as unknown as Env), EDGECALL_API_KEYS: "wk-one,wk-two" };

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- these tests walk loosely typed response JSON.
type Json = Record<string, any>;

describe("Responses API in workerd with KV", () => {
  const caller = scriptedCaller(echoFirstTool);
  const app = createApp({ caller, backend: "test-double" });
  const call = async (path: string, init: RequestInit, key = "wk-one") => {
    const response = await app.request(path, { ...init, headers: { ...(init.headers as Record<string, string>), ...bearer(key) } }, keyed);
    return { status: response.status, json: (await response.json()) as Json };
  };

  it("stores a response in KV under the tenant's prefix and chains from it", async () => {
    const first = await call("/v1/responses", postJson(responsesBody()));
    expect(first.status).toBe(200);
    expect(first.json.x_edgecall.memory).toEqual({ stored: true });
    const keys = await keyed.MEMORY?.list({ prefix: "resp:" });
    expect(keys?.keys.map((k) => k.name).some((name) => name.endsWith(`:${first.json.id}`))).toBe(true);
    expect(keys?.keys.every((k) => typeof k.expiration === "number")).toBe(true);

    const fc = first.json.output[0];
    const second = await call(
      "/v1/responses",
      postJson({
        model: "edgecall",
        previous_response_id: first.json.id,
        tools: responsesBody().tools,
        input: [{ type: "function_call_output", call_id: fc.call_id, output: "shipped" }],
      }),
    );
    expect(second.status).toBe(200);
    expect(caller.requests.at(-1)?.messages.map((m) => m.role)).toEqual(["user", "assistant", "tool"]);
  });

  it("rejects a bad input item with the standalone validator", async () => {
    const { status, json } = await call("/v1/responses", postJson(responsesBody({ input: [{ type: "function_call_output", output: "x" }] })));
    expect(status).toBe(400);
    expect(json.error.param).toBe("input[0].call_id");
  });

  it("keeps another tenant out and deletes for the owner", async () => {
    const { json } = await call("/v1/responses", postJson(responsesBody()));
    expect((await call(`/v1/responses/${json.id}`, { method: "GET" }, "wk-two")).status).toBe(404);
    expect((await call(`/v1/responses/${json.id}`, { method: "DELETE" }, "wk-two")).status).toBe(404);
    expect((await call(`/v1/responses/${json.id}`, { method: "GET" })).json.id).toBe(json.id);
    expect((await call(`/v1/responses/${json.id}`, { method: "DELETE" })).json.deleted).toBe(true);
    expect((await call(`/v1/responses/${json.id}`, { method: "GET" })).status).toBe(404);
  });
});
