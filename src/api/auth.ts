/** Bearer-key check for /v1 routes, active only when EDGECALL_API_KEYS is configured. Keys never reach logs or bodies. */
import type { MiddlewareHandler } from "hono";
import { ApiError } from "./errors.js";
import { readSettings, type Env } from "./settings.js";

const encoder = new TextEncoder();

async function digest(value: string): Promise<Uint8Array> {
  return new Uint8Array(await crypto.subtle.digest("SHA-256", encoder.encode(value)));
}

/** Compares SHA-256 digests in constant time, so the comparison time does not depend on where keys differ. */
async function sameSecret(given: string, expected: string): Promise<boolean> {
  const [a, b] = await Promise.all([digest(given), digest(expected)]);
  let difference = 0;
  for (let i = 0; i < a.length; i += 1) difference |= (a[i] ?? 0) ^ (b[i] ?? 0);
  return difference === 0;
}

function unauthorized(message: string): ApiError {
  return new ApiError(message, {
    status: 401,
    type: "authentication_error",
    code: "invalid_api_key",
    headers: { "WWW-Authenticate": 'Bearer realm="edgecall"' },
  });
}

export function requireApiKey(): MiddlewareHandler<{ Bindings: Env }> {
  return async (c, next) => {
    const { apiKeys } = readSettings(c.env);
    if (apiKeys.length > 0) {
      const header = c.req.header("Authorization") ?? "";
      const match = /^Bearer\s+(.+)$/i.exec(header.trim());
      if (match === null) throw unauthorized("You didn't provide an API key. Send it as 'Authorization: Bearer <key>'.");
      const given = match[1] ?? "";
      const checks = await Promise.all(apiKeys.map((key) => sameSecret(given, key)));
      if (!checks.includes(true)) throw unauthorized("Incorrect API key provided.");
    }
    await next();
  };
}
