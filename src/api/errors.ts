/**
 * One typed error for everything the API answers with a non-2xx status, and the single `onError` that turns any
 * thrown value into OpenAI's error shape `{error: {message, type, param, code}}`. Unknown errors become a 500 whose
 * body says nothing about the cause.
 */
import type { Context } from "hono";
import type { ContentfulStatusCode } from "hono/utils/http-status";
import { ToolSetError } from "../tools/errors.js";

export type ApiErrorType = "invalid_request_error" | "authentication_error" | "not_found_error" | "server_error";

export interface OpenAIErrorBody {
  error: { message: string; type: ApiErrorType; param: string | null; code: string | null };
}

export interface ApiErrorInit {
  status: ContentfulStatusCode;
  type: ApiErrorType;
  code: string | null;
  param?: string | null;
  headers?: Record<string, string>;
}

export class ApiError extends Error {
  override readonly name = "ApiError";
  readonly status: ContentfulStatusCode;
  readonly type: ApiErrorType;
  readonly code: string | null;
  readonly param: string | null;
  readonly headers: Record<string, string>;

  constructor(message: string, init: ApiErrorInit) {
    super(message);
    this.status = init.status;
    this.type = init.type;
    this.code = init.code;
    this.param = init.param ?? null;
    this.headers = init.headers ?? {};
  }

  toBody(): OpenAIErrorBody {
    return { error: { message: this.message, type: this.type, param: this.param, code: this.code } };
  }
}

export function invalidRequest(message: string, param: string | null, code = "invalid_value"): ApiError {
  return new ApiError(message, { status: 400, type: "invalid_request_error", code, param });
}

const INTERNAL = new ApiError("The server had an error while processing your request.", {
  status: 500,
  type: "server_error",
  code: "internal_error",
});

export function errorResponse(c: Context, error: ApiError): Response {
  for (const [name, value] of Object.entries(error.headers)) c.header(name, value);
  return c.json(error.toBody(), error.status);
}

export function onError(error: unknown, c: Context): Response {
  if (error instanceof ApiError) return errorResponse(c, error);
  if (error instanceof ToolSetError) return errorResponse(c, invalidRequest(error.message, error.param, error.code));
  const name = error instanceof Error ? error.name : typeof error;
  console.error(`unhandled ${name} on ${c.req.method} ${new URL(c.req.url).pathname}`);
  return errorResponse(c, INTERNAL);
}
