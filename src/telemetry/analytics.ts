/**
 * The fleet-wide sink: Workers Analytics Engine, through an optional dataset binding (`EDGECALL_EVENTS` in
 * wrangler.toml). Without the binding nothing is written and nothing fails. Each event is one `request` row;
 * its tool lists are also unrolled into one `tool` row per called, missing or invalid tool, because the SQL API
 * has no array functions to group by a tool inside a list. Column layout (the SQL in docs/monitoring.md reads it):
 *
 * request row: index1 tenant;
 *   blob1 "request", blob2 endpoint, blob3 method, blob4 route, blob5 backend, blob6 result, blob7 origin outcome,
 *   blob8 error code (or name), blob9 route reasons (comma-separated), blob10 tools offered (comma-separated,
 *   cut at 2 KiB), blob11 tools called (comma-separated), blob12 isolate, blob13 source;
 *   double1 status, double2 total ms, double3 validate ms, double4 model ms, double5 origin ms, double6 request
 *   bytes, double7 response bytes, double8 confidence, double9 tools offered, double10 calls, double11 validation
 *   failures, double12 stream (1/0). Unknown numbers are -1.
 * tool row: index1 tenant;
 *   blob1 "tool", blob2 endpoint, blob3 tool, blob4 outcome (called | missing_arguments | invalid_arguments),
 *   blob5 route, blob6 backend, blob12 isolate, blob13 source; double1 status, double8 confidence.
 */
import type { RequestEvent } from "./event.js";

/** The part of AnalyticsEngineDataset the writer uses. */
export interface AnalyticsSink {
  writeDataPoint(point?: { indexes?: string[]; blobs?: string[]; doubles?: number[] }): void;
}

export interface TelemetryEnv {
  /** Workers Analytics Engine dataset binding; unset: no fleet-wide events. */
  EDGECALL_EVENTS?: AnalyticsSink;
}

const LIST_BYTES = 2048;
/** Tool rows per request at most (a Worker invocation may write 250 data points). */
const MAX_TOOL_ROWS = 32;

function list(items: readonly string[]): string {
  const joined = items.join(",");
  return joined.length <= LIST_BYTES ? joined : joined.slice(0, LIST_BYTES);
}

const known = (value: number | null): number => (value === null ? -1 : value);

export function analyticsRows(event: RequestEvent): Array<{ indexes: string[]; blobs: string[]; doubles: number[] }> {
  const request = {
    indexes: [event.tenant],
    blobs: [
      "request",
      event.endpoint,
      event.method,
      event.route ?? "",
      event.backend ?? "",
      event.result ?? "",
      event.origin,
      event.error === null ? "" : (event.error.code ?? event.error.name),
      list(event.route_reasons),
      list(event.tools_offered),
      list(event.tools_called),
      event.isolate,
      event.source,
    ],
    doubles: [
      event.status,
      event.timings_ms.total,
      known(event.timings_ms.validate),
      known(event.timings_ms.model),
      known(event.timings_ms.origin),
      known(event.request_bytes),
      known(event.response_bytes),
      known(event.confidence),
      event.tools_offered.length,
      event.tools_called.length,
      event.validation_failures,
      event.stream ? 1 : 0,
    ],
  };
  const tools = [
    ...event.tools_called.map((tool) => [tool, "called"] as const),
    ...event.tools_missing.map((tool) => [tool, "missing_arguments"] as const),
    ...event.tools_invalid.map((tool) => [tool, "invalid_arguments"] as const),
  ].slice(0, MAX_TOOL_ROWS);
  const toolRows = tools.map(([tool, outcome]) => ({
    indexes: [event.tenant],
    blobs: ["tool", event.endpoint, tool, outcome, event.route ?? "", event.backend ?? "", "", "", "", "", "", event.isolate, event.source],
    doubles: [event.status, -1, -1, -1, -1, -1, -1, known(event.confidence)],
  }));
  return [request, ...toolRows];
}

/** Writes the event's rows; returns how many. A sink that throws costs the rows, never the request. */
export function writeAnalytics(sink: AnalyticsSink | undefined, event: RequestEvent): number {
  if (sink === undefined) return 0;
  const rows = analyticsRows(event);
  try {
    for (const row of rows) sink.writeDataPoint(row);
  } catch (error) {
    console.error(
      JSON.stringify({ level: "error", msg: "analytics engine write failed", error: error instanceof Error ? error.name : typeof error }),
    );
    return 0;
  }
  return rows.length;
}
