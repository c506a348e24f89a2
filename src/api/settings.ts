import type { LimitsEnv } from "../bounds/limits.js";
import type { MemoryEnv } from "../memory/settings.js";
import type { RiskEnv } from "../risk/policy.js";
import type { DistillEnv } from "../distill/log.js";
import type { OriginEnv } from "../origin/settings.js";
import type { RouterEnv } from "../router/thresholds.js";
import type { TelemetryEnv } from "../telemetry/analytics.js";

/**
 * Worker configuration: wrangler vars (MAX_BODY_BYTES, CORS_ORIGINS, ORIGIN_*, ROUTER_*), the EDGECALL_API_KEYS and
 * ORIGIN_API_KEY secrets, KV bindings.
 */
export interface Env extends OriginEnv, RouterEnv, DistillEnv, LimitsEnv, RiskEnv, MemoryEnv, TelemetryEnv {
  /** Conversation memory: stored responses of the Responses API (src/memory; declared in wrangler.toml). */
  MEMORY?: KVNamespace;
  /** Largest accepted request body in bytes. */
  MAX_BODY_BYTES?: string;
  /** Comma-separated allowed browser origins, or `*`. */
  CORS_ORIGINS?: string;
  /** Secret: comma-separated API keys. When set, every /v1 request needs `Authorization: Bearer <key>`. */
  EDGECALL_API_KEYS?: string;
}

export interface Settings {
  maxBodyBytes: number;
  corsOrigins: "*" | string[];
  apiKeys: string[];
}

export const DEFAULT_MAX_BODY_BYTES = 1024 * 1024;

function splitList(value: string | undefined): string[] {
  return (value ?? "")
    .split(",")
    .map((item) => item.trim())
    .filter((item) => item !== "");
}

function positiveInteger(value: string | undefined, fallback: number): number {
  if (value === undefined || value.trim() === "") return fallback;
  const parsed = Number(value);
  return Number.isInteger(parsed) && parsed > 0 ? parsed : fallback;
}

export function readSettings(env: Env | undefined): Settings {
  const origins = splitList(env?.CORS_ORIGINS);
  return {
    maxBodyBytes: positiveInteger(env?.MAX_BODY_BYTES, DEFAULT_MAX_BODY_BYTES),
    corsOrigins: origins.length === 0 || origins.includes("*") ? "*" : origins,
    apiKeys: splitList(env?.EDGECALL_API_KEYS),
  };
}
