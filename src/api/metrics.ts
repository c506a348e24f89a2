/** GET /metrics: this isolate's Prometheus text (format 0.0.4), behind the API key when keys are configured. */
import type { Handler } from "hono";
import { PROMETHEUS_CONTENT_TYPE, type Telemetry } from "../telemetry/index.js";
import type { Env } from "./settings.js";

export function metricsRoute(telemetry: Telemetry): Handler<{ Bindings: Env }> {
  return (c) => c.body(telemetry.metricsText(), 200, { "Content-Type": PROMETHEUS_CONTENT_TYPE, "Cache-Control": "no-store" });
}
