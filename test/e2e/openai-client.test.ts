/**
 * The official openai client against the real worker in workerd, running the shipped model through onnxruntime-web.
 * The request is a plain one any tool caller must get right (the order status of a named order); checked are the
 * answer, OpenAI shapes, arguments valid under the schema, and streaming equal to non-streaming.
 */
import Ajv from "ajv";
import OpenAI, { AuthenticationError } from "openai";
import type { ChatCompletionCreateParamsNonStreaming, ChatCompletionTool } from "openai/resources/chat/completions";
import { describe, expect, inject, it } from "vitest";
import { E2E_API_KEY } from "./settings.js";

const baseUrl = inject("edgecallBaseUrl");
const client = new OpenAI({ baseURL: `${baseUrl}/v1`, apiKey: E2E_API_KEY, maxRetries: 0 });

const tools: ChatCompletionTool[] = [
  {
    type: "function",
    function: {
      name: "get_order_status",
      description: "Look up the status of an order",
      parameters: {
        type: "object",
        properties: { order_id: { type: "string", description: "The order number" } },
        required: ["order_id"],
      },
    },
  },
  {
    type: "function",
    function: {
      name: "search_products",
      description: "Search the catalogue",
      parameters: {
        type: "object",
        properties: {
          query: { type: "string", description: "What to search for" },
          color: { type: "string", enum: ["red", "green", "blue"] },
          max_price: { type: "number" },
          in_stock: { type: "boolean" },
        },
        required: ["query"],
      },
    },
  },
];

const request: ChatCompletionCreateParamsNonStreaming = {
  model: "edgecall",
  messages: [
    { role: "system", content: "You help shoppers." },
    { role: "user", content: "What's the status of order A-1042?" },
  ],
  tools,
};

const ajv = new Ajv({ strict: false });

function expectValidCall(name: string, argumentText: string): void {
  const tool = tools.find((t) => t.type === "function" && t.function.name === name);
  expect(tool, `call names a listed tool (${name})`).toBeDefined();
  const args = JSON.parse(argumentText) as unknown;
  const schema = tool?.type === "function" ? tool.function.parameters : undefined;
  expect(ajv.validate(schema ?? {}, args), ajv.errorsText()).toBe(true);
}

interface Extensions {
  x_edgecall?: { route: string; backend: string; result: string; confidence: number };
}

describe("openai client against workerd", () => {
  it("round-trips a non-streaming request with tools through the real model", async () => {
    const completion = await client.chat.completions.create(request);
    expect(completion.object).toBe("chat.completion");
    expect(completion.id).toMatch(/^chatcmpl-/);
    const choice = completion.choices[0];
    expect(choice).toBeDefined();
    expect(choice?.finish_reason).toBe("tool_calls");
    expect(choice?.message.tool_calls).toHaveLength(1);
    for (const call of choice?.message.tool_calls ?? []) {
      expect(call.id).toMatch(/^call_/);
      if (call.type !== "function") throw new Error("expected a function call");
      expectValidCall(call.function.name, call.function.arguments);
      expect(call.function.name).toBe("get_order_status");
      expect(JSON.parse(call.function.arguments)).toEqual({ order_id: "A-1042" });
    }
    const meta = (completion as unknown as Extensions).x_edgecall;
    expect(meta).toMatchObject({ route: "edge", backend: "ort-web-workerd" });
    expect(meta?.confidence).toBeGreaterThanOrEqual(0);
    expect(meta?.confidence).toBeLessThanOrEqual(1);
    expect(completion.usage?.total_tokens).toBe((completion.usage?.prompt_tokens ?? 0) + (completion.usage?.completion_tokens ?? 0));
  });

  it("streams the same answer as the non-streaming request, ending with [DONE]", async () => {
    const plain = await client.chat.completions.create(request);
    const stream = await client.chat.completions.create({ ...request, stream: true, stream_options: { include_usage: true } });
    const calls = new Map<number, { name: string; arguments: string }>();
    let content = "";
    let finish: string | null = null;
    let sawUsage = false;
    for await (const chunk of stream) {
      if (chunk.usage) sawUsage = true;
      for (const choice of chunk.choices) {
        content += choice.delta.content ?? "";
        for (const delta of choice.delta.tool_calls ?? []) {
          const call = calls.get(delta.index) ?? { name: "", arguments: "" };
          call.name += delta.function?.name ?? "";
          call.arguments += delta.function?.arguments ?? "";
          calls.set(delta.index, call);
        }
        finish = choice.finish_reason ?? finish;
      }
    }
    expect(sawUsage).toBe(true);
    expect(finish).toBe(plain.choices[0]?.finish_reason);
    const expected = (plain.choices[0]?.message.tool_calls ?? []).map((call) =>
      call.type === "function" ? { name: call.function.name, arguments: JSON.parse(call.function.arguments) as unknown } : {},
    );
    expect([...calls.values()].map((call) => ({ name: call.name, arguments: JSON.parse(call.arguments) as unknown }))).toEqual(expected);
    if (expected.length === 0) expect(content).toBe(plain.choices[0]?.message.content);
  });

  it("honours tool_choice naming a tool the request gives no value for: asks for its required argument", async () => {
    const completion = await client.chat.completions.create({
      ...request,
      tool_choice: { type: "function", function: { name: "search_products" } },
    });
    const choice = completion.choices[0];
    expect(choice?.message.tool_calls ?? []).toEqual([]);
    expect(choice?.finish_reason).toBe("stop");
    expect((completion as unknown as Extensions).x_edgecall?.result).toBe("missing");
    expect(choice?.message.content).toMatch(/query/i);
  });

  it("forced to call a parameterless tool, returns that call, streaming and not", async () => {
    const listTool: ChatCompletionTool = {
      type: "function",
      function: { name: "list_open_orders", description: "List the customer's open orders", parameters: { type: "object", properties: {} } },
    };
    const forced: ChatCompletionCreateParamsNonStreaming = {
      ...request,
      tools: [...tools, listTool],
      tool_choice: { type: "function", function: { name: "list_open_orders" } },
      parallel_tool_calls: false,
    };
    const completion = await client.chat.completions.create(forced);
    expect(completion.choices[0]?.finish_reason).toBe("tool_calls");
    const calls = completion.choices[0]?.message.tool_calls ?? [];
    expect(calls.map((call) => (call.type === "function" ? [call.function.name, JSON.parse(call.function.arguments)] : []))).toEqual([
      ["list_open_orders", {}],
    ]);
    const stream = await client.chat.completions.create({ ...forced, stream: true });
    const names: string[] = [];
    let argumentText = "";
    let finish: string | null = null;
    for await (const chunk of stream) {
      for (const choice of chunk.choices) {
        for (const delta of choice.delta.tool_calls ?? []) {
          if (delta.function?.name) names.push(delta.function.name);
          argumentText += delta.function?.arguments ?? "";
        }
        finish = choice.finish_reason ?? finish;
      }
    }
    expect(finish).toBe("tool_calls");
    expect(names).toEqual(["list_open_orders"]);
    expect(JSON.parse(argumentText)).toEqual({});
  });

  it("serves concurrent requests from one isolate's sessions", async () => {
    const results = await Promise.all(Array.from({ length: 6 }, () => client.chat.completions.create(request)));
    const answers = results.map((r) => JSON.stringify(r.choices[0]?.message.tool_calls?.map((c) => c.type === "function" && c.function)));
    expect(new Set(answers).size).toBe(1);
  });

  it("lists the model and reports WebAssembly memory once the model has run", async () => {
    const models = await client.models.list();
    expect(models.data.length).toBe(1);
    const health = (await (await fetch(`${baseUrl}/healthz`)).json()) as { backend: string; wasm_memory_bytes: number };
    expect(health.backend).toBe("ort-web-workerd");
    expect(health.wasm_memory_bytes).toBeGreaterThan(0);
  });

  it("rejects a wrong API key with the client's AuthenticationError", async () => {
    const stranger = new OpenAI({ baseURL: `${baseUrl}/v1`, apiKey: "sk-wrong", maxRetries: 0 });
    await expect(stranger.chat.completions.create(request)).rejects.toBeInstanceOf(AuthenticationError);
  });
});
