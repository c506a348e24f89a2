/**
 * The monitoring event: one per request, written once when the request has ended (after the last byte of a
 * stream). This type is the schema, documented here and nowhere else in code; docs/monitoring.md shows how each
 * field lands in Analytics Engine, Prometheus and the log line.
 *
 * What it never holds: message text, argument values, API keys or any header value. Tool names are the client's
 * own identifiers (business figures: calls per tool); the tenant is a one-way hash of the API key.
 */

/** Who answered a model request (src/api/chat/metadata.ts `Route`). */
export type EventRoute = "edge" | "origin" | "edge_fallback";

/** The answer's kind: the edge's result kinds, or `text` for origin prose. */
export type EventResult = "calls" | "missing" | "no_call" | "not_expressible" | "text";

/**
 * What happened at the origin: `not_asked` (the edge answered alone, or no origin is configured), `ok` (it answered
 * and its answer validated), or the failure reason (`origin_timeout`, `origin_connection`, `origin_status_500`,
 * `origin_invalid_tool_call`, `origin_circuit_open`, …: src/origin).
 */
export type OriginOutcome = string;

export interface RequestEvent {
  /** Schema version. */
  v: 1;
  /** When the request ended (ISO 8601). */
  ts: string;
  /** Which service wrote it: the worker (`edge`) or the local origin server (`origin`). */
  source: "edge" | "origin";
  /** Random id of the isolate (or origin process) whose counters this request moved. */
  isolate: string;
  /** The route template that matched (`/v1/chat/completions`, `/v1/models/:id`, …), `unmatched` for 404s. */
  endpoint: string;
  method: string;
  /** HTTP status of the answer. */
  status: number;
  /** For status >= 400 (or a stream that failed): the error's name and OpenAI error `code`; never its message. */
  error: { name: string; code: string | null } | null;
  /** Server-Sent Events answer. */
  stream: boolean;

  // Model requests (chat completions, responses); null / empty for other endpoints and for requests refused earlier.
  route: EventRoute | null;
  /** Why (src/router): `confident`, `no_tools`, `low_confidence`, `origin_timeout`, … */
  route_reasons: string[];
  /** The engine that answered: `ort-web-workerd`, `ort-node`, `origin`. */
  backend: string | null;
  result: EventResult | null;
  /** Names of the tools the request offered, and of the tools the answer called (one entry per call). */
  tools_offered: string[];
  tools_called: string[];
  /** Tools the answer asked missing arguments for, and tools whose call failed schema validation (when known). */
  tools_missing: string[];
  tools_invalid: string[];
  /** The edge's confidence in its answer; null for origin answers. */
  confidence: number | null;
  /** Tool calls that failed schema validation: the edge's second guard, or the origin's answer (retry included). */
  validation_failures: number;
  origin: OriginOutcome;

  /** Milliseconds: request validation, the edge model, the origin, and the whole request (to the stream's end). */
  timings_ms: { validate: number | null; model: number | null; origin: number | null; total: number };
  /** Bytes of the request body (Content-Length; null when not sent) and of the response body as sent. */
  request_bytes: number | null;
  response_bytes: number | null;
  /** sha256 of the API key, 16 hex digits (the distillation log's tenant); `anonymous` without a key, `invalid` on 401. */
  tenant: string;
}

/** What a route handler knows about its answer (handed over with `reportOutcome`). */
export interface ModelOutcome {
  route: EventRoute;
  route_reasons: readonly string[];
  backend: string;
  result: EventResult;
  tools_offered: readonly string[];
  tools_called: readonly string[];
  tools_missing: readonly string[];
  tools_invalid: readonly string[];
  confidence: number | null;
  validation_failures: number;
  origin: OriginOutcome;
  timings_ms: { validate: number; model: number; origin: number | null };
}
