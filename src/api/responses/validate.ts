/** Validates a parsed body against the Responses request schema (standalone AJV code built by `npm run build`). */
import { validate } from "../generated/responses-request.js";
import { requestValidationError } from "../validation/request-errors.js";
import type { ResponsesRequest } from "./request-types.js";

export function validateResponsesRequest(body: unknown): ResponsesRequest {
  if (!validate(body)) throw requestValidationError(validate.errors);
  return body as ResponsesRequest;
}
