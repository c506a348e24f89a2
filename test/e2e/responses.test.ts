/**
 * The Responses API through the real worker (workerd, the shipped model, wrangler dev's local KV), driven by the
 * official openai client: create (streaming and not), a function-call round trip chained by previous_response_id,
 * retrieve, input items, delete, 404s the client understands, and tenant isolation across two API keys.
 */
import Ajv from "ajv";
import OpenAI, { NotFoundError } from "openai";
import type { FunctionTool, Response, ResponseFunctionToolCall } from "openai/resources/responses/responses";
import { describe, expect, inject, it } from "vitest";
import { E2E_API_KEY } from "./settings.js";

const baseURL = `${inject("edgecallBaseUrl")}/v1`;
const client = new OpenAI({ baseURL, apiKey: E2E_API_KEY, maxRetries: 0 });
/** The worker's other configured key: another tenant. */
const other = new OpenAI({ baseURL, apiKey: "sk-other-key", maxRetries: 0 });

const tools: FunctionTool[] = [
  {
    type: "function",
    name: "get_order_status",
    description: "Look up the status of an order",
    strict: false,
    parameters: { type: "object", properties: { order_id: { type: "string", description: "The order number" } }, required: ["order_id"] },
  },
];
const input = "Where is my order A-1042?";
const ajv = new Ajv({ strict: false });

function functionCall(response: Response): ResponseFunctionToolCall {
  const call = response.output.find((item): item is ResponseFunctionToolCall => item.type === "function_call");
  if (call === undefined) throw new Error(`no function_call in ${JSON.stringify(response.output)}`);
  expect(call.name).toBe("get_order_status");
  expect(ajv.validate(tools[0]?.parameters ?? {}, JSON.parse(call.arguments)), ajv.errorsText()).toBe(true);
  return call;
}

const shape = (response: Response) =>
  response.output.map((item) => (item.type === "function_call" ? { name: item.name, arguments: item.arguments } : item.type));

describe("Responses API through wrangler dev", () => {
  it("creates a function call and chains its output by previous_response_id", async () => {
    const first = await client.responses.create({ model: "edgecall", input, tools, tool_choice: "required" });
    expect(first).toMatchObject({ object: "response", status: "completed", store: true });
    expect((first as unknown as { x_edgecall: { backend: string } }).x_edgecall.backend).toBe("ort-web-workerd");
    const call = functionCall(first);

    const second = await client.responses.create({
      model: "edgecall",
      previous_response_id: first.id,
      tools,
      input: [{ type: "function_call_output", call_id: call.call_id, output: '{"status":"shipped"}' }],
    });
    expect(second).toMatchObject({ status: "completed", previous_response_id: first.id });
    expect(second.output.length).toBeGreaterThan(0);
    // after the tool's result the agent loop ends with prose, not the same call again
    expect(second.output.some((item) => item.type === "function_call" && item.name === call.name)).toBe(false);
    expect(second.output_text.length).toBeGreaterThan(0);

    const items = await client.responses.inputItems.list(second.id);
    expect(items.data).toEqual([expect.objectContaining({ type: "function_call_output", call_id: call.call_id })]);
  });

  it("streams the Responses events, ending in the response that GET returns", async () => {
    const plain = await client.responses.create({ model: "edgecall", input, tools, tool_choice: "required" });
    const stream = await client.responses.create({ model: "edgecall", input, tools, tool_choice: "required", stream: true });
    const types: string[] = [];
    let completed: Response | undefined;
    let argumentText = "";
    for await (const event of stream) {
      types.push(event.type);
      if (event.type === "response.function_call_arguments.delta") argumentText += event.delta;
      if (event.type === "response.completed") completed = event.response;
    }
    expect(types[0]).toBe("response.created");
    expect(types.at(-1)).toBe("response.completed");
    expect(types).toContain("response.function_call_arguments.done");
    if (completed === undefined) throw new Error("no response.completed");
    expect(shape(completed)).toEqual(shape(plain));
    expect(argumentText).toBe(functionCall(completed).arguments);
    const stored = await client.responses.retrieve(completed.id);
    expect(shape(stored)).toEqual(shape(completed));
  });

  it("answers 404 (NotFoundError) for an unknown previous_response_id", async () => {
    await expect(
      client.responses.create({ model: "edgecall", previous_response_id: "resp_unknown", input: "and now?", tools }),
    ).rejects.toBeInstanceOf(NotFoundError);
  });

  it("keeps tenants apart: the other key gets 404 from every endpoint; the owner deletes", async () => {
    const mine = await client.responses.create({ model: "edgecall", input, tools });
    await expect(other.responses.retrieve(mine.id)).rejects.toBeInstanceOf(NotFoundError);
    await expect(other.responses.inputItems.list(mine.id)).rejects.toBeInstanceOf(NotFoundError);
    await expect(other.responses.delete(mine.id)).rejects.toBeInstanceOf(NotFoundError);
    await expect(other.responses.create({ model: "edgecall", previous_response_id: mine.id, input: "cancel it", tools })).rejects.toBeInstanceOf(
      NotFoundError,
    );
    expect((await client.responses.retrieve(mine.id)).id).toBe(mine.id);

    await client.responses.delete(mine.id);
    await expect(client.responses.retrieve(mine.id)).rejects.toBeInstanceOf(NotFoundError);
  });
});
