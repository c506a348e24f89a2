import { describe, expect, it } from "vitest";
import type { ToolCallRequest, ToolDefinition } from "../caller/types.js";
import { CALIBRATION_FEATURES, logit } from "../calibrate/features.js";
import { createNodeRuntime } from "../engine/node.js";
import type { Feeds, GraphName, ModelRuntime, TensorData } from "../engine/types.js";
import { InvalidToolsError, UnsupportedSchemaError } from "../tools/errors.js";
import { validateAgainst } from "../validate/validator.js";
import { createModelToolCaller } from "./caller.js";
import { loadShippedConfig, MODEL_DIR } from "./testing/load-config.js";

const config = loadShippedConfig();

function countingRuntime(inner: ModelRuntime): ModelRuntime & { runs: Record<GraphName, number> } {
  const runs: Record<GraphName, number> = { schema_encoder: 0, model: 0 };
  return {
    backend: inner.backend,
    runs,
    run(graph: GraphName, feeds: Feeds): Promise<Record<string, TensorData>> {
      runs[graph]++;
      return inner.run(graph, feeds);
    },
  };
}

const tools: ToolDefinition[] = [
  {
    type: "function",
    function: {
      name: "add_to_cart",
      description: "Add a product to the shopping cart",
      parameters: {
        type: "object",
        properties: {
          product: { type: "string" },
          quantity: { type: "integer", minimum: 1 },
          size: { type: "string", enum: ["S", "M", "L"] },
          shipping: { type: "object", properties: { city: { type: "string" }, express: { type: "boolean" } } },
        },
        required: ["product"],
      },
    },
  },
  {
    type: "function",
    function: {
      name: "track_order",
      description: "Where is my order",
      parameters: { type: "object", properties: { order_id: { type: "string" } }, required: ["order_id"] },
    },
  },
];

const messages = [
  { role: "system" as const, content: "You are a shop assistant." },
  { role: "user" as const, content: "Please add 2 blue mugs in size M to my cart, ship express to Lyon." },
];

function request(overrides: Partial<ToolCallRequest> = {}): ToolCallRequest {
  return { messages, tools, tool_choice: "auto", parallel_tool_calls: true, ...overrides };
}

describe("createModelToolCaller with the shipped model (onnxruntime-node)", () => {
  const runtime = countingRuntime(createNodeRuntime({ backend: "ort-node", modelDir: MODEL_DIR }));
  const caller = createModelToolCaller(runtime, config);

  it("calls add_to_cart for a cart request under auto and required, with arguments that validate", async () => {
    for (const tool_choice of ["auto", "required"] as const) {
      const result = await caller.call(request({ tool_choice }));
      if (result.kind !== "calls") throw new Error(`expected calls under ${tool_choice}, got ${result.kind}`);
      expect(result.calls.map((call) => call.name)).toEqual(["add_to_cart"]);
      const args = result.calls[0]?.arguments ?? {};
      expect(args).toMatchObject({ quantity: 2, size: "M", shipping: { city: "Lyon", express: true } });
      expect(String(args.product)).toMatch(/mug/);
      expect(validateAgainst(tools[0]!.function.parameters ?? {}, args).valid).toBe(true);
      expect(result.confidence).toBeGreaterThanOrEqual(0);
      expect(result.confidence).toBeLessThanOrEqual(1);
    }
  });

  it("asks for the order id when the request forces track_order on a cart request", async () => {
    const result = await caller.call(request({ tool_choice: { type: "function", function: { name: "track_order" } } }));
    expect(result).toMatchObject({ kind: "missing", missing: [{ name: "track_order", parameters: ["order_id"] }] });
  });

  it("encodes a tool set once and reuses it across requests", async () => {
    const before = { ...runtime.runs };
    await caller.call(request());
    await caller.call(request({ messages: [{ role: "user", content: "track order 12" }] }));
    expect(runtime.runs.schema_encoder - before.schema_encoder).toBe(0);
    expect(runtime.runs.model - before.model).toBe(2);
    const other = [{ ...tools[1], function: { ...tools[1]!.function, description: "Order status" } } as ToolDefinition];
    await caller.call(request({ tools: other }));
    expect(runtime.runs.schema_encoder - before.schema_encoder).toBe(1);
  });

  it("answers tool_choice none without running the model", async () => {
    const before = runtime.runs.model;
    expect(await caller.call(request({ tool_choice: "none" }))).toEqual({ kind: "no_call", confidence: 1 });
    expect(runtime.runs.model).toBe(before);
  });

  it("refuses a tool_choice naming an unknown function and a schema keyword nobody can honour", async () => {
    await expect(caller.call(request({ tool_choice: { type: "function", function: { name: "nope" } } }))).rejects.toBeInstanceOf(InvalidToolsError);
    const bad: ToolDefinition = {
      type: "function",
      function: { name: "x", parameters: { type: "object", properties: { a: { $dynamicRef: "#a" } } } },
    };
    await expect(caller.call(request({ tools: [bad] }))).rejects.toBeInstanceOf(UnsupportedSchemaError);
  });

  it("handles conversations longer than the model's window of tokens", async () => {
    const long = [{ role: "user" as const, content: "mug ".repeat(400) }, ...messages];
    const result = await caller.call(request({ messages: long }));
    if (result.kind !== "calls") throw new Error(`expected the cart call, got ${result.kind}`);
    // 400 repeated "mug" read as products may make several cart calls (model card); what must hold is the window
    expect(new Set(result.calls.map((call) => call.name))).toEqual(new Set(["add_to_cart"]));
    for (const call of result.calls) expect(validateAgainst(tools[0]!.function.parameters ?? {}, call.arguments).valid).toBe(true);
  });
});

describe("createModelToolCaller with a calibration in the model folder", () => {
  const runtime = createNodeRuntime({ backend: "ort-node", modelDir: MODEL_DIR });
  const { calibration: shipped, ...bare } = config;
  const uncalibrated = createModelToolCaller(runtime, bare);
  // a fitted model that gives every answer probability 1 / (1 + e^-(bias + 0.5 x logit(raw score)))
  const weights = CALIBRATION_FEATURES.map((name) => (name === "bias" ? -0.4 : name === "logit_confidence" ? 0.5 : 0));
  const calibrated = createModelToolCaller(runtime, { ...config, calibration: { kind: "logistic", features: [...CALIBRATION_FEATURES], weights } });

  it("reports the calibrated probability for the same answer, and the features it read", async () => {
    const raw = await uncalibrated.call(request());
    const { result, features } = await calibrated.callWithFeatures(request());
    expect(uncalibrated.calibrated).toBe(false);
    expect(calibrated.calibrated).toBe(true);
    expect({ ...result, confidence: 0 }).toEqual({ ...raw, confidence: 0 });
    expect(result.confidence).toBeCloseTo(1 / (1 + Math.exp(-(-0.4 + 0.5 * logit(raw.confidence)))), 9);
    expect(features).toHaveLength(CALIBRATION_FEATURES.length);
  });

  it("ships a calibration fitted on today's features", () => {
    expect(shipped?.features).toEqual([...CALIBRATION_FEATURES]);
    expect(createModelToolCaller(runtime, config).calibrated).toBe(true);
  });

  it("leaves answers that need no model alone", async () => {
    expect(await calibrated.callWithFeatures(request({ tool_choice: "none" }))).toEqual({
      result: { kind: "no_call", confidence: 1 },
      features: null,
    });
  });
});

describe("createModelToolCaller with a scripted model", () => {
  it("turns the model's head outputs into a validated call", async () => {
    const { compileToolSet } = await import("../tools/compile.js");
    const { serializeConversation } = await import("./serialize.js");
    const { WordMatcher } = await import("./words.js");
    const { HeadsBuilder } = await import("../decode/testing/heads.js");
    const set = compileToolSet(
      tools,
      { words: new WordMatcher(config.match), maxElementTokens: config.max_element_tokens, pad: config.tokenizer.special.pad },
      "scripted",
    );
    const conversation = serializeConversation(messages, config.tokenizer.special, config.max_conversation_tokens);
    const heads = new HeadsBuilder(set, conversation, config.max_calls_per_tool + 1)
      .calls("add_to_cart", 1)
      .span("add_to_cart", "product", 1, "blue mugs")
      .span("add_to_cart", "quantity", 1, "2")
      .option("add_to_cart", "size", "M")
      .span("add_to_cart", "shipping.city", 1, "Lyon")
      .bool("add_to_cart", "shipping.express", true).heads;
    const E = set.elements.length;
    const T = conversation.ids.length;
    const scripted: ModelRuntime = {
      backend: "ort-node",
      async run(graph, feeds) {
        if (graph === "schema_encoder") return { elem_vecs: { type: "float32", data: new Float32Array(E * 4), dims: [E, 4] } };
        expect(feeds["input_ids"]?.dims).toEqual([1, T]);
        expect(feeds["elem_match"]?.dims).toEqual([E, T, 2]);
        expect(Number((feeds["window"]?.data as BigInt64Array)[0])).toBe(32);
        const f = (data: Float32Array, dims: number[]): TensorData => ({ type: "float32", data, dims });
        return {
          count_logits: f(heads.count, [E, 5]),
          action_logits: f(heads.action, [E, 3]),
          start_logits: f(heads.start, [E, T]),
          end_logits: f(heads.end, [E, T]),
          bool_logits: f(heads.bool, [E, 2]),
          option_logits: f(heads.option, [E]),
          memory_states: f(new Float32Array(T * config.memory_dim), [1, T, config.memory_dim]),
        };
      },
    };
    const caller = createModelToolCaller(scripted, config, { window: 32 });
    const result = await caller.call(request());
    expect(result).toMatchObject({
      kind: "calls",
      calls: [{ name: "add_to_cart", arguments: { product: "blue mugs", quantity: 2, size: "M", shipping: { city: "Lyon", express: true } } }],
    });
  });
});
