/**
 * The registry built by `npm run build` from registry/tool-sets.json: its sets are found by their tools, their
 * precomputed encoder vectors are what the schema encoder gives at request time, a registered set runs no schema
 * encoder, and its AJV standalone validators judge calls as the request-time validator does.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import type { ToolCallRequest, ToolDefinition } from "../caller/types.js";
import { createNodeRuntime } from "../engine/node.js";
import type { ModelRuntime } from "../engine/types.js";
import { defaultModelId } from "../model/caller.js";
import { ToolSetStore } from "../model/tool-sets.js";
import { loadShippedConfig, MODEL_DIR } from "../model/testing/load-config.js";
import { WordMatcher } from "../model/words.js";
import { DEFAULT_RISK_SETTINGS } from "../risk/policy.js";
import { guardCaller } from "../risk/guard.js";
import { validateAgainst } from "../validate/validator.js";
import { registeredResponseCheck, registeredToolSet, toolSetKey, toolSetKind } from "./index.js";
import { modelId } from "./generated/registry.js";

interface RegistryFile {
  tool_sets: Array<{ name: string; tools: ToolDefinition[] }>;
  response_schemas: Array<{ name: string; schema: Record<string, unknown> }>;
}
const file = JSON.parse(readFileSync(join(import.meta.dirname, "../../registry/tool-sets.json"), "utf8")) as RegistryFile;
const shop = file.tool_sets.find((s) => s.name === "shop")?.tools ?? [];
const config = loadShippedConfig();

function counting(runtime: ModelRuntime): { runtime: ModelRuntime; encoderRuns: () => number } {
  let runs = 0;
  return {
    runtime: { ...runtime, run: (graph, inputs) => ((runs += graph === "schema_encoder" ? 1 : 0), runtime.run(graph, inputs)) },
    encoderRuns: () => runs,
  };
}

/** The tools the destructive-call guard hands the caller for this user message to the shop set. */
async function guardedTools(content: string): Promise<ToolDefinition[]> {
  let seen: ToolDefinition[] = [];
  const inner = { id: "inner", call: async (request: ToolCallRequest) => ((seen = request.tools), { kind: "no_call" as const, confidence: 1 }) };
  await guardCaller(inner, DEFAULT_RISK_SETTINGS).call({ messages: [{ role: "user", content }], tools: shop, tool_choice: "auto", parallel_tool_calls: true });
  return seen;
}

describe("registered tool sets", () => {
  it("finds a registered set as the destructive-call guard hands it on, whichever high-risk tools it holds back", async () => {
    const asks = ["Where is order A-1042?", "Cancel order A-1042", "Remove the red shoes from my cart and what is my refund status?"];
    const seen = await Promise.all(asks.map(guardedTools));
    expect(seen.map((tools) => tools.length)).toEqual([17, 18, 19]);
    for (const tools of seen) expect(await toolSetKind(tools)).toBe("registered");
  });

  it("finds every registered set by its tools, and nothing else", async () => {
    expect(shop).toHaveLength(20);
    for (const set of file.tool_sets) expect(await toolSetKind(set.tools)).toBe("registered");
    const changed = shop.map((t, i) => (i === 0 ? { ...t, function: { ...t.function, description: "Order status" } } : t));
    expect(await toolSetKind(changed)).toBe("compiled");
    expect(await toolSetKind(shop.slice(1))).toBe("compiled");
  });

  it("ships the vectors the schema encoder gives, and a registered set runs no schema encoder", async () => {
    const web = createNodeRuntime({ backend: "ort-web", modelDir: MODEL_DIR });
    const { runtime, encoderRuns } = counting(web);
    const store = new ToolSetStore(runtime, config, new WordMatcher(config.match), modelId, 4);
    const registered = await store.get(shop);
    const shipped = (await registered.vectors()).data as Float32Array;
    expect(encoderRuns()).toBe(0);
    const unregistered = new ToolSetStore(runtime, config, new WordMatcher(config.match), "another-model-id", 4);
    const computed = (await (await unregistered.get(shop)).vectors()).data as Float32Array;
    expect(encoderRuns()).toBeGreaterThan(0);
    expect(computed.length).toBe(shipped.length);
    let worst = 0;
    computed.forEach((v, i) => (worst = Math.max(worst, Math.abs(v - (shipped[i] as number)))));
    expect(worst).toBeLessThan(1e-4);
  });

  it("validates calls of a registered set with AJV standalone code, agreeing with the request-time validator", async () => {
    const set = registeredToolSet(await toolSetKey(modelId, shop));
    const check = set?.validators["add_to_cart"];
    expect(check).toBeDefined();
    const schema = shop.find((t) => t.function.name === "add_to_cart")?.function.parameters ?? {};
    for (const value of [{ sku: "A1", quantity: 2 }, { sku: "A1", quantity: 0 }, { quantity: 2 }, { sku: 3 }]) {
      expect(check?.(value).valid).toBe(validateAgainst(schema, value).valid);
    }
    expect(check?.({ sku: "A1", quantity: 0 }).errors[0]).toMatch(/quantity/);
  });

  it("is keyed by the id the worker's caller keys its tool sets by", () => {
    expect(modelId).toBe(defaultModelId(config));
  });

  it("keys a tools list by its content and the model id, however often the same list is asked for", async () => {
    const key = await toolSetKey(modelId, shop);
    expect(await toolSetKey(modelId, shop)).toBe(key);
    expect(await toolSetKey(modelId, JSON.parse(JSON.stringify(shop)) as ToolDefinition[])).toBe(key);
    expect(await toolSetKey("another-model-id", shop)).not.toBe(key);
    expect(await toolSetKey(modelId, shop.slice(1))).not.toBe(key);
  });

  it("has an AJV standalone validator for each registered response schema", () => {
    const address = file.response_schemas.find((r) => r.name === "address")?.schema;
    const check = registeredResponseCheck(address);
    expect(check?.({ street: "a", city: "b", postal_code: "c", country: "d" }).valid).toBe(true);
    expect(check?.({ street: "a", city: "b", postal_code: "c" }).valid).toBe(false);
    expect(registeredResponseCheck({ ...address, description: "x" })).toBeUndefined();
  });
});
