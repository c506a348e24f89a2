/** The `x_edgecall` block: which route served the request, how sure it was, and where the time went. */
import type { ResultNotes, ToolCallResult, Truncation } from "../../caller/types.js";

/** Who answered: the edge model, the origin, or the edge because the origin failed (the reason is in route_reasons). */
export type Route = "edge" | "origin" | "edge_fallback";

export interface EdgecallMetadata {
  route: Route;
  /** Why (src/router): e.g. `confident`, `no_tools`, `low_confidence`, `origin_connection`, `no_origin`. */
  route_reasons: string[];
  /** The edge's engine, or `origin` when the origin answered. */
  backend: string;
  /** The edge result's kind; for origin answers `calls` or `text`. */
  result: ToolCallResult["kind"] | "text";
  /** The edge's confidence; null for origin answers. */
  confidence: number | null;
  /** The model name the origin reported, when it answered. */
  origin_model?: string;
  /** The tool set the edge read: built into the bundle ("registered", src/registry) or compiled at request time. */
  tool_set?: "registered" | "compiled";
  /** Set when the edge answered from the last part of a conversation it could not read whole. */
  truncated?: Truncation;
  /** High-risk tools not called because this API key is over its rate limit for them. */
  rate_limited?: string[];
  /** Milliseconds. In workerd the clock only advances across I/O, so compute-only spans can read 0 there. */
  timings_ms: { validate: number; model: number; origin?: number; total: number };
}

/** The fields of `x_edgecall` that come from the edge result's notes. */
export function noteFields(notes: ResultNotes | undefined): Pick<EdgecallMetadata, "truncated" | "rate_limited"> {
  return {
    ...(notes?.truncated === undefined ? {} : { truncated: notes.truncated }),
    ...(notes?.rate_limited === undefined ? {} : { rate_limited: notes.rate_limited }),
  };
}

/** Milliseconds since a performance.now() reading, to the microsecond (every timing in x_edgecall). */
export const elapsed = (since: number): number => Math.round((performance.now() - since) * 1000) / 1000;

export interface Stopwatch {
  readonly start: number;
  mark(): number;
}

export function startStopwatch(now: () => number = () => performance.now()): Stopwatch {
  const start = now();
  let last = start;
  return {
    start,
    mark() {
      const current = now();
      const elapsed = current - last;
      last = current;
      return Math.round(elapsed * 1000) / 1000;
    },
  };
}
