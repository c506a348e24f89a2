/** The Responses API routes (mounted at /v1/responses): create, retrieve, delete, input items. */
import { Hono } from "hono";
import { memoryRegistry } from "../../memory/index.js";
import { ApiError } from "../errors.js";
import { limitBody } from "../limits.js";
import type { PipelineDependencies } from "../pipeline.js";
import type { Env } from "../settings.js";
import { createResponse } from "./create.js";
import { deleteResponse, getResponse, listInputItems } from "./stored.js";

function methodNotAllowed(allow: string): () => never {
  return () => {
    throw new ApiError("Method not allowed.", { status: 405, type: "invalid_request_error", code: "method_not_allowed", headers: { Allow: allow } });
  };
}

/** One memory store lookup per app (per isolate): its cache of records outlives the request. */
export function responsesRoutes(deps: PipelineDependencies): Hono<{ Bindings: Env }> {
  const memory = memoryRegistry();
  const routes = new Hono<{ Bindings: Env }>();
  routes.post("/", limitBody(), createResponse({ ...deps, memory }));
  routes.all("/", methodNotAllowed("POST"));
  routes.get("/:id/input_items", listInputItems(memory));
  routes.all("/:id/input_items", methodNotAllowed("GET, HEAD"));
  routes.get("/:id", getResponse(memory));
  routes.delete("/:id", deleteResponse(memory));
  routes.all("/:id", methodNotAllowed("GET, HEAD, DELETE"));
  return routes;
}
