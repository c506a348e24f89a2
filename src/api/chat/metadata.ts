/** The `x_edgecall` block: which route served the request, how sure it was, and where the time went. */
import type { ToolCallResult } from "../../caller/types.js";

export interface EdgecallMetadata {
  route: "edge";
  backend: string;
  result: ToolCallResult["kind"];
  confidence: number;
  /** Milliseconds. In workerd the clock only advances across I/O, so compute-only spans can read 0 there. */
  timings_ms: { validate: number; model: number; total: number };
}

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
