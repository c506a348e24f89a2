/**
 * Which tools are high-risk (destructive): a name that says cancel / delete / refund / pay / remove and the like
 * (HIGH_RISK_TOOL_PATTERN, RE2 syntax, tested against the tool name), or `"x-edgecall-risk": "high"` on the
 * function or its parameters schema (`"low"` there clears a name match).
 */
import type { ToolDefinition } from "../caller/types.js";
import { compileLinear } from "../validate/patterns.js";
import type { HighRiskLimit, RateLimiter } from "./rate-limit.js";

export const DEFAULT_HIGH_RISK_PATTERN =
  "(?i)(^|[_.\\-\\s]|[a-z][A-Z])?(cancel|delete|remove|refund|pay|charge|transfer|void|destroy|purge|drop|wipe|erase|revoke|terminate|close|deactivate|unsubscribe|withdraw)";

export interface RiskSettings {
  /** Tested against tool names; RE2 syntax. */
  highRiskPattern: string;
  /** The least confidence of a high-risk call (stricter than the router's). */
  minConfidence: number;
  /** Per-tenant limit on high-risk calls; absent without the HIGH_RISK_LIMITER binding. */
  rateLimit?: HighRiskLimit;
}

/** What a request must show before a high-risk call is made. Measured: docs/limits.md, "Destructive calls". */
export const DEFAULT_RISK_SETTINGS: Readonly<RiskSettings> = { highRiskPattern: DEFAULT_HIGH_RISK_PATTERN, minConfidence: 0.3 };

export interface RiskEnv {
  /** Tool names matching this RE2 pattern are high-risk (default: DEFAULT_HIGH_RISK_PATTERN). */
  HIGH_RISK_TOOL_PATTERN?: string;
  /** Least confidence of a high-risk call, in (0, 1]. */
  HIGH_RISK_MIN_CONFIDENCE?: string;
  /** Rate Limiting binding (`[[ratelimits]]` in wrangler.toml): high-risk calls per tenant and period. */
  HIGH_RISK_LIMITER?: RateLimiter;
}

/** The settings for one request; `authorization` (its Authorization header) names the tenant of the rate limit. */
export function readRiskSettings(env: RiskEnv | undefined, authorization?: string): RiskSettings {
  const pattern = env?.HIGH_RISK_TOOL_PATTERN;
  const confidence = Number(env?.HIGH_RISK_MIN_CONFIDENCE);
  const limiter = env?.HIGH_RISK_LIMITER;
  return {
    highRiskPattern: pattern !== undefined && pattern !== "" && typeof compileLinear(pattern) !== "string" ? pattern : DEFAULT_HIGH_RISK_PATTERN,
    minConfidence: confidence > 0 && confidence <= 1 ? confidence : DEFAULT_RISK_SETTINGS.minConfidence,
    ...(typeof limiter?.limit === "function" ? { rateLimit: { limiter, authorization } } : {}),
  };
}

function declaredRisk(tool: ToolDefinition): unknown {
  const fn = tool.function as unknown as Record<string, unknown>;
  const parameters = tool.function.parameters as Record<string, unknown> | undefined;
  return fn["x-edgecall-risk"] ?? parameters?.["x-edgecall-risk"];
}

export function isHighRisk(tool: ToolDefinition, settings: RiskSettings): boolean {
  const declared = declaredRisk(tool);
  if (declared === "high") return true;
  if (declared === "low") return false;
  const pattern = compileLinear(settings.highRiskPattern);
  return typeof pattern !== "string" && pattern.test(tool.function.name);
}
