/**
 * The Hono application: CORS, health, API-key check, body limit, the OpenAI routes, and one error handler.
 * Everything model-specific comes in through `AppDependencies`, so tests can run it with a test double.
 */
import { Hono } from "hono";
import type { ToolCaller } from "../caller/types.js";
import { originRegistry, type OriginLookup } from "../origin/registry.js";
import { Telemetry, telemetryMiddleware } from "../telemetry/index.js";
import { requireApiKey } from "./auth.js";
import { chatCompletions } from "./chat/route.js";
import { corsFromSettings } from "./cors.js";
import { ApiError, onError } from "./errors.js";
import { limitBody } from "./limits.js";
import { metricsRoute } from "./metrics.js";
import { modelsRoutes } from "./models.js";
import { responsesRoutes } from "./responses/routes.js";
import type { Env } from "./settings.js";

export interface AppDependencies {
  caller: ToolCaller;
  /** Which engine runs the model (reported in /healthz and x_edgecall). */
  backend: string;
  /** Bytes of the engine's WebAssembly memory, when it has one and has started. */
  wasmMemoryBytes?: () => number | undefined;
  /** The origin for a request's env (ORIGIN_URL); default: one client per origin URL for this app's lifetime. */
  origins?: OriginLookup;
  /** Monitoring (src/telemetry): one per isolate by default; false: no events and no /metrics (benches). */
  telemetry?: Telemetry | false;
}

function methodNotAllowed(allow: string): () => never {
  return () => {
    throw new ApiError("Method not allowed.", {
      status: 405,
      type: "invalid_request_error",
      code: "method_not_allowed",
      headers: { Allow: allow },
    });
  };
}

export function createApp(deps: AppDependencies): Hono<{ Bindings: Env }> {
  const app = new Hono<{ Bindings: Env }>();
  const telemetry = deps.telemetry ?? new Telemetry({ source: "edge", wasmMemoryBytes: deps.wasmMemoryBytes });
  if (telemetry !== false) app.use("*", telemetryMiddleware(telemetry));
  app.use("*", corsFromSettings());

  app.get("/healthz", (c) =>
    c.json({
      status: "ok",
      model: deps.caller.id,
      backend: deps.backend,
      wasm_memory_bytes: deps.wasmMemoryBytes?.() ?? null,
    }),
  );
  app.all("/healthz", methodNotAllowed("GET, HEAD"));

  if (telemetry !== false) {
    app.get("/metrics", requireApiKey(), metricsRoute(telemetry));
    app.all("/metrics", methodNotAllowed("GET, HEAD"));
  }
  app.use("/v1/*", requireApiKey());
  const origins = deps.origins ?? originRegistry();
  app.post("/v1/chat/completions", limitBody(), chatCompletions({ ...deps, origins }));
  app.all("/v1/chat/completions", methodNotAllowed("POST"));
  app.route("/v1/responses", responsesRoutes({ ...deps, origins }));
  app.route("/v1/models", modelsRoutes(deps.caller.id));
  app.all("/v1/models", methodNotAllowed("GET, HEAD"));

  app.notFound((c) => {
    throw new ApiError(`Unknown request URL: ${c.req.method} ${new URL(c.req.url).pathname}.`, {
      status: 404,
      type: "invalid_request_error",
      code: "unknown_url",
    });
  });
  app.onError(onError);
  return app;
}
