import { describe, expect, it } from "vitest";
import { ToolSetError } from "../tools/errors.js";
import { responseFormatOf } from "./format.js";

const address = {
  type: "object",
  additionalProperties: false,
  required: ["street", "city", "zip"],
  properties: { street: { type: "string" }, city: { type: "string" }, zip: { type: ["string", "null"] } },
};
const strict = (schema: unknown) => ({ response_format: { type: "json_schema", json_schema: { name: "address", strict: true, schema } } });

function refusal(body: unknown): ToolSetError {
  try {
    responseFormatOf(body as { response_format?: unknown });
  } catch (error) {
    if (error instanceof ToolSetError) return error;
    throw error;
  }
  throw new Error("expected a 400");
}

describe("responseFormatOf", () => {
  it("reads text, json_object and json_schema", () => {
    expect(responseFormatOf({})).toEqual({ kind: "text" });
    expect(responseFormatOf({ response_format: { type: "text" } })).toEqual({ kind: "text" });
    expect(responseFormatOf({ response_format: { type: "json_object" } })).toEqual({ kind: "json_object" });
    expect(responseFormatOf(strict(address))).toEqual({ kind: "json_schema", name: "address", schema: address, strict: true });
  });

  it("accepts the schema zod gives (nullable, $schema, nested objects, enums, arrays)", () => {
    const zod = {
      type: "object",
      properties: {
        zip: { type: "string", nullable: true },
        reason: { type: "string", enum: ["damaged", "late"] },
        items: { type: "array", items: { type: "string" } },
        nested: { type: "object", properties: { a: { type: "boolean" } }, required: ["a"], additionalProperties: false },
      },
      required: ["zip", "reason", "items", "nested"],
      additionalProperties: false,
      $schema: "http://json-schema.org/draft-07/schema#",
    };
    expect(responseFormatOf(strict(zod))).toMatchObject({ kind: "json_schema", strict: true });
  });

  it("refuses strict schemas outside OpenAI's subset with a 400 naming where", () => {
    const open = refusal(strict({ ...address, additionalProperties: undefined }));
    expect(open.code).toBe("invalid_json_schema");
    expect(open.param).toBe("response_format.json_schema.schema");
    expect(open.message).toContain("'additionalProperties' is required to be supplied and to be false");

    const optional = refusal(strict({ ...address, required: ["street", "city"] }));
    expect(optional.message).toContain("Missing 'zip'");

    const nested = refusal(
      strict({
        ...address,
        required: [...address.required, "to"],
        properties: { ...address.properties, to: { type: "object", properties: { name: { type: "string" } }, required: ["name"] } },
      }),
    );
    expect(nested.param).toBe("response_format.json_schema.schema.properties.to");

    expect(refusal(strict({ type: "array", items: { type: "string" } })).message).toContain('type: "object"');
    expect(refusal({ response_format: { type: "json_schema", json_schema: { name: "x", strict: true } } }).message).toContain("needs a schema");
  });

  it("does not apply the strict rules without strict", () => {
    const loose = { type: "object", properties: { city: { type: "string" } } };
    expect(responseFormatOf({ response_format: { type: "json_schema", json_schema: { name: "a", schema: loose } } })).toMatchObject({
      strict: false,
      schema: loose,
    });
  });
});
