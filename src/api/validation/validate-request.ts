/** Validates a parsed body against the chat-completions request schema (standalone AJV code built by `npm run build`). */
import { validate } from "../generated/chat-completions-request.js";
import type { ChatCompletionsRequest } from "./request-types.js";
import { requestValidationError } from "./request-errors.js";

export function validateChatRequest(body: unknown): ChatCompletionsRequest {
  if (!validate(body)) throw requestValidationError(validate.errors);
  return body as ChatCompletionsRequest;
}
