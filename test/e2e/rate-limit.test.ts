/**
 * The Rate Limiting binding of wrangler.toml (HIGH_RISK_LIMITER: 10 high-risk calls per API key per 60 s) under
 * wrangler dev, with the shipped model: one API key asking to cancel 21 times in a row gets at most two windows'
 * worth of cancel_order calls, the rest answered without the call and with `x_edgecall.rate_limited`; a status
 * lookup with the same key is not limited.
 */
import { describe, expect, inject, it } from "vitest";
import { postJson } from "../support/requests.js";
import { orderTools } from "../support/shop-tools.js";

const baseUrl = inject("edgecallBaseUrl");
// the e2e worker's second key (start-worker.ts): a tenant no other e2e test makes destructive calls with
const KEY = "sk-other-key";
const LIMIT = 10;

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- these tests walk loosely typed response JSON.
type Json = Record<string, any>;

async function ask(text: string): Promise<Json> {
  const body = { model: "edgecall", messages: [{ role: "user", content: text }], tools: orderTools };
  const response = await fetch(`${baseUrl}/v1/chat/completions`, postJson(body, { Authorization: `Bearer ${KEY}` }));
  expect(response.status).toBe(200);
  return (await response.json()) as Json;
}

const names = (json: Json): string[] => (json.choices[0].message.tool_calls ?? []).map((c: Json) => c.function.name);

describe("per-tenant rate limit of high-risk calls under wrangler dev", () => {
  it("stops cancel_order calls past the limit and says so", async () => {
    const answers: Json[] = [];
    // 2 x LIMIT + 1: whatever window boundary falls inside the run, at least one request is over the limit
    for (let i = 0; i < 2 * LIMIT + 1; i++) answers.push(await ask("Please cancel order A-1042."));
    const made = answers.filter((json) => names(json).includes("cancel_order"));
    const limited = answers.filter((json) => json.x_edgecall.rate_limited !== undefined);
    expect(made.length).toBeGreaterThanOrEqual(LIMIT);
    expect(made.length).toBeLessThanOrEqual(2 * LIMIT);
    expect(limited.length).toBe(answers.length - made.length);
    for (const json of limited) {
      expect(json.x_edgecall.rate_limited).toEqual(["cancel_order"]);
      expect(names(json)).toEqual([]);
      expect(json.choices[0].finish_reason).toBe("stop");
    }
    const status = await ask("Where is order A-1042?");
    expect(names(status)).toEqual(["get_order_status"]);
  });
});
