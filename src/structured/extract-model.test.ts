/**
 * The forced extraction through the shipped model (onnxruntime-node): the reader answers with what it read, never
 * "missing", and the completed answer validates against the response schema. The values are the model's (it gets
 * retrained); the extraction set's accuracy is measured by bench/structured.ts.
 */
import { describe, expect, it } from "vitest";
import { createNodeRuntime } from "../engine/node.js";
import { createModelToolCaller } from "../model/caller.js";
import { loadShippedConfig, MODEL_DIR } from "../model/testing/load-config.js";
import type { JSONSchema } from "../tools/schema-types.js";
import { judgeExtraction, requestTimeCheck } from "./answer.js";
import { extractionRequest, extractionTool } from "./synthetic.js";

const schema: JSONSchema = {
  type: "object",
  additionalProperties: false,
  required: ["street", "city", "postal_code", "country", "apartment"],
  properties: {
    street: { type: "string" },
    city: { type: "string" },
    postal_code: { type: "string" },
    country: { type: "string" },
    apartment: { type: ["string", "null"] },
  },
};
const texts = [
  "Please send my order to 221B Baker Street, London NW1 6XE, United Kingdom.",
  "Ship to 12 Rue de Rivoli, 75001 Paris, France please",
  "My address is 500 Main St, Springfield, IL 62704, USA",
  "new address: Hauptstraße 5, 10115 Berlin, Germany",
];

describe("forced extraction through the shipped model", () => {
  const caller = createModelToolCaller(createNodeRuntime({ backend: "ort-node", modelDir: MODEL_DIR }), loadShippedConfig());
  const tool = extractionTool("address", undefined, schema);

  it.each(texts)("reads %s into a schema-valid answer", async (text) => {
    const result = await caller.call(extractionRequest([{ role: "user", content: text }], tool));
    expect(result.kind).toBe("calls");
    const judged = judgeExtraction(result, schema, requestTimeCheck(schema));
    expect(judged.kind).toBe("answer");
    if (judged.kind !== "answer") return;
    const value = JSON.parse(judged.content) as Record<string, unknown>;
    expect(Object.keys(value)).toEqual(["street", "city", "postal_code", "country", "apartment"]);
    for (const [key, v] of Object.entries(value)) if (typeof v === "string" && !judged.unstated.includes(key)) expect(text).toContain(v);
  });
});
