/**
 * One `Telemetry` per isolate (or origin process): it turns what a request ended with into the event, and records
 * it in the three places: the Prometheus registry, the structured log and Analytics Engine. Its isolate id and
 * registry are made on first use: a Worker may not draw random numbers at module scope.
 */
import { writeAnalytics, type AnalyticsSink } from "./analytics.js";
import type { ModelOutcome, RequestEvent } from "./event.js";
import { consoleLog, logLine, type LogWriter } from "./log.js";
import { EdgecallMetrics } from "./metrics.js";

/** What any request ends with, whatever its route. */
export interface RequestFacts {
  endpoint: string;
  method: string;
  status: number;
  error: RequestEvent["error"];
  stream: boolean;
  totalMs: number;
  requestBytes: number | null;
  responseBytes: number | null;
  tenant: string;
}

export interface TelemetryOptions {
  source: "edge" | "origin";
  wasmMemoryBytes?: (() => number | undefined) | undefined;
  log?: LogWriter;
  /** false: no log line (benches). */
  logging?: boolean;
}

const round = (ms: number): number => Math.round(ms * 1000) / 1000;

export function buildEvent(
  source: RequestEvent["source"],
  isolate: string,
  facts: RequestFacts,
  outcome: ModelOutcome | undefined,
  now = new Date(),
): RequestEvent {
  return {
    v: 1,
    ts: now.toISOString(),
    source,
    isolate,
    endpoint: facts.endpoint,
    method: facts.method,
    status: facts.status,
    error: facts.error,
    stream: facts.stream,
    route: outcome?.route ?? null,
    route_reasons: [...(outcome?.route_reasons ?? [])],
    backend: outcome?.backend ?? null,
    result: outcome?.result ?? null,
    tools_offered: [...(outcome?.tools_offered ?? [])],
    tools_called: [...(outcome?.tools_called ?? [])],
    tools_missing: [...(outcome?.tools_missing ?? [])],
    tools_invalid: [...(outcome?.tools_invalid ?? [])],
    confidence: outcome?.confidence ?? null,
    validation_failures: outcome?.validation_failures ?? 0,
    origin: outcome?.origin ?? "not_asked",
    timings_ms: {
      validate: outcome === undefined ? null : outcome.timings_ms.validate,
      model: outcome === undefined ? null : outcome.timings_ms.model,
      origin: outcome?.timings_ms.origin ?? null,
      total: round(facts.totalMs),
    },
    request_bytes: facts.requestBytes,
    response_bytes: facts.responseBytes,
    tenant: facts.tenant,
  };
}

export class Telemetry {
  readonly source: "edge" | "origin";
  private current: { isolate: string; metrics: EdgecallMetrics } | undefined;
  private readonly log: LogWriter;
  private readonly logging: boolean;

  constructor(private readonly options: TelemetryOptions) {
    this.source = options.source;
    this.log = options.log ?? consoleLog;
    this.logging = options.logging ?? true;
  }

  private state(): { isolate: string; metrics: EdgecallMetrics } {
    if (this.current === undefined) {
      const isolate = crypto.randomUUID().slice(0, 8);
      this.current = { isolate, metrics: new EdgecallMetrics({ source: this.source, isolate, wasmMemoryBytes: this.options.wasmMemoryBytes }) };
    }
    return this.current;
  }

  get isolate(): string {
    return this.state().isolate;
  }

  /** Builds the event and records it: counters and histograms, one log line, Analytics Engine rows when bound. */
  record(facts: RequestFacts, outcome: ModelOutcome | undefined, sink: AnalyticsSink | undefined): RequestEvent {
    const { isolate, metrics } = this.state();
    const event = buildEvent(this.source, isolate, facts, outcome);
    metrics.observe(event);
    writeAnalytics(sink, event);
    if (this.logging) {
      const { line, level } = logLine(event);
      this.log(line, level);
    }
    return event;
  }

  /** The Prometheus text exposition of this isolate. */
  metricsText(): string {
    return this.state().metrics.render();
  }
}
