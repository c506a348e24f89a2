/**
 * The local origin end to end: `wrangler dev` (workerd) pointed at the local origin (the tool caller on
 * onnxruntime-node, widest window) through ORIGIN_URL, driven by the official openai client, streaming and not;
 * then the origin stopped: the worker fails over and keeps serving.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import OpenAI from "openai";
import type { ChatCompletionTool } from "openai/resources/chat/completions";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createNodeRuntime } from "../../src/engine/node.js";
import { createModelToolCaller } from "../../src/model/caller.js";
import { parseModelConfig } from "../../src/model/config.js";
import { NO_PROSE, startLocalOrigin, type LocalOrigin } from "../../src/origin-server/server.js";
import { startWranglerDev, type WranglerDev } from "../support/wrangler-dev.js";

interface RouteMeta {
  route: string;
  route_reasons: string[];
}
type WithMeta = { x_edgecall?: RouteMeta };

const tools: ChatCompletionTool[] = [
  {
    type: "function",
    function: {
      name: "get_order_status",
      description: "Look up the status of an order",
      parameters: { type: "object", properties: { order_id: { type: "string", description: "The order number" } }, required: ["order_id"] },
    },
  },
];

let origin: LocalOrigin | undefined;
let dev: WranglerDev | undefined;
let client: OpenAI;

beforeAll(async () => {
  const modelDir = join(import.meta.dirname, "../../wasm");
  const config = parseModelConfig(JSON.parse(readFileSync(join(modelDir, "config.json"), "utf8")));
  const caller = createModelToolCaller(createNodeRuntime({ backend: "ort-node", modelDir }), config, {
    id: "edgecall-local-origin",
    window: config.window.max,
  });
  origin = await startLocalOrigin({ caller, backend: "ort-node" });
  // Confidence below 1 sends every tool request to the origin, so the route below does not depend on the model.
  dev = await startWranglerDev({ vars: { ORIGIN_URL: origin.url, ORIGIN_TIMEOUT_MS: "10000", ROUTER_MIN_CONFIDENCE: "1" } });
  client = new OpenAI({ baseURL: `${dev.baseUrl}/v1`, apiKey: "unused", maxRetries: 0 });
});

afterAll(async () => {
  await origin?.close();
  await dev?.stop();
});

describe("the worker with the local origin", () => {
  it("answers a text-only turn from the origin", async () => {
    const completion = await client.chat.completions.create({ model: "edgecall", messages: [{ role: "user", content: "hello" }] });
    expect(completion.choices[0]?.message.content).toBe(NO_PROSE);
    expect((completion as WithMeta).x_edgecall).toMatchObject({ route: "origin", route_reasons: ["no_tools"] });
  });

  it("streams a text-only turn from the origin", async () => {
    const stream = await client.chat.completions.create({ model: "edgecall", messages: [{ role: "user", content: "hello" }], stream: true });
    let text = "";
    let meta: RouteMeta | undefined;
    for await (const chunk of stream) {
      text += chunk.choices[0]?.delta.content ?? "";
      meta ??= (chunk as WithMeta).x_edgecall;
    }
    expect(text).toBe(NO_PROSE);
    expect(meta?.route).toBe("origin");
  });

  it("a tool request says where it was answered and why, streaming and not", async () => {
    const request = { model: "edgecall", messages: [{ role: "user" as const, content: "Where is order A-1042?" }], tools };
    const completion = await client.chat.completions.create(request);
    const meta = (completion as WithMeta).x_edgecall;
    expect(meta).toMatchObject({ route: "origin", route_reasons: ["low_confidence"] });
    const calls = completion.choices[0]?.message.tool_calls ?? [];
    expect(calls.map((call) => (call.type === "function" ? [call.function.name, JSON.parse(call.function.arguments)] : []))).toEqual([
      ["get_order_status", { order_id: "A-1042" }],
    ]);
    const stream = await client.chat.completions.create({ ...request, stream: true });
    let streamed: RouteMeta | undefined;
    for await (const chunk of stream) streamed ??= (chunk as WithMeta).x_edgecall;
    expect(streamed?.route).toBe(meta?.route);
  });

  it("with the origin stopped, fails over to the edge and keeps serving", async () => {
    await origin?.close();
    origin = undefined;
    const completion = await client.chat.completions.create({ model: "edgecall", messages: [{ role: "user", content: "hello" }] });
    expect((completion as WithMeta).x_edgecall).toMatchObject({ route: "edge_fallback", route_reasons: ["no_tools", "origin_connection"] });
    const health = await fetch(`${dev?.baseUrl ?? ""}/healthz`);
    expect(health.status).toBe(200);
  });
});
