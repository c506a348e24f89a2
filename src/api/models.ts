/** GET /v1/models and GET /v1/models/:id: the one model this worker serves. */
import { Hono } from "hono";
import { ApiError } from "./errors.js";
import type { Env } from "./settings.js";

/** A fixed creation time (2026-11-01T00:00:00Z): the model list must not change from request to request. */
const CREATED = 1793491200;

export function modelsRoutes(modelId: string): Hono<{ Bindings: Env }> {
  const model = { id: modelId, object: "model", created: CREATED, owned_by: "edgecall" };
  const routes = new Hono<{ Bindings: Env }>();
  routes.get("/", (c) => c.json({ object: "list", data: [model] }));
  routes.get("/:id{.+}", (c) => {
    if (c.req.param("id") !== modelId) {
      throw new ApiError(`The model '${c.req.param("id")}' does not exist.`, {
        status: 404,
        type: "invalid_request_error",
        code: "model_not_found",
        param: "model",
      });
    }
    return c.json(model);
  });
  return routes;
}
