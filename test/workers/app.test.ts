/**
 * The Hono app inside workerd (vitest workers pool): the build-time AJV validators, Web Crypto key checks, CORS and
 * the body limit run on the Workers runtime with bindings from miniflare. The caller is a test double; the real
 * model runs in test/e2e.
 */
import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { createApp } from "../../src/api/app.js";
import type { Env } from "../../src/api/settings.js";
import { echoFirstTool, scriptedCaller } from "../support/scripted-caller.js";
import { chatBody, postJson } from "../support/requests.js";

const workerEnv = env as unknown as Env;

function app() {
  return createApp({ caller: scriptedCaller(echoFirstTool), backend: "test-double" });
}

describe("app in workerd", () => {
  it("has the KV binding and vars from the pool's miniflare config", () => {
    expect(workerEnv.MEMORY).toBeDefined();
    expect(workerEnv.MAX_BODY_BYTES).toBe("4096");
  });

  it("answers a valid request with a tool call", async () => {
    const response = await app().request("/v1/chat/completions", postJson(chatBody()), workerEnv);
    expect(response.status).toBe(200);
    const body = (await response.json()) as { choices: { message: { tool_calls: { function: { arguments: string } }[] } }[] };
    expect(JSON.parse(body.choices[0]!.message.tool_calls[0]!.function.arguments)).toEqual({ city: "Paris" });
  });

  it("rejects an unknown role with the standalone validator", async () => {
    const response = await app().request("/v1/chat/completions", postJson(chatBody({ messages: [{ role: "robot", content: "hi" }] })), workerEnv);
    expect(response.status).toBe(400);
    expect(await response.json()).toMatchObject({ error: { param: "messages[0].role", type: "invalid_request_error" } });
  });

  it("applies MAX_BODY_BYTES from the binding", async () => {
    const big = chatBody({ messages: [{ role: "user", content: "x".repeat(5000) }] });
    const response = await app().request("/v1/chat/completions", postJson(big), workerEnv);
    expect(response.status).toBe(413);
  });

  it("allows only the configured CORS origin", async () => {
    const allowed = await app().request("/v1/models", { headers: { Origin: "https://shop.example" } }, workerEnv);
    expect(allowed.headers.get("Access-Control-Allow-Origin")).toBe("https://shop.example");
    const other = await app().request("/v1/models", { headers: { Origin: "https://evil.example" } }, workerEnv);
    expect(other.headers.get("Access-Control-Allow-Origin")).toBeNull();
  });

  it("checks API keys with Web Crypto when keys are configured", async () => {
    const keyed = { ...workerEnv, EDGECALL_API_KEYS: "sk-one,sk-two" };
    const denied = await app().request("/v1/chat/completions", postJson(chatBody()), keyed);
    expect(denied.status).toBe(401);
    const allowed = await app().request("/v1/chat/completions", postJson(chatBody(), { Authorization: "Bearer sk-two" }), keyed);
    expect(allowed.status).toBe(200);
  });
});
