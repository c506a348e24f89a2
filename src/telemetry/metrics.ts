/**
 * The Prometheus figures of the monitoring event (names by Prometheus conventions: base units, `_total` counters,
 * `_seconds` and `_bytes` histograms). Every field of the event has a family; the families without labels, and the
 * label sets known in advance, exist at 0 from the start so a scrape shows them before their first event.
 */
import type { RequestEvent } from "./event.js";
import { Registry, type Counter, type Gauge, type Histogram } from "./registry.js";

const SECONDS = [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30];
const BYTES = [256, 1024, 4096, 16384, 65536, 262144, 1048576, 4194304];
const CONFIDENCE = [0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 0.95, 0.99, 1];
const COUNTS = [0, 1, 2, 4, 8, 16, 32, 64, 128];

/** Client-named label values (tools, tenants) kept per family before the rest fold into `_other`. */
const CLIENT_SERIES = 100;

export interface MetricsOptions {
  source: "edge" | "origin";
  isolate: string;
  /** Bytes of the engine's WebAssembly memory, read at each scrape. */
  wasmMemoryBytes?: (() => number | undefined) | undefined;
  /** Clock for the start time (seconds since the epoch). */
  now?: () => number;
}

export class EdgecallMetrics {
  readonly registry: Registry;
  private readonly requests: Counter;
  private readonly duration: Histogram;
  private readonly stages: Histogram;
  private readonly requestSize: Histogram;
  private readonly responseSize: Histogram;
  private readonly errors: Counter;
  private readonly answers: Counter;
  private readonly reasons: Counter;
  private readonly confidence: Histogram;
  private readonly offeredCount: Histogram;
  private readonly offered: Counter;
  private readonly called: Counter;
  private readonly failures: Counter;
  private readonly validation: Counter;
  private readonly origin: Counter;
  private readonly tenants: Counter;
  private readonly memory: Gauge;
  private readonly wasmMemoryBytes: (() => number | undefined) | undefined;

  constructor(options: MetricsOptions) {
    const r = (this.registry = new Registry({ source: options.source, isolate: options.isolate }));
    this.wasmMemoryBytes = options.wasmMemoryBytes;
    r.gauge({
      name: "edgecall_isolate_start_time_seconds",
      help: "When this isolate (or origin process) served its first request, seconds since the epoch.",
    }).set(Math.round((options.now ?? Date.now)() / 1000));
    this.memory = r.gauge({
      name: "edgecall_wasm_memory_bytes",
      help: "Bytes of the model engine's WebAssembly memory (0 until the model first ran, or without one).",
    });
    this.memory.set(0);

    // System
    this.requests = r.counter({
      name: "edgecall_requests_total",
      help: "Requests answered, by endpoint, method and HTTP status.",
      labelNames: ["endpoint", "method", "status"],
    });
    this.duration = r.histogram({
      name: "edgecall_request_duration_seconds",
      help: "Whole-request latency (to the end of a stream), by endpoint.",
      labelNames: ["endpoint"],
      buckets: SECONDS,
    });
    this.stages = r.histogram({
      name: "edgecall_stage_duration_seconds",
      help: "Latency of one stage of a model request: validate, model (edge pass) or origin.",
      labelNames: ["stage"],
      buckets: SECONDS,
    });
    this.requestSize = r.histogram({
      name: "edgecall_request_size_bytes",
      help: "Request body bytes (Content-Length), by endpoint.",
      labelNames: ["endpoint"],
      buckets: BYTES,
    });
    this.responseSize = r.histogram({
      name: "edgecall_response_size_bytes",
      help: "Response body bytes as sent, by endpoint.",
      labelNames: ["endpoint"],
      buckets: BYTES,
    });
    this.errors = r.counter({
      name: "edgecall_errors_total",
      help: "Answers with status >= 400 (or a failed stream), by endpoint, status and error code.",
      labelNames: ["endpoint", "status", "code"],
    });

    // Model
    this.answers = r.counter({
      name: "edgecall_answers_total",
      help: "Model answers by route (edge, origin, edge_fallback), backend and result kind.",
      labelNames: ["route", "backend", "result"],
    });
    this.reasons = r.counter({ name: "edgecall_route_reasons_total", help: "Router reasons given for model answers.", labelNames: ["reason"] });
    this.confidence = r.histogram({
      name: "edgecall_confidence",
      help: "The edge's confidence in its answers, by route.",
      labelNames: ["route"],
      buckets: CONFIDENCE,
    });
    this.validation = r.counter({
      name: "edgecall_validation_failures_total",
      help: "Tool calls that failed schema validation (edge second guard or origin answer).",
    });
    this.validation.touch();
    this.origin = r.counter({
      name: "edgecall_origin_requests_total",
      help: "Model requests by origin outcome: not_asked, ok, or the failure reason.",
      labelNames: ["outcome"],
    });
    this.origin.touch({ outcome: "not_asked" });
    this.origin.touch({ outcome: "ok" });
    this.offeredCount = r.histogram({ name: "edgecall_tools_offered", help: "Tools offered per model request.", buckets: COUNTS });
    this.offeredCount.touch();

    // Business
    this.offered = r.counter({
      name: "edgecall_tool_offers_total",
      help: "Requests offering each tool.",
      labelNames: ["tool"],
      maxSeries: CLIENT_SERIES,
    });
    this.called = r.counter({
      name: "edgecall_tool_calls_total",
      help: "Tool calls answered, by tool (the actions users asked for).",
      labelNames: ["tool"],
      maxSeries: CLIENT_SERIES,
    });
    this.failures = r.counter({
      name: "edgecall_tool_failures_total",
      help: "Answers that could not call a tool, by tool and kind (missing_arguments, invalid_arguments).",
      labelNames: ["tool", "kind"],
      maxSeries: CLIENT_SERIES,
    });
    this.tenants = r.counter({
      name: "edgecall_tenant_requests_total",
      help: "Requests by tenant (sha256 of the API key, 16 hex digits).",
      labelNames: ["tenant"],
      maxSeries: CLIENT_SERIES,
    });
  }

  observe(event: RequestEvent): void {
    const endpoint = { endpoint: event.endpoint };
    const status = String(event.status);
    this.requests.inc({ ...endpoint, method: event.method, status });
    this.duration.observe(event.timings_ms.total / 1000, endpoint);
    if (event.request_bytes !== null) this.requestSize.observe(event.request_bytes, endpoint);
    if (event.response_bytes !== null) this.responseSize.observe(event.response_bytes, endpoint);
    if (event.error !== null) this.errors.inc({ ...endpoint, status, code: event.error.code ?? event.error.name });
    this.tenants.inc({ tenant: event.tenant });
    if (event.route === null) return;

    const { validate, model, origin } = event.timings_ms;
    if (validate !== null) this.stages.observe(validate / 1000, { stage: "validate" });
    if (model !== null && model > 0) this.stages.observe(model / 1000, { stage: "model" });
    if (origin !== null) this.stages.observe(origin / 1000, { stage: "origin" });
    this.answers.inc({ route: event.route, backend: event.backend ?? "", result: event.result ?? "" });
    for (const reason of event.route_reasons) this.reasons.inc({ reason });
    if (event.confidence !== null) this.confidence.observe(event.confidence, { route: event.route });
    if (event.validation_failures > 0) this.validation.inc(undefined, event.validation_failures);
    this.origin.inc({ outcome: event.origin });
    this.offeredCount.observe(event.tools_offered.length);
    for (const tool of event.tools_offered) this.offered.inc({ tool });
    for (const tool of event.tools_called) this.called.inc({ tool });
    for (const tool of event.tools_missing) this.failures.inc({ tool, kind: "missing_arguments" });
    for (const tool of event.tools_invalid) this.failures.inc({ tool, kind: "invalid_arguments" });
  }

  /** The text exposition (0.0.4), with the gauges read now. */
  render(): string {
    const memory = this.wasmMemoryBytes?.();
    if (memory !== undefined) this.memory.set(memory);
    return this.registry.render();
  }
}
