/**
 * The Hono middleware that writes the monitoring event of every request, whatever its route, once, when the
 * request has ended: for a stream, after its last byte (or when the client goes away). The work (tenant hash,
 * counters, log line, Analytics Engine rows) runs after the answer is handed back, under `waitUntil` where there is
 * an ExecutionContext; nothing in it can fail the request.
 */
import type { Context, MiddlewareHandler } from "hono";
import { matchedRoutes } from "hono/route";
import { tenantHash } from "../distill/log.js";
import type { TelemetryEnv } from "./analytics.js";
import type { RequestEvent } from "./event.js";
import { takeOutcome } from "./outcome.js";
import type { Telemetry } from "./telemetry.js";

/** The route template that matched: the last one that is not a wildcard middleware. */
export function endpointOf(c: Context): string {
  const routes = matchedRoutes(c);
  for (let i = routes.length - 1; i >= 0; i--) {
    const path = routes[i]?.path;
    if (path !== undefined && !path.includes("*")) return path;
  }
  return "unmatched";
}

function errorOf(error: unknown, status: number): RequestEvent["error"] {
  if (status < 400) return null;
  if (error instanceof Error) {
    const code = (error as { code?: unknown }).code;
    return { name: error.name, code: typeof code === "string" ? code : null };
  }
  return { name: "HttpError", code: null };
}

function bytesOf(header: string | undefined | null): number | null {
  if (header === undefined || header === null || header.trim() === "") return null;
  const value = Number(header);
  return Number.isInteger(value) && value >= 0 ? value : null;
}

/** A stream passed through as it is read, counting bytes; `ended` settles when it is done or cancelled. */
function counted(body: ReadableStream<Uint8Array>): { body: ReadableStream<Uint8Array>; ended: Promise<{ bytes: number; cancelled: boolean }> } {
  const reader = body.getReader();
  let bytes = 0;
  let settle: (value: { bytes: number; cancelled: boolean }) => void = () => undefined;
  const ended = new Promise<{ bytes: number; cancelled: boolean }>((resolve) => (settle = resolve));
  const stream = new ReadableStream<Uint8Array>({
    async pull(controller) {
      try {
        const { value, done } = await reader.read();
        if (done) {
          controller.close();
          settle({ bytes, cancelled: false });
          return;
        }
        bytes += value.byteLength;
        controller.enqueue(value);
      } catch (error) {
        settle({ bytes, cancelled: true });
        controller.error(error);
      }
    },
    async cancel(reason) {
      settle({ bytes, cancelled: true });
      await reader.cancel(reason);
    },
  });
  return { body: stream, ended };
}

/** Tenant hashes by Authorization header, per isolate (most callers send one of a few keys): one digest per key. */
const tenants = new Map<string, Promise<string>>();
const MAX_TENANTS = 256;

function tenantOf(authorization: string | undefined): Promise<string> {
  if (authorization === undefined) return tenantHash(undefined);
  let hash = tenants.get(authorization);
  if (hash === undefined) {
    if (tenants.size >= MAX_TENANTS) tenants.clear();
    hash = tenantHash(authorization);
    tenants.set(authorization, hash);
  }
  return hash;
}

function defer(c: Context, work: Promise<void>): void {
  try {
    c.executionCtx.waitUntil(work);
  } catch {
    // No ExecutionContext (Node, tests): the work runs on its own.
    void work;
  }
}

export function telemetryMiddleware(telemetry: Telemetry): MiddlewareHandler<{ Bindings: TelemetryEnv }> {
  return async (c, next) => {
    const started = performance.now();
    await next();
    const handledMs = performance.now() - started;
    const response = c.res;
    const status = response.status;
    const contentType = response.headers.get("content-type") ?? "";
    const stream = contentType.startsWith("text/event-stream");
    const authorization = status === 401 ? undefined : c.req.header("authorization");
    const facts = {
      endpoint: endpointOf(c),
      method: c.req.method,
      status,
      error: errorOf(c.error, status),
      stream,
      requestBytes: bytesOf(c.req.header("content-length")),
    };
    const raw = c.req.raw;
    const sink = c.env?.EDGECALL_EVENTS;

    const finish = async (responseBytes: number | null, cancelled: boolean, totalMs = handledMs): Promise<void> => {
      const tenant = status === 401 ? "invalid" : await tenantOf(authorization);
      const error = cancelled && facts.error === null ? { name: "StreamCancelled", code: "client_closed" } : facts.error;
      telemetry.record({ ...facts, error, totalMs, responseBytes, tenant }, takeOutcome(raw), sink);
    };
    const whole = /^(application\/json|text\/plain)/.test(contentType);
    let done: Promise<void>;
    if (response.body === null) done = finish(0, false);
    else if (stream || !whole) {
      const { body, ended } = counted(response.body);
      c.res = new Response(body, response);
      done = ended.then(({ bytes, cancelled }) => finish(bytes, cancelled, performance.now() - started));
    } else {
      let length = bytesOf(response.headers.get("content-length"));
      if (length === null) {
        // Our JSON and text bodies are whole strings in memory: read once, and sent with their Content-Length.
        const buffer = await response.arrayBuffer();
        length = buffer.byteLength;
        c.res = new Response(buffer, response);
      }
      done = finish(length, false);
    }
    defer(
      c,
      done.catch((error: unknown) => {
        console.error(
          JSON.stringify({ level: "error", msg: "monitoring event not written", error: error instanceof Error ? error.name : typeof error }),
        );
      }),
    );
  };
}
