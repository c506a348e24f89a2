/**
 * The origin client: any OpenAI-compatible Chat Completions server. Every exchange runs under a Deadline (total,
 * retry included) with a time-to-first-byte limit per attempt; connection errors, 5xx and 429 get one retry after a
 * jittered pause or the origin's Retry-After (when it fits in the deadline); a circuit breaker per origin and
 * isolate fails requests over at once while the origin is down. Bodies are read up to a byte limit.
 */
import { CircuitBreaker } from "./breaker.js";
import type { Deadline } from "./deadline.js";
import { isOriginError, OriginError } from "./errors.js";
import { parseRetryAfter, retryDelayMs, sleep } from "./retry.js";
import type { OriginSettings } from "./settings.js";
import { SseDecoder } from "./sse.js";
import { ChunkAccumulator, originBody, parseCompletion, parseJsonText, type OriginCompletion, type OriginRequest } from "./wire.js";

export type OriginEvent = { type: "content"; text: string } | { type: "done"; completion: OriginCompletion };

export interface OriginClient {
  readonly settings: OriginSettings;
  readonly breaker: CircuitBreaker;
  complete(request: OriginRequest, deadline: Deadline): Promise<OriginCompletion>;
  /** Content as the origin streams it, then the whole completion (tool calls are only ever given whole). */
  stream(request: OriginRequest, deadline: Deadline): AsyncGenerator<OriginEvent, void, void>;
}

export interface OriginClientOptions {
  fetch?: typeof fetch;
  breaker?: CircuitBreaker;
  random?: () => number;
  /** The pause before the retry (tests record it). */
  sleep?: (ms: number, signal: AbortSignal) => Promise<void>;
}

interface Opened {
  response: Response;
  signal: AbortSignal;
  close(): void;
}

const decoder = new TextDecoder();
/** A stream its reader stopped before the end: no verdict on the origin's health. */
const LEFT_UNREAD = Symbol("left unread");

/** The reason the exchange stopped: the deadline's or the per-attempt timeout's OriginError, else `fallback`. */
function stopped(signal: AbortSignal, fallback: () => OriginError): OriginError {
  return signal.aborted && isOriginError(signal.reason) ? signal.reason : fallback();
}

export function createOriginClient(settings: OriginSettings, options: OriginClientOptions = {}): OriginClient {
  const fetchImpl = options.fetch ?? ((input: RequestInfo | URL, init?: RequestInit) => fetch(input, init));
  const breaker = options.breaker ?? new CircuitBreaker();
  const random = options.random ?? Math.random;
  const pause = options.sleep ?? sleep;
  const url = `${settings.baseUrl}/chat/completions`;

  const headers = (): Record<string, string> => {
    const out: Record<string, string> = { "Content-Type": "application/json", Accept: "application/json, text/event-stream" };
    if (settings.apiKey !== undefined) out.Authorization = `Bearer ${settings.apiKey}`;
    return out;
  };

  async function connect(body: string, deadline: Deadline): Promise<Opened> {
    if (deadline.signal.aborted) throw deadline.signal.reason;
    const controller = new AbortController();
    const forward = (): void => controller.abort(deadline.signal.reason);
    deadline.signal.addEventListener("abort", forward, { once: true });
    const close = (): void => deadline.signal.removeEventListener("abort", forward);
    const ttfb = setTimeout(
      () => controller.abort(new OriginError("timeout", `no response headers from the origin within ${settings.ttfbMs} ms`)),
      Math.min(settings.ttfbMs, deadline.remaining()),
    );
    let response: Response;
    try {
      response = await fetchImpl(url, { method: "POST", headers: headers(), body, signal: controller.signal });
    } catch (error) {
      close();
      throw stopped(
        controller.signal,
        () => new OriginError("connection", `could not reach the origin (${error instanceof Error ? error.name : "error"})`),
      );
    } finally {
      clearTimeout(ttfb);
    }
    if (!response.ok) {
      close();
      await response.body?.cancel().catch(() => undefined);
      throw new OriginError("status", `the origin answered ${response.status}`, {
        status: response.status,
        ...optional("retryAfterMs", parseRetryAfter(response.headers.get("retry-after"))),
      });
    }
    return { response, signal: controller.signal, close };
  }

  async function readAll(opened: Opened): Promise<Uint8Array> {
    const reader = opened.response.body?.getReader();
    if (reader === undefined) return new Uint8Array();
    const parts: Uint8Array[] = [];
    let total = 0;
    try {
      for (;;) {
        const { done, value } = await reader.read();
        if (done) break;
        total += value.byteLength;
        if (total > settings.maxResponseBytes) {
          await reader.cancel().catch(() => undefined);
          throw new OriginError("too_large", `the origin's answer is over ${settings.maxResponseBytes} bytes`);
        }
        parts.push(value);
      }
    } catch (error) {
      if (isOriginError(error)) throw error;
      throw stopped(opened.signal, () => new OriginError("connection", "the origin dropped the connection while answering"));
    }
    const out = new Uint8Array(total);
    let offset = 0;
    for (const part of parts) {
      out.set(part, offset);
      offset += part.byteLength;
    }
    return out;
  }

  /** One retry for retryable failures, when the wait fits in what is left of the deadline. */
  async function withRetry<T>(deadline: Deadline, run: () => Promise<T>): Promise<T> {
    try {
      return await run();
    } catch (error) {
      if (!isOriginError(error) || !error.retryable) throw error;
      if (error.retryAfterMs !== undefined && error.retryAfterMs > settings.maxRetryAfterMs) throw error;
      const wait = retryDelayMs(error.retryAfterMs, settings.retryBaseMs, random);
      if (wait >= deadline.remaining()) throw error;
      await pause(wait, deadline.signal);
      return run();
    }
  }

  function acquire(): void {
    if (!breaker.tryAcquire()) throw new OriginError("circuit_open", "the origin failed repeatedly; requests fail over until its cool-down ends");
  }

  function settle(error: unknown): void {
    if (error === undefined) breaker.success();
    else if (isOriginError(error) && error.countsAsFailure) breaker.failure();
    else breaker.release();
  }

  const bodyOf = (request: OriginRequest, stream: boolean): string => JSON.stringify(originBody(request, settings.model ?? request.model, stream));

  return {
    settings,
    breaker,

    async complete(request, deadline) {
      acquire();
      const body = bodyOf(request, false);
      try {
        const completion = await withRetry(deadline, async () => {
          const opened = await connect(body, deadline);
          try {
            return parseCompletion(parseJsonText(decoder.decode(await readAll(opened))));
          } finally {
            opened.close();
          }
        });
        settle(undefined);
        return completion;
      } catch (error) {
        settle(error);
        throw error;
      }
    },

    async *stream(request, deadline) {
      acquire();
      let outcome: unknown = LEFT_UNREAD;
      let opened: Opened | undefined;
      try {
        const body = bodyOf(request, true);
        opened = await withRetry(deadline, () => connect(body, deadline));
        const type = opened.response.headers.get("content-type") ?? "";
        if (!type.includes("text/event-stream")) {
          const completion = parseCompletion(parseJsonText(decoder.decode(await readAll(opened))));
          outcome = undefined;
          if (completion.content) yield { type: "content", text: completion.content };
          yield { type: "done", completion };
          return;
        }
        const completion = yield* readStream(opened);
        outcome = undefined;
        yield { type: "done", completion };
      } catch (error) {
        outcome = error;
        throw error;
      } finally {
        opened?.close();
        if (outcome === LEFT_UNREAD) breaker.release();
        else settle(outcome);
      }
    },
  };

  async function* readStream(opened: Opened): AsyncGenerator<OriginEvent, OriginCompletion, void> {
    const reader = opened.response.body?.getReader();
    if (reader === undefined) throw new OriginError("truncated", "the origin's stream has no body");
    const sse = new SseDecoder();
    const chunks = new ChunkAccumulator();
    let total = 0;
    try {
      for (;;) {
        let read: ReadableStreamReadResult<Uint8Array>;
        try {
          read = await reader.read();
        } catch {
          throw stopped(opened.signal, () => new OriginError("connection", "the origin dropped the stream"));
        }
        const events = read.done ? sse.end() : sse.push(read.value);
        if (!read.done) {
          total += read.value.byteLength;
          if (total > settings.maxResponseBytes) throw new OriginError("too_large", `the origin's stream is over ${settings.maxResponseBytes} bytes`);
        }
        for (const data of events) {
          if (data === "[DONE]") return chunks.result();
          const text = chunks.add(parseJsonText(data));
          if (text !== "") yield { type: "content", text };
        }
        if (read.done) {
          if (chunks.finished) return chunks.result();
          throw new OriginError("truncated", "the origin's stream ended before its answer did");
        }
      }
    } finally {
      await reader.cancel().catch(() => undefined);
    }
  }
}

function optional<K extends string, V>(key: K, value: V | undefined): Partial<Record<K, V>> {
  return value === undefined ? {} : ({ [key]: value } as Record<K, V>);
}
