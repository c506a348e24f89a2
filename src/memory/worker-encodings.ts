/**
 * The worker's shared tool-set encodings: the MEMORY KV namespace (wrangler.toml) under the `enc:` prefix, written
 * under the current request's waitUntil. Read from `cloudflare:workers`, so the caller (made once per isolate) needs
 * no per-request wiring. No MEMORY binding: no shared encodings (each isolate runs the encoder, as before).
 */
import { env, waitUntil } from "cloudflare:workers";
import { KvEncodingCache, type EncodingKv } from "./encodings.js";

export interface EncodingsEnv {
  MEMORY?: EncodingKv;
  /** Seconds a tool-set encoding lives in KV (default 30 days). */
  ENCODING_CACHE_TTL_SECONDS?: string;
}

export function workerEncodingCache(bindings: EncodingsEnv = env as EncodingsEnv): KvEncodingCache | undefined {
  if (bindings.MEMORY === undefined) return undefined;
  const ttl = Number(bindings.ENCODING_CACHE_TTL_SECONDS);
  return new KvEncodingCache(bindings.MEMORY, {
    defer: (work) => waitUntil(work),
    ...(Number.isInteger(ttl) && ttl > 0 ? { ttlSeconds: ttl } : {}),
  });
}
