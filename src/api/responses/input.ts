/**
 * A Responses request's `input` and tools as the tool caller reads them: items become chat messages (consecutive
 * function_call items one assistant message with tool_calls, function_call_output items tool messages), tools are
 * flattened to chat's shape, and every input item gets the id and shape `input_items` lists it with.
 */
import type { ChatMessage, ToolChoice, ToolDefinition } from "../../caller/types.js";
import { invalidRequest } from "../errors.js";
import { inputItemId } from "./ids.js";
import type { FunctionCallItem, InputItem, ItemContent, ResponsesRequest } from "./request-types.js";

export type StoredItem = Record<string, unknown>;

export interface TurnInput {
  messages: ChatMessage[];
  items: StoredItem[];
}

function textOf(content: ItemContent, param: string): string {
  if (typeof content === "string") return content;
  return content
    .map((part, index) => {
      if (part.type === "input_text" || part.type === "output_text") return part.text ?? "";
      if (part.type === "refusal") return part.refusal ?? "";
      throw invalidRequest(`Only text content is supported here; '${part.type}' is not.`, `${param}[${index}].type`, "unsupported_content");
    })
    .join("\n");
}

function partsOf(content: ItemContent, role: string): unknown[] {
  if (typeof content !== "string") return content;
  return role === "assistant" ? [{ type: "output_text", text: content, annotations: [] }] : [{ type: "input_text", text: content }];
}

/** Items as given, with item_reference replaced by the items they name (`resolved`, by item id). */
function dereference(input: readonly InputItem[], resolved: ReadonlyMap<string, StoredItem>): Array<{ item: InputItem; param: string }> {
  return input.map((item, index) => {
    if (item.type !== "item_reference") return { item, param: `input[${index}]` };
    const found = resolved.get(item.id);
    if (found === undefined) throw invalidRequest(`Item with id '${item.id}' not found.`, `input[${index}].id`, "item_not_found");
    return { item: found as unknown as InputItem, param: `input[${index}]` };
  });
}

/** The ids of the items that `item_reference`s name. */
export function referencedItems(input: ResponsesRequest["input"]): string[] {
  if (typeof input === "string" || input === undefined) return [];
  return input.flatMap((item) => (item.type === "item_reference" ? [item.id] : []));
}

export function readInput(input: ResponsesRequest["input"], resolved: ReadonlyMap<string, StoredItem> = new Map()): TurnInput {
  if (input === undefined) return { messages: [], items: [] };
  if (typeof input === "string") {
    return {
      messages: [{ role: "user", content: input }],
      items: [{ id: inputItemId("msg"), type: "message", role: "user", status: "completed", content: [{ type: "input_text", text: input }] }],
    };
  }
  const messages: ChatMessage[] = [];
  const items: StoredItem[] = [];
  let calls: ChatMessage | undefined;
  for (const { item, param } of dereference(input, resolved)) {
    if (item.type === "function_call") {
      const call = callOf(item);
      if (calls === undefined) {
        calls = { role: "assistant", content: null, tool_calls: [] };
        messages.push(calls);
      }
      calls.tool_calls?.push(call);
      items.push({
        id: item.id ?? inputItemId("fc"),
        type: "function_call",
        status: "completed",
        call_id: item.call_id,
        name: item.name,
        arguments: item.arguments,
      });
      continue;
    }
    calls = undefined;
    if (item.type === "function_call_output") {
      messages.push({ role: "tool", content: textOf(item.output, `${param}.output`), tool_call_id: item.call_id });
      items.push({
        id: item.id ?? inputItemId("fco"),
        type: "function_call_output",
        status: "completed",
        call_id: item.call_id,
        output: item.output,
      });
    } else if (item.type === undefined || item.type === "message") {
      messages.push({ role: item.role, content: textOf(item.content, `${param}.content`) });
      items.push({
        id: item.id ?? inputItemId("msg"),
        type: "message",
        role: item.role,
        status: "completed",
        content: partsOf(item.content, item.role),
      });
    }
  }
  return { messages, items };
}

function callOf(item: FunctionCallItem): NonNullable<ChatMessage["tool_calls"]>[number] {
  return { id: item.call_id, type: "function", function: { name: item.name, arguments: item.arguments } };
}

export function readTools(request: ResponsesRequest): ToolDefinition[] {
  const seen = new Set<string>();
  return (request.tools ?? []).map((tool, index) => {
    if (seen.has(tool.name)) throw invalidRequest(`Duplicate tool name '${tool.name}'; tool names must be unique.`, `tools[${index}].name`);
    seen.add(tool.name);
    const fn: ToolDefinition["function"] = { name: tool.name };
    if (typeof tool.description === "string") fn.description = tool.description;
    if (tool.parameters !== undefined && tool.parameters !== null) fn.parameters = tool.parameters;
    if (typeof tool.strict === "boolean") fn.strict = tool.strict;
    return { type: "function", function: fn };
  });
}

export function readToolChoice(request: ResponsesRequest, tools: readonly ToolDefinition[]): ToolChoice {
  const choice = request.tool_choice;
  if (choice === undefined || (choice === "auto" && tools.length === 0)) return tools.length > 0 ? "auto" : "none";
  if (choice !== "none" && tools.length === 0) throw invalidRequest("'tool_choice' is only allowed when 'tools' are specified.", "tool_choice");
  if (typeof choice === "object") {
    if (!tools.some((tool) => tool.function.name === choice.name)) {
      throw invalidRequest(`Invalid value for 'tool_choice': no tool named '${choice.name}' in 'tools'.`, "tool_choice.name");
    }
    return { type: "function", function: { name: choice.name } };
  }
  return choice;
}

/** Fields this edge does not offer: a 400 naming them rather than a silent difference. */
export function refuseUnsupported(request: ResponsesRequest): void {
  if (request.background === true) throw invalidRequest("Background responses are not supported here.", "background", "unsupported_parameter");
  if (request.conversation !== undefined && request.conversation !== null) {
    throw invalidRequest(
      "Conversations are not supported here; chain responses with 'previous_response_id'.",
      "conversation",
      "unsupported_parameter",
    );
  }
  if (request.prompt !== undefined && request.prompt !== null)
    throw invalidRequest("Prompt templates are not supported here.", "prompt", "unsupported_parameter");
}
