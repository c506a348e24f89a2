/**
 * Tool-set encodings in Workers KV (issue 32): the schema encoder's output vectors for a tool set, kept so that a new
 * isolate that meets a known tool set reads them instead of creating the encoder's session and running it.
 *
 * Key: `enc:` + SHA-256 over the encoder graph's fingerprint (SHA-256 of its weights file), the element length and
 * the encoder's whole input (the compiled set's element token ids). That is everything the vectors depend on, so
 * tool sets that differ only in JSON key order or in what the compiler drops share an entry, and a retrained encoder
 * never reads an older one's vectors. The vectors depend on nothing private (public tool schemas and the model), so
 * entries are shared by every tenant: no tenant prefix, nothing a tenant sent besides its tools is in them.
 *
 * Value: one binary blob, little-endian: "ECV1", elements (u32), width (u32), the key's digest (32 bytes: an entry
 * stored under another key is foreign), SHA-256 of the vectors (32 bytes: a damaged entry is detected), then the
 * float32 vectors themselves (exact: answers from read vectors equal answers from computed ones). Anything that does
 * not check out is ignored and recomputed. Writes run after the response (waitUntil), expire (TTL), and are skipped
 * over a size bound; a KV that fails or is slow costs at most the read deadline, then the encoder runs as without KV.
 */
import { hexOf } from "../tools/hash.js";
import { KV_MIN_TTL_SECONDS } from "./kv.js";

/** The part of a Workers KV namespace the cache uses (binary values). A real `KVNamespace` satisfies it. */
export interface EncodingKv {
  get(key: string, type: "arrayBuffer"): Promise<ArrayBuffer | null>;
  put(key: string, value: ArrayBuffer, options: { expirationTtl: number }): Promise<unknown>;
}

/** What the tool-set store needs: vectors for an identity, or undefined (then it computes them and hands them back). */
export interface EncodingCache {
  read(id: EncodingId): Promise<Float32Array | undefined>;
  /** Stores the vectors after the response; never throws, never delays the caller. */
  write(id: EncodingId, vectors: Float32Array): void;
}

export interface EncodingId {
  /** The KV key. */
  key: string;
  /** SHA-256 of the key material, stored in the value and checked on read. */
  digest: Uint8Array;
  /** Elements of the set and the encoder's output width: the value must hold exactly elements x width floats. */
  elements: number;
  width: number;
}

export type EncodingEvent = "hit" | "miss" | "corrupt" | "foreign" | "kv_error" | "kv_timeout" | "stored" | "too_large" | "write_failed";

export interface KvEncodingCacheOptions {
  /** Hands a write to the runtime to finish after the response (the request's `waitUntil`). */
  defer: (work: Promise<unknown>) => void;
  /** Seconds an entry lives (default 30 days; KV's minimum is 60). */
  ttlSeconds?: number;
  /** Longest wait for a read, in ms (default 300, docs/memory.md): past it the encoder runs, as without KV. */
  timeoutMs?: number;
  /** Largest value written, in bytes (default 1 MiB: about 2,000 elements of width 128). */
  maxBytes?: number;
  /** Told what each read and write did (metrics, tests). */
  onEvent?: (event: EncodingEvent) => void;
}

export const ENCODING_KEY_PREFIX = "enc:";
export const DEFAULT_ENCODING_TTL_SECONDS = 30 * 24 * 3600;
export const DEFAULT_ENCODING_TIMEOUT_MS = 300;
export const DEFAULT_ENCODING_MAX_BYTES = 1024 * 1024;

const MAGIC = [0x45, 0x43, 0x56, 0x31]; // "ECV1"
const HEADER_BYTES = 4 + 4 + 4 + 32 + 32;
const DOMAIN = new TextEncoder().encode("edgecall tool-set encoding v1\n");

async function sha256(data: Uint8Array): Promise<Uint8Array> {
  return new Uint8Array(await crypto.subtle.digest("SHA-256", data));
}

function sameBytes(a: Uint8Array, b: Uint8Array): boolean {
  return a.length === b.length && a.every((byte, i) => byte === b[i]);
}

/**
 * The identity of a tool set's encoding: the encoder's fingerprint, the element length and the encoder input
 * (elem_ids [elements, elementTokens], int64 as the tensor holds it).
 */
export async function encodingId(encoderFingerprint: string, elementTokens: number, elemIds: BigInt64Array, width: number): Promise<EncodingId> {
  const head = new TextEncoder().encode(`${encoderFingerprint}\n${elementTokens}\n${width}\n`);
  const ids = new Uint8Array(elemIds.buffer, elemIds.byteOffset, elemIds.byteLength);
  const material = new Uint8Array(DOMAIN.length + head.length + ids.length);
  material.set(DOMAIN, 0);
  material.set(head, DOMAIN.length);
  material.set(ids, DOMAIN.length + head.length);
  const digest = await sha256(material);
  return { key: `${ENCODING_KEY_PREFIX}${hexOf(digest)}`, digest, elements: elemIds.length / elementTokens, width };
}

/** The stored value for these vectors (see the module comment). */
export async function encodeEncoding(id: EncodingId, vectors: Float32Array): Promise<ArrayBuffer> {
  const body = new Uint8Array(vectors.buffer, vectors.byteOffset, vectors.byteLength);
  const out = new Uint8Array(HEADER_BYTES + body.length);
  const view = new DataView(out.buffer);
  out.set(MAGIC, 0);
  view.setUint32(4, id.elements, true);
  view.setUint32(8, id.width, true);
  out.set(id.digest, 12);
  out.set(await sha256(body), 44);
  out.set(body, HEADER_BYTES);
  return out.buffer;
}

export type DecodedEncoding = { ok: true; vectors: Float32Array } | { ok: false; reason: "corrupt" | "foreign" };

/** The vectors in a stored value, if it is whole and was written for this identity. */
export async function decodeEncoding(id: EncodingId, value: ArrayBuffer): Promise<DecodedEncoding> {
  const bytes = new Uint8Array(value);
  const floats = id.elements * id.width;
  if (bytes.length < HEADER_BYTES || !MAGIC.every((byte, i) => bytes[i] === byte)) return { ok: false, reason: "corrupt" };
  const view = new DataView(value);
  if (!sameBytes(bytes.subarray(12, 44), id.digest)) return { ok: false, reason: "foreign" };
  if (view.getUint32(4, true) !== id.elements || view.getUint32(8, true) !== id.width || bytes.length !== HEADER_BYTES + floats * 4) {
    return { ok: false, reason: "corrupt" };
  }
  const body = bytes.slice(HEADER_BYTES);
  if (!sameBytes(await sha256(body), bytes.subarray(44, 76))) return { ok: false, reason: "corrupt" };
  const vectors = new Float32Array(body.buffer);
  return vectors.every(Number.isFinite) ? { ok: true, vectors } : { ok: false, reason: "corrupt" };
}

class ReadTimeout extends Error {
  override readonly name = "ReadTimeout";
}

function deadline<T>(work: Promise<T>, ms: number): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new ReadTimeout()), ms);
  });
  return Promise.race([work, timeout]).finally(() => clearTimeout(timer));
}

export class KvEncodingCache implements EncodingCache {
  private readonly ttlSeconds: number;
  private readonly timeoutMs: number;
  private readonly maxBytes: number;
  private readonly defer: (work: Promise<unknown>) => void;
  private readonly onEvent: (event: EncodingEvent) => void;

  constructor(
    private readonly kv: EncodingKv,
    options: KvEncodingCacheOptions,
  ) {
    this.defer = options.defer;
    this.ttlSeconds = Math.max(KV_MIN_TTL_SECONDS, options.ttlSeconds ?? DEFAULT_ENCODING_TTL_SECONDS);
    this.timeoutMs = options.timeoutMs ?? DEFAULT_ENCODING_TIMEOUT_MS;
    this.maxBytes = options.maxBytes ?? DEFAULT_ENCODING_MAX_BYTES;
    this.onEvent = options.onEvent ?? (() => undefined);
  }

  async read(id: EncodingId): Promise<Float32Array | undefined> {
    let value: ArrayBuffer | null;
    try {
      value = await deadline(this.kv.get(id.key, "arrayBuffer"), this.timeoutMs);
    } catch (error) {
      this.onEvent(error instanceof ReadTimeout ? "kv_timeout" : "kv_error");
      return undefined;
    }
    if (value === null) {
      this.onEvent("miss");
      return undefined;
    }
    const decoded = await decodeEncoding(id, value);
    this.onEvent(decoded.ok ? "hit" : decoded.reason);
    return decoded.ok ? decoded.vectors : undefined;
  }

  write(id: EncodingId, vectors: Float32Array): void {
    if (HEADER_BYTES + vectors.byteLength > this.maxBytes) {
      this.onEvent("too_large");
      return;
    }
    const work = encodeEncoding(id, vectors)
      .then((value) => this.kv.put(id.key, value, { expirationTtl: this.ttlSeconds }))
      .then(
        () => this.onEvent("stored"),
        () => this.onEvent("write_failed"),
      );
    try {
      this.defer(work);
    } catch {
      // No request to extend (a script outside one): the write still runs, it is only not waited for.
    }
  }
}
