/**
 * The extraction set (eval/extraction/cases.jsonl, scored by scripts/eval-extraction.ts) is well formed: 100 cases
 * with unique ids, each schema in OpenAI's strict subset, each expected object valid under its schema for both
 * validators, and each expected string written in the case's text (the edge reads values, it does not rewrite them).
 */
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { readJsonLines } from "../eval/dataset.js";
import type { JSONSchema } from "../tools/schema-types.js";
import { loadStandalone } from "../validate/standalone.js";
import { requestTimeCheck } from "./answer.js";
import { responseFormatOf } from "./format.js";
import type { ExtractionCase } from "./score.js";

const cases = readJsonLines(join(import.meta.dirname, "../../eval/extraction/cases.jsonl")) as ExtractionCase[];

function strings(value: unknown): string[] {
  if (typeof value === "string") return [value];
  if (Array.isArray(value)) return value.flatMap(strings);
  if (typeof value === "object" && value !== null) return Object.values(value).flatMap(strings);
  return [];
}

describe("the extraction set", () => {
  it("has 100 cases with unique ids, several categories and some Chinese", () => {
    expect(cases).toHaveLength(100);
    expect(new Set(cases.map((c) => c.id)).size).toBe(100);
    expect(new Set(cases.map((c) => c.category)).size).toBeGreaterThanOrEqual(8);
    expect(cases.filter((c) => c.lang === "zh").length).toBeGreaterThanOrEqual(10);
  });
  it.each(cases.map((c) => [c.id, c] as const))("%s: strict schema, valid expected object, values from the text", (_id, item) => {
    const format = responseFormatOf({
      response_format: { type: "json_schema", json_schema: { name: item.schema_name, strict: true, schema: item.schema } },
    });
    expect(format.kind).toBe("json_schema");
    expect(requestTimeCheck(item.schema as JSONSchema)(item.expected).valid).toBe(true);
    expect(loadStandalone(item.schema)(item.expected)).toBe(true);
    const text = item.messages
      .filter((m) => m.role === "user")
      .map((m) => m.content)
      .join("\n");
    for (const value of strings(item.expected)) {
      const enumerated = JSON.stringify(item.schema).includes(JSON.stringify(value));
      if (!enumerated) expect(text).toContain(value);
    }
  });
});
