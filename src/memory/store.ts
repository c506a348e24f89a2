/**
 * Stored responses in KV, one immutable record per response under `resp:<tenant>:<id>`: written once with an
 * expiry, read whole or not at all, deleted on request. Every operation has a deadline; a KV that fails or is slow
 * raises MemoryUnavailableError, which the API turns into its fall-backs. Records this isolate wrote or read are
 * kept for up to a minute (KV's own read cache is as stale), so a response can be chained at once from the same
 * place, before KV's eventual consistency catches up.
 */
import { LruCache } from "../tools/cache.js";
import { KV_MAX_KEY_BYTES, KV_MAX_VALUE_BYTES, type MemoryKv } from "./kv.js";
import { parseRecord, type TurnRecord } from "./record.js";
import type { MemorySettings } from "./settings.js";

export type MemoryFailure = "kv_error" | "kv_timeout";

export class MemoryUnavailableError extends Error {
  override readonly name = "MemoryUnavailableError";
  constructor(readonly reason: MemoryFailure) {
    super(reason === "kv_timeout" ? "the memory store did not answer in time" : "the memory store failed");
  }
}

export type WriteOutcome = { stored: true } | { stored: false; reason: MemoryFailure | "too_large" | "bad_id" };

/** How long an entry of the isolate's cache is trusted, in ms. */
export const CACHE_MAX_AGE_MS = 60_000;
const CACHE_ENTRIES = 512;
const ID_PATTERN = /^[A-Za-z0-9_-]{1,128}$/;

export interface Cached {
  record: TurnRecord;
  at: number;
}

/** The isolate's cache of records, shared by the stores of its requests. */
export const recordCache = (): LruCache<Cached> => new LruCache<Cached>(CACHE_ENTRIES);

export interface MemoryStoreOptions {
  /** Largest record in bytes (KV's 25 MiB by default). */
  maxValueBytes?: number;
  now?: () => number;
  /** The isolate's cache (a store of its own by default). */
  cache?: LruCache<Cached>;
}

const encoder = new TextEncoder();

export class MemoryStore {
  private readonly cache: LruCache<Cached>;
  private readonly maxValueBytes: number;
  private readonly now: () => number;

  constructor(
    private readonly kv: MemoryKv,
    readonly settings: MemorySettings,
    options: MemoryStoreOptions = {},
  ) {
    this.maxValueBytes = options.maxValueBytes ?? KV_MAX_VALUE_BYTES;
    this.now = options.now ?? (() => Date.now());
    this.cache = options.cache ?? recordCache();
  }

  /** The KV key of a tenant's response id, or undefined for an id that no record can have. */
  static key(tenant: string, id: string): string | undefined {
    if (!ID_PATTERN.test(id)) return undefined;
    const key = `resp:${tenant}:${id}`;
    return encoder.encode(key).byteLength <= KV_MAX_KEY_BYTES ? key : undefined;
  }

  private async within<T>(operation: () => Promise<T>): Promise<T> {
    let timer: ReturnType<typeof setTimeout> | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new MemoryUnavailableError("kv_timeout")), this.settings.timeoutMs);
    });
    try {
      return await Promise.race([operation(), timeout]);
    } catch (error) {
      throw error instanceof MemoryUnavailableError ? error : new MemoryUnavailableError("kv_error");
    } finally {
      clearTimeout(timer);
    }
  }

  private cached(key: string): TurnRecord | undefined {
    const entry = this.cache.get(key);
    if (entry === undefined) return undefined;
    if (this.now() - entry.at > CACHE_MAX_AGE_MS) {
      this.cache.delete(key);
      return undefined;
    }
    return entry.record;
  }

  /** The tenant's record of this id; undefined when there is none, it expired, or it is not a whole record. */
  async read(tenant: string, id: string): Promise<TurnRecord | undefined> {
    const key = MemoryStore.key(tenant, id);
    if (key === undefined) return undefined;
    const hit = this.cached(key);
    if (hit !== undefined) return hit;
    const text = await this.within(() => this.kv.get(key, "text"));
    if (text === null) return undefined;
    const record = parseRecord(text, id);
    if (record !== undefined) this.cache.set(key, { record, at: this.now() });
    return record;
  }

  /** Writes a new record once (ids are fresh, so nothing is ever overwritten); checks KV's limits first. */
  async write(tenant: string, record: TurnRecord): Promise<WriteOutcome> {
    const key = MemoryStore.key(tenant, record.id);
    if (key === undefined) return { stored: false, reason: "bad_id" };
    const text = JSON.stringify(record);
    if (encoder.encode(text).byteLength > this.maxValueBytes) return { stored: false, reason: "too_large" };
    try {
      await this.within(() => this.kv.put(key, text, { expirationTtl: this.settings.ttlSeconds }));
    } catch (error) {
      if (error instanceof MemoryUnavailableError) return { stored: false, reason: error.reason };
      throw error;
    }
    this.cache.set(key, { record, at: this.now() });
    return { stored: true };
  }

  /** Deletes the tenant's record; false when the tenant has none of this id. */
  async remove(tenant: string, id: string): Promise<boolean> {
    const record = await this.read(tenant, id);
    if (record === undefined) return false;
    const key = MemoryStore.key(tenant, id) as string;
    this.cache.delete(key);
    await this.within(() => this.kv.delete(key));
    return true;
  }
}

/** The store for a request's KV binding, sharing one cache per isolate; undefined when no KV is bound. */
export function memoryRegistry(): (kv: MemoryKv | undefined, settings: MemorySettings) => MemoryStore | undefined {
  const cache = recordCache();
  return (kv, settings) => (kv === undefined ? undefined : new MemoryStore(kv, settings, { cache }));
}
