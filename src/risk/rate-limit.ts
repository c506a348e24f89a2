/**
 * Per-tenant rate limit on high-risk calls, with Cloudflare's Rate Limiting binding (HIGH_RISK_LIMITER in
 * wrangler.toml; absent: no limit). The key is the tenant, a one-way hash of the API key (the distillation log's
 * and the metrics' tenant; "anonymous" without one). Each high-risk call the edge is about to make takes one token;
 * a call over the limit is not made. A binding that fails counts as over the limit: a destructive call is never
 * made unchecked.
 */
import type { ToolCallResult } from "../caller/types.js";
import { tenantHash } from "../distill/log.js";

/** The part of Cloudflare's `RateLimit` binding used here. */
export interface RateLimiter {
  limit(options: { key: string }): Promise<{ success: boolean }>;
}

export interface HighRiskLimit {
  limiter: RateLimiter;
  /** The request's Authorization header, hashed into the tenant only when a high-risk call is about to be made. */
  authorization: string | undefined;
}

async function allowed(limit: HighRiskLimit, tenant: string): Promise<boolean> {
  try {
    return (await limit.limiter.limit({ key: tenant })).success === true;
  } catch {
    return false;
  }
}

/** The calls the tenant's budget allows; the names of those it does not in `notes.rate_limited`. */
export async function withinRateLimit(
  result: ToolCallResult,
  isHighRisk: (name: string) => boolean,
  limit: HighRiskLimit | undefined,
): Promise<ToolCallResult> {
  if (limit === undefined || result.kind !== "calls" || !result.calls.some((call) => isHighRisk(call.name))) return result;
  const tenant = await tenantHash(limit.authorization);
  const calls = [];
  const limited: string[] = [];
  for (const call of result.calls) {
    if (!isHighRisk(call.name) || (await allowed(limit, tenant))) calls.push(call);
    else limited.push(call.name);
  }
  if (limited.length === 0) return result;
  const notes = { ...result.notes, rate_limited: [...new Set(limited)] };
  return calls.length > 0 ? { ...result, calls, notes } : { kind: "no_call", confidence: result.confidence, notes };
}
