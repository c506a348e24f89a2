/**
 * The part of a Workers KV namespace the memory uses (text values, expiry on write, delete), so tests and the local
 * stand-ins can supply their own. A real `KVNamespace` satisfies it.
 */
export interface MemoryKv {
  get(key: string, type: "text"): Promise<string | null>;
  put(key: string, value: string, options: { expirationTtl: number }): Promise<unknown>;
  delete(key: string): Promise<unknown>;
}

/** KV's own limits (Cloudflare docs, "Workers KV limits"): a key of at most 512 bytes, a value of at most 25 MiB. */
export const KV_MAX_KEY_BYTES = 512;
export const KV_MAX_VALUE_BYTES = 25 * 1024 * 1024;
/** The shortest expiry KV accepts, in seconds. */
export const KV_MIN_TTL_SECONDS = 60;
