/** Memory settings from the worker's vars: how long records live and how long a KV operation may take. */
import { KV_MIN_TTL_SECONDS } from "./kv.js";

export interface MemoryEnv {
  /** Seconds a stored response lives (KV expirationTtl); default 30 days, at least 60. */
  MEMORY_TTL_SECONDS?: string;
  /** Longest wait for one KV operation, in ms (default 2000); slower counts as unavailable. */
  MEMORY_TIMEOUT_MS?: string;
  /** Bytes of conversation the reader reads well (default 512, the shipped reader's length): the history budget. */
  MEMORY_READ_BYTES?: string;
}

export interface MemorySettings {
  ttlSeconds: number;
  timeoutMs: number;
  readBytes: number;
}

export const DEFAULT_MEMORY_SETTINGS: MemorySettings = { ttlSeconds: 30 * 24 * 3600, timeoutMs: 2000, readBytes: 512 };

function positive(value: string | undefined, fallback: number, min: number): number {
  if (value === undefined || value.trim() === "") return fallback;
  const parsed = Number(value);
  return Number.isInteger(parsed) && parsed >= min ? parsed : fallback;
}

export function readMemorySettings(env: MemoryEnv | undefined): MemorySettings {
  return {
    ttlSeconds: positive(env?.MEMORY_TTL_SECONDS, DEFAULT_MEMORY_SETTINGS.ttlSeconds, KV_MIN_TTL_SECONDS),
    timeoutMs: positive(env?.MEMORY_TIMEOUT_MS, DEFAULT_MEMORY_SETTINGS.timeoutMs, 1),
    readBytes: positive(env?.MEMORY_READ_BYTES, DEFAULT_MEMORY_SETTINGS.readBytes, 1),
  };
}
