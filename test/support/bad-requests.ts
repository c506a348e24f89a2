/**
 * Malformed chat-completions requests and the OpenAI-shaped error each must get. Used by the unit tests (Hono in
 * Node) and the end-to-end suite (real workerd).
 */
import { chatBody, weatherTool } from "./requests.js";

export interface BadRequestCase {
  name: string;
  /** A string is sent as is (for broken JSON); anything else is JSON-encoded. */
  body: unknown;
  status: number;
  /** Expected `error.param` (null for errors about the whole body). */
  param: string | null;
  code?: string;
}

const user = { role: "user", content: "Paris weather please" };
const withTool = (fn: Record<string, unknown>) => chatBody({ tools: [{ type: "function", function: fn }] });
const withParams = (parameters: unknown) => withTool({ name: "get_weather", parameters });

function deepSchema(levels: number): unknown {
  let schema: unknown = { type: "string" };
  for (let i = 0; i < levels; i += 1) schema = { type: "object", properties: { inner: schema } };
  return schema;
}

export const badRequests: BadRequestCase[] = [
  { name: "broken JSON", body: '{"model": "edgecall", "messages": [', status: 400, param: null, code: "invalid_json" },
  { name: "empty body", body: "", status: 400, param: null, code: "invalid_json" },
  { name: "trailing garbage after JSON", body: '{"model":"m","messages":[]} xyz', status: 400, param: null, code: "invalid_json" },
  { name: "JSON array instead of object", body: [], status: 400, param: null, code: "invalid_type" },
  { name: "JSON string instead of object", body: '"hello"', status: 400, param: null, code: "invalid_type" },
  { name: "missing messages", body: { model: "edgecall" }, status: 400, param: "messages", code: "missing_required_parameter" },
  { name: "empty messages", body: chatBody({ messages: [] }), status: 400, param: "messages" },
  { name: "messages is a string", body: chatBody({ messages: "hi" }), status: 400, param: "messages", code: "invalid_type" },
  { name: "message is a number", body: chatBody({ messages: [1] }), status: 400, param: "messages[0]", code: "invalid_type" },
  { name: "unknown role", body: chatBody({ messages: [{ role: "robot", content: "hi" }] }), status: 400, param: "messages[0].role" },
  {
    name: "deprecated function role",
    body: chatBody({ messages: [{ role: "function", name: "f", content: "x" }] }),
    status: 400,
    param: "messages[0].role",
  },
  { name: "missing role", body: chatBody({ messages: [{ content: "hi" }] }), status: 400, param: "messages[0].role" },
  { name: "role is a number", body: chatBody({ messages: [{ role: 5, content: "hi" }] }), status: 400, param: "messages[0].role" },
  {
    name: "user message without content",
    body: chatBody({ messages: [{ role: "user" }] }),
    status: 400,
    param: "messages[0].content",
    code: "missing_required_parameter",
  },
  { name: "content is a number", body: chatBody({ messages: [{ role: "user", content: 42 }] }), status: 400, param: "messages[0].content" },
  {
    name: "image content part",
    body: chatBody({ messages: [{ role: "user", content: [{ type: "image_url", image_url: { url: "https://x" } }] }] }),
    status: 400,
    param: "messages[0].content[0].type",
  },
  {
    name: "unknown field on a message",
    body: chatBody({ messages: [{ ...user, mood: "happy" }] }),
    status: 400,
    param: "messages[0].mood",
    code: "unknown_parameter",
  },
  {
    name: "tool message without tool_call_id",
    body: chatBody({ messages: [user, { role: "tool", content: "18C" }] }),
    status: 400,
    param: "messages[1].tool_call_id",
    code: "missing_required_parameter",
  },
  {
    name: "assistant tool call of wrong type",
    body: chatBody({ messages: [user, { role: "assistant", tool_calls: [{ id: "c1", type: "code", function: { name: "f", arguments: "{}" } }] }] }),
    status: 400,
    param: "messages[1].tool_calls[0].type",
  },
  { name: "missing model", body: { messages: [user] }, status: 400, param: "model", code: "missing_required_parameter" },
  { name: "model is a number", body: chatBody({ model: 4 }), status: 400, param: "model", code: "invalid_type" },
  { name: "unknown top-level parameter", body: chatBody({ temperatur: 1 }), status: 400, param: "temperatur", code: "unknown_parameter" },
  { name: "tools is an object", body: chatBody({ tools: weatherTool }), status: 400, param: "tools", code: "invalid_type" },
  { name: "tool of unknown type", body: chatBody({ tools: [{ type: "retrieval" }] }), status: 400, param: "tools[0].type" },
  {
    name: "tool without function",
    body: chatBody({ tools: [{ type: "function" }] }),
    status: 400,
    param: "tools[0].function",
    code: "missing_required_parameter",
  },
  {
    name: "function without name",
    body: withTool({ description: "nameless" }),
    status: 400,
    param: "tools[0].function.name",
    code: "missing_required_parameter",
  },
  { name: "function name with spaces", body: withTool({ name: "get weather" }), status: 400, param: "tools[0].function.name" },
  { name: "function name over 64 characters", body: withTool({ name: "f".repeat(65) }), status: 400, param: "tools[0].function.name" },
  { name: "parameters of type string", body: withParams({ type: "string" }), status: 400, param: "tools[0].function.parameters.type" },
  { name: "parameters is an array", body: withParams([]), status: 400, param: "tools[0].function.parameters" },
  {
    name: "properties is an array",
    body: withParams({ type: "object", properties: [] }),
    status: 400,
    param: "tools[0].function.parameters.properties",
  },
  {
    name: "required is a string",
    body: withParams({ type: "object", properties: {}, required: "city" }),
    status: 400,
    param: "tools[0].function.parameters.required",
  },
  {
    name: "unknown JSON Schema type in a property",
    body: withParams({ type: "object", properties: { city: { type: "text" } } }),
    status: 400,
    param: "tools[0].function.parameters.properties.city.type",
  },
  {
    name: "empty enum",
    body: withParams({ type: "object", properties: { unit: { type: "string", enum: [] } } }),
    status: 400,
    param: "tools[0].function.parameters.properties.unit.enum",
  },
  { name: "duplicate tool names", body: chatBody({ tools: [weatherTool, weatherTool] }), status: 400, param: "tools[1].function.name" },
  { name: "unknown tool_choice string", body: chatBody({ tool_choice: "sometimes" }), status: 400, param: "tool_choice" },
  {
    name: "tool_choice names an unlisted tool",
    body: chatBody({ tool_choice: { type: "function", function: { name: "book_flight" } } }),
    status: 400,
    param: "tool_choice.function.name",
  },
  { name: "tool_choice object without function", body: chatBody({ tool_choice: { type: "function" } }), status: 400, param: "tool_choice" },
  { name: "tool_choice required without tools", body: chatBody({ tools: undefined, tool_choice: "required" }), status: 400, param: "tool_choice" },
  { name: "stream is a string", body: chatBody({ stream: "yes" }), status: 400, param: "stream", code: "invalid_type" },
  { name: "temperature above 2", body: chatBody({ temperature: 5 }), status: 400, param: "temperature" },
  { name: "n above 1", body: chatBody({ n: 2 }), status: 400, param: "n" },
  {
    name: "parallel_tool_calls is a string",
    body: chatBody({ parallel_tool_calls: "true" }),
    status: 400,
    param: "parallel_tool_calls",
    code: "invalid_type",
  },
  { name: "max_tokens of 0", body: chatBody({ max_tokens: 0 }), status: 400, param: "max_tokens" },
  { name: "seed is a float", body: chatBody({ seed: 1.5 }), status: 400, param: "seed", code: "invalid_type" },
  { name: "unknown response_format type", body: chatBody({ response_format: { type: "xml" } }), status: 400, param: "response_format.type" },
  { name: "five stop sequences", body: chatBody({ stop: ["a", "b", "c", "d", "e"] }), status: 400, param: "stop" },
  {
    name: "stream_options with unknown field",
    body: chatBody({ stream: true, stream_options: { include_usage: true, extra: 1 } }),
    status: 400,
    param: "stream_options",
  },
  { name: "tool schema nested 200 levels deep", body: withParams(deepSchema(200)), status: 400, param: null, code: "nesting_too_deep" },
];

/** A body bigger than `limit` bytes that is otherwise valid. */
export function oversizedBody(limit: number): string {
  return JSON.stringify(chatBody({ messages: [{ role: "user", content: "x".repeat(limit + 1) }] }));
}
