/**
 * The origin's tool calls go through the same guard as the edge's: a listed tool, arguments that parse as a JSON
 * object and validate against the tool's parameters (the edge's validator, nullable folded the same way), and the
 * request's tool_choice and parallel_tool_calls honoured. An invalid call is never forwarded.
 */
import type { ToolCallRequest } from "../caller/types.js";
import { foldNullable } from "../tools/compile.js";
import type { JSONSchema } from "../tools/schema-types.js";
import { validateAgainst } from "../validate/validator.js";
import type { OriginCompletion } from "./wire.js";

export type OriginVerdict =
  | { valid: true }
  /** `tool`: the tool to force on the one retry, when the failing call named a listed tool. */
  | { valid: false; reason: string; tool: string | undefined };

const EMPTY_PARAMETERS: JSONSchema = { type: "object", properties: {} };

export function checkOriginAnswer(completion: OriginCompletion, request: ToolCallRequest): OriginVerdict {
  const { tool_calls: calls } = completion;
  const choice = request.tool_choice;
  if (calls.length === 0) {
    if (choice === "required") return { valid: false, reason: "no call although tool_choice is 'required'", tool: undefined };
    if (typeof choice === "object")
      return { valid: false, reason: `no call although tool_choice names '${choice.function.name}'`, tool: choice.function.name };
    if (completion.content === null || completion.content.trim() === "") return { valid: false, reason: "empty answer", tool: undefined };
    return { valid: true };
  }
  if (choice === "none") return { valid: false, reason: "a call although tool_choice is 'none'", tool: undefined };
  if (!request.parallel_tool_calls && calls.length > 1)
    return { valid: false, reason: `${calls.length} calls although parallel_tool_calls is false`, tool: calls[0]?.name };
  for (const call of calls) {
    const tool = request.tools.find((t) => t.function.name === call.name);
    if (tool === undefined) return { valid: false, reason: `unknown tool '${call.name.slice(0, 64)}'`, tool: undefined };
    if (typeof choice === "object" && choice.function.name !== call.name) {
      return { valid: false, reason: `a call to '${call.name}' although tool_choice names '${choice.function.name}'`, tool: choice.function.name };
    }
    let args: unknown;
    try {
      args = JSON.parse(call.arguments) as unknown;
    } catch {
      return { valid: false, reason: `${call.name}: arguments are not JSON`, tool: call.name };
    }
    if (typeof args !== "object" || args === null || Array.isArray(args)) {
      return { valid: false, reason: `${call.name}: arguments are not a JSON object`, tool: call.name };
    }
    const schema = foldNullable(tool.function.parameters ?? EMPTY_PARAMETERS) as JSONSchema;
    const outcome = validateAgainst(schema, args);
    if (!outcome.valid) return { valid: false, reason: `${call.name}: ${outcome.errors.slice(0, 3).join("; ")}`, tool: call.name };
  }
  return { valid: true };
}
