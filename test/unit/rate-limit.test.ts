/**
 * Per-tenant rate limits on high-risk calls through the app, with a stand-in for Cloudflare's Rate Limiting binding
 * (HIGH_RISK_LIMITER): over the limit the destructive call is not made and `x_edgecall.rate_limited` names it;
 * each API key has its own budget; other tools are not counted; no binding, no limit; a failing binding, no call.
 */
import { describe, expect, it } from "vitest";
import { createApp } from "../../src/api/app.js";
import type { DecodedCall, ToolCallRequest, ToolCallResult } from "../../src/caller/types.js";
import type { RateLimiter } from "../../src/risk/index.js";
import { postJson } from "../support/requests.js";
import { scriptedCaller } from "../support/scripted-caller.js";
import { orderTools } from "../support/shop-tools.js";

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- these tests walk loosely typed response JSON.
type Json = Record<string, any>;

/** Counts per key in one fixed window, as the binding does within a period. */
function fakeLimiter(limit: number): RateLimiter & { keys: string[] } {
  const counts = new Map<string, number>();
  const keys: string[] = [];
  return {
    keys,
    async limit({ key }) {
      keys.push(key);
      const used = counts.get(key) ?? 0;
      if (used >= limit) return { success: false };
      counts.set(key, used + 1);
      return { success: true };
    },
  };
}

const call = (name: string): DecodedCall => ({ name, arguments: { order_id: "A-1042" }, confidence: 0.9, argument_confidence: {} });

/** Calls cancel_order when the user says cancel, get_order_status when they ask where. */
function shopAnswer(request: ToolCallRequest): ToolCallResult {
  const text = request.messages.at(-1)?.content ?? "";
  const wanted = request.tools.filter((tool) => (tool.function.name === "cancel_order" ? /cancel/i : /where/i).test(text));
  return { kind: "calls", calls: wanted.map((tool) => call(tool.function.name)), confidence: 0.9 };
}

const app = createApp({ caller: scriptedCaller(shopAnswer), backend: "test-double" });

async function ask(text: string, env: Record<string, unknown>, key = "sk-tenant-one"): Promise<Json> {
  const body = { model: "edgecall", messages: [{ role: "user", content: text }], tools: orderTools };
  const response = await app.request("/v1/chat/completions", postJson(body, { Authorization: `Bearer ${key}` }), env);
  expect(response.status).toBe(200);
  return (await response.json()) as Json;
}

const names = (json: Json): string[] => (json.choices[0].message.tool_calls ?? []).map((c: Json) => c.function.name);
const CANCEL = "Please cancel order A-1042.";

describe("per-tenant rate limit on high-risk calls", () => {
  it("makes the call while the tenant is under its limit, then answers without it", async () => {
    const limiter = fakeLimiter(2);
    const env = { HIGH_RISK_LIMITER: limiter };
    expect(names(await ask(CANCEL, env))).toEqual(["cancel_order"]);
    expect(names(await ask(CANCEL, env))).toEqual(["cancel_order"]);
    const over = await ask(CANCEL, env);
    expect(names(over)).toEqual([]);
    expect(over.choices[0].finish_reason).toBe("stop");
    expect(over.choices[0].message.content).toMatch(/^Not calling cancel_order: the limit/);
    expect(over.x_edgecall.rate_limited).toEqual(["cancel_order"]);
    expect(over.x_edgecall.result).toBe("no_call");
  });

  it("keys the limit by a one-way hash of the API key: another key has its own budget", async () => {
    const limiter = fakeLimiter(1);
    const env = { HIGH_RISK_LIMITER: limiter };
    expect(names(await ask(CANCEL, env, "sk-tenant-one"))).toEqual(["cancel_order"]);
    expect(names(await ask(CANCEL, env, "sk-tenant-one"))).toEqual([]);
    expect(names(await ask(CANCEL, env, "sk-tenant-two"))).toEqual(["cancel_order"]);
    expect(new Set(limiter.keys).size).toBe(2);
    for (const key of limiter.keys) expect(key).toMatch(/^[0-9a-f]{16}$/);
  });

  it("counts only high-risk calls, and keeps the others of a parallel answer", async () => {
    const limiter = fakeLimiter(0);
    const env = { HIGH_RISK_LIMITER: limiter };
    const status = await ask("Where is order A-1042?", env);
    expect(names(status)).toEqual(["get_order_status"]);
    expect(status.x_edgecall).not.toHaveProperty("rate_limited");
    expect(limiter.keys).toEqual([]);
    const both = await ask("Where is order A-1042? Please cancel order A-1042.", env);
    expect(names(both)).toEqual(["get_order_status"]);
    expect(both.x_edgecall.rate_limited).toEqual(["cancel_order"]);
  });

  it("has no limit without the binding", async () => {
    for (let i = 0; i < 5; i++) expect(names(await ask(CANCEL, {}))).toEqual(["cancel_order"]);
  });

  it("makes no high-risk call when the binding fails", async () => {
    const failing: RateLimiter = { limit: async () => Promise.reject(new Error("binding unavailable")) };
    const json = await ask(CANCEL, { HIGH_RISK_LIMITER: failing });
    expect(names(json)).toEqual([]);
    expect(json.x_edgecall.rate_limited).toEqual(["cancel_order"]);
  });
});
