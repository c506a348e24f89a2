/** CORS for browser frontends; allowed origins come from CORS_ORIGINS (`*` by default). */
import type { MiddlewareHandler } from "hono";
import { cors } from "hono/cors";
import { readSettings, type Env } from "./settings.js";

export function corsFromSettings(): MiddlewareHandler<{ Bindings: Env }> {
  return async (c, next) => {
    const { corsOrigins } = readSettings(c.env);
    const handler = cors({
      origin: corsOrigins === "*" ? "*" : (origin) => (corsOrigins.includes(origin) ? origin : null),
      allowMethods: ["GET", "POST", "OPTIONS"],
      maxAge: 600,
    });
    return handler(c, next);
  };
}
