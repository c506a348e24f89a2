/** Request body limit from MAX_BODY_BYTES: checks Content-Length up front and counts streamed bytes otherwise. */
import type { MiddlewareHandler } from "hono";
import { bodyLimit } from "hono/body-limit";
import { ApiError } from "./errors.js";
import { readSettings, type Env } from "./settings.js";

export function limitBody(): MiddlewareHandler<{ Bindings: Env }> {
  return async (c, next) => {
    const { maxBodyBytes } = readSettings(c.env);
    const limit = bodyLimit({
      maxSize: maxBodyBytes,
      onError: () => {
        throw new ApiError(`Request body is larger than the limit of ${maxBodyBytes} bytes.`, {
          status: 413,
          type: "invalid_request_error",
          code: "request_too_large",
        });
      },
    });
    return limit(c, next);
  };
}
