/**
 * From a schema-valid request to the tool caller's input: content parts flattened to text, defaults applied, and
 * the cross-field rules a schema cannot say (unique tool names, tool_choice naming a listed tool).
 */
import type { ChatMessage, ToolCallRequest, ToolChoice, ToolDefinition } from "../../caller/types.js";
import { invalidRequest } from "../errors.js";
import type { ChatCompletionsRequest, RequestMessage, TextContent } from "../validation/request-types.js";

export function flattenContent(content: TextContent | null | undefined): string | null {
  if (content === null || content === undefined) return null;
  if (typeof content === "string") return content;
  return content.map((part) => part.text).join("\n");
}

function toChatMessage(message: RequestMessage): ChatMessage {
  const out: ChatMessage = { role: message.role, content: flattenContent(message.content) };
  if (message.role === "assistant" && message.tool_calls !== undefined) out.tool_calls = message.tool_calls;
  if (message.role === "tool") out.tool_call_id = message.tool_call_id;
  if (message.role !== "tool" && message.name !== undefined) out.name = message.name;
  return out;
}

function toTools(request: ChatCompletionsRequest): ToolDefinition[] {
  const seen = new Set<string>();
  return (request.tools ?? []).map((tool, index) => {
    const { name, description, parameters, strict } = tool.function;
    if (seen.has(name)) {
      throw invalidRequest(`Duplicate tool name '${name}'; tool names must be unique.`, `tools[${index}].function.name`);
    }
    seen.add(name);
    const fn: ToolDefinition["function"] = { name };
    if (description !== undefined) fn.description = description;
    if (parameters !== undefined) fn.parameters = parameters;
    if (typeof strict === "boolean") fn.strict = strict;
    return { type: "function", function: fn };
  });
}

function toToolChoice(request: ChatCompletionsRequest, tools: ToolDefinition[]): ToolChoice {
  const choice = request.tool_choice;
  if (choice === undefined) return tools.length > 0 ? "auto" : "none";
  if (choice !== "none" && tools.length === 0) {
    throw invalidRequest("'tool_choice' is only allowed when 'tools' are specified.", "tool_choice");
  }
  if (typeof choice === "object" && !tools.some((tool) => tool.function.name === choice.function.name)) {
    throw invalidRequest(`Invalid value for 'tool_choice': no tool named '${choice.function.name}' in 'tools'.`, "tool_choice.function.name");
  }
  return choice;
}

export function toToolCallRequest(request: ChatCompletionsRequest): ToolCallRequest {
  const tools = toTools(request);
  return {
    messages: request.messages.map(toChatMessage),
    tools,
    tool_choice: toToolChoice(request, tools),
    parallel_tool_calls: request.parallel_tool_calls ?? true,
  };
}
