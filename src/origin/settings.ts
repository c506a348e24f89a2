/**
 * Origin configuration from the worker's environment. No ORIGIN_URL: no origin (the edge answers everything).
 * Durations in milliseconds; anything unset or not a positive integer takes its default.
 */
export interface OriginEnv {
  /** Base URL as OpenAI clients take it, e.g. `http://127.0.0.1:8788/v1`. */
  ORIGIN_URL?: string;
  /** Model name sent to the origin; unset: the model the client asked for. */
  ORIGIN_MODEL?: string;
  /** Secret: sent as `Authorization: Bearer`. */
  ORIGIN_API_KEY?: string;
  /** Whole origin exchange, retry included (default 30000). */
  ORIGIN_TIMEOUT_MS?: string;
  /** Until the origin's response headers arrive, per attempt (default 10000). */
  ORIGIN_TTFB_MS?: string;
  /** Largest origin response body read (default 4194304). */
  ORIGIN_MAX_RESPONSE_BYTES?: string;
}

export interface OriginSettings {
  baseUrl: string;
  model: string | undefined;
  apiKey: string | undefined;
  timeoutMs: number;
  ttfbMs: number;
  maxResponseBytes: number;
  /** Retry waits: a uniform jitter in [retryBaseMs, 2 * retryBaseMs), or Retry-After when the origin sends one. */
  retryBaseMs: number;
  /** A Retry-After longer than this is not waited for: the request fails over at once. */
  maxRetryAfterMs: number;
}

export const ORIGIN_DEFAULTS = {
  timeoutMs: 30_000,
  ttfbMs: 10_000,
  maxResponseBytes: 4 * 1024 * 1024,
  retryBaseMs: 100,
  maxRetryAfterMs: 5_000,
} as const;

function positive(value: string | undefined, fallback: number): number {
  if (value === undefined || value.trim() === "") return fallback;
  const parsed = Number(value);
  return Number.isInteger(parsed) && parsed > 0 ? parsed : fallback;
}

function nonEmpty(value: string | undefined): string | undefined {
  const trimmed = value?.trim();
  return trimmed === undefined || trimmed === "" ? undefined : trimmed;
}

export function readOriginSettings(env: OriginEnv | undefined): OriginSettings | undefined {
  const url = nonEmpty(env?.ORIGIN_URL);
  if (url === undefined) return undefined;
  return {
    baseUrl: url.replace(/\/+$/, ""),
    model: nonEmpty(env?.ORIGIN_MODEL),
    apiKey: nonEmpty(env?.ORIGIN_API_KEY),
    timeoutMs: positive(env?.ORIGIN_TIMEOUT_MS, ORIGIN_DEFAULTS.timeoutMs),
    ttfbMs: positive(env?.ORIGIN_TTFB_MS, ORIGIN_DEFAULTS.ttfbMs),
    maxResponseBytes: positive(env?.ORIGIN_MAX_RESPONSE_BYTES, ORIGIN_DEFAULTS.maxResponseBytes),
    retryBaseMs: ORIGIN_DEFAULTS.retryBaseMs,
    maxRetryAfterMs: ORIGIN_DEFAULTS.maxRetryAfterMs,
  };
}
