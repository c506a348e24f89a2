export type { EventResult, EventRoute, ModelOutcome, OriginOutcome, RequestEvent } from "./event.js";
export { analyticsRows, writeAnalytics, type AnalyticsSink, type TelemetryEnv } from "./analytics.js";
export { logLine, type LogWriter } from "./log.js";
export { EdgecallMetrics } from "./metrics.js";
export { endpointOf, telemetryMiddleware } from "./middleware.js";
export { reportOutcome, takeOutcome } from "./outcome.js";
export { PROMETHEUS_CONTENT_TYPE, Registry } from "./registry.js";
export { buildEvent, Telemetry, type RequestFacts, type TelemetryOptions } from "./telemetry.js";
