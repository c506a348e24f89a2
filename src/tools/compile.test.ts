import { describe, expect, it } from "vitest";
import { InvalidToolsError, UnsupportedSchemaError } from "./errors.js";
import { compile, tool } from "./testing/compile.js";
import type { Slot } from "./types.js";

function slot(set: ReturnType<typeof compile>, path: string): Slot {
  const found = set.tools[0]?.slots.find((s) => s.path.join(".") === path);
  if (!found) throw new Error(`no slot ${path}`);
  return found;
}

describe("compileToolSet: slots and fills", () => {
  const set = compile(
    tool("order", {
      type: "object",
      properties: {
        sku: { type: "string", minLength: 3, pattern: "^[A-Z0-9-]+$" },
        qty: { type: "integer", minimum: 1, maximum: 99 },
        gift: { type: "boolean" },
        speed: { type: "string", enum: ["standard", "express"] },
        channel: { const: "web" },
        note: { type: ["string", "null"] },
        when: { type: "string", format: "date" },
        tags: { type: "array", items: { type: "string" }, maxItems: 3 },
        lines: { type: "array", items: { type: "object", properties: { sku: { type: "string" } } } },
        address: {
          type: "object",
          properties: { city: { type: "string" }, zip: { $ref: "#/$defs/zip" } },
          required: ["city"],
        },
        price: { anyOf: [{ type: "number" }, { type: "string", format: "email" }] },
        meta: { type: "object" },
      },
      required: ["sku", "address"],
      $defs: { zip: { type: "string", description: "postal code", maxLength: 10 } },
    }),
  );

  it("flattens nested objects depth first, in properties order", () => {
    expect(set.tools[0]?.slots.map((s) => s.path.join("."))).toEqual([
      "sku",
      "qty",
      "gift",
      "speed",
      "channel",
      "note",
      "when",
      "tags",
      "lines",
      "address.city",
      "address.zip",
      "price",
      "meta",
    ]);
    expect(set.tools[0]?.objects.map((o) => o.path.join("."))).toEqual(["address"]);
  });

  it("gives each slot the fill its schema needs", () => {
    expect(slot(set, "sku").fill.kind).toBe("span");
    expect(slot(set, "gift").fill.kind).toBe("bool");
    expect(slot(set, "speed").fill.kind).toBe("enum");
    expect(slot(set, "channel").fill).toEqual({ kind: "fixed", value: "web" });
    expect(slot(set, "tags").fill.kind).toBe("array");
    expect(slot(set, "lines").fill).toMatchObject({ kind: "unfillable" });
    expect(slot(set, "meta").fill).toMatchObject({ kind: "unfillable" });
    expect(slot(set, "address.zip").fill.kind).toBe("span");
  });

  it("tracks requiredness along the path", () => {
    expect(slot(set, "address.city").requiredChain).toEqual([true, true]);
    expect(slot(set, "address.zip").requiredChain).toEqual([true, false]);
    expect(slot(set, "qty").requiredChain).toEqual([false]);
  });

  it("makes elements: tool, params, and options right after their enum param", () => {
    const texts = set.elements.map((e) => e.text);
    const speed = texts.indexOf("speed : string : ");
    expect(texts.slice(speed + 1, speed + 3)).toEqual(["standard", "express"]);
    expect(set.elements[speed + 1]?.parent).toBe(speed);
    expect(texts).toContain("address zip : string : postal code");
    expect(texts).toContain("note : string|null : ");
    expect(texts).toContain("price : number|string : ");
  });

  it("checks values with the slot's constraints", () => {
    const fill = slot(set, "qty").fill;
    if (fill.kind !== "span") throw new Error("qty should be a span slot");
    expect(fill.domain.rules.some((r) => r.check(5))).toBe(true);
    expect(fill.domain.rules.some((r) => r.check(0))).toBe(false);
    expect(fill.domain.rules.some((r) => r.check(2.5))).toBe(false);
  });

  it("marks slots of running text by their name's last word", () => {
    const names = ["search_query", "messageText", "search", "user-input", "notes", "search_location", "message_id", "textColor"];
    const texts = compile(tool("t", { type: "object", properties: Object.fromEntries(names.map((n) => [n, { type: "string" }])) }));
    const prose = names.filter((n) => {
      const fill = slot(texts, n).fill;
      return fill.kind === "span" && fill.domain.rules.some((r) => r.prose === true);
    });
    expect(prose).toEqual(["search_query", "messageText", "search", "user-input", "notes"]);
  });
});

describe("compileToolSet: extraction tools", () => {
  it("validates partial readings: no required lists, a property named required kept, nullable folded", () => {
    const set = compile(
      tool("extract", {
        type: "object",
        "x-edgecall-extract": true,
        properties: {
          required: { type: "boolean" },
          address: { type: "object", properties: { city: { type: "string", nullable: true } }, required: ["city"] },
        },
        required: ["required", "address"],
      }),
    );
    expect(set.tools[0]?.fillRequired).toBe(true);
    expect(set.tools[0]?.schema).toEqual({
      type: "object",
      "x-edgecall-extract": true,
      properties: {
        required: { type: "boolean" },
        address: { type: "object", properties: { city: { type: ["string", "null"] } } },
      },
    });
  });
});

describe("compileToolSet: what routes to the origin", () => {
  it("marks origin-only keywords on a slot as unfillable, naming them", () => {
    const set = compile(tool("t", { type: "object", properties: { a: { type: "string", not: { const: "x" } } } }));
    expect(set.tools[0]?.slots[0]?.fill).toEqual({ kind: "unfillable", reason: "keyword 'not'" });
  });

  it("marks recursive references as unfillable instead of looping", () => {
    const set = compile(
      tool("t", {
        type: "object",
        properties: { node: { $ref: "#/$defs/node" } },
        $defs: { node: { type: "object", properties: { child: { $ref: "#/$defs/node" } } } },
      }),
    );
    expect(set.tools[0]?.slots.map((s) => [s.path.join("."), s.fill.kind])).toEqual([["node.child", "unfillable"]]);
  });

  it("marks an object whose required property is undeclared", () => {
    const set = compile(tool("t", { type: "object", properties: { a: { type: "string" } }, required: ["b"] }));
    expect(set.tools[0]?.unfillable).toMatch(/'b'/);
  });
});

describe("compileToolSet: refusals", () => {
  it.each([
    [{ type: "object", properties: { a: { $dynamicRef: "#x" } } }, "$dynamicRef"],
    [{ type: "object", properties: { a: { $ref: "https://example.com/s.json" } } }, "$ref"],
    [{ type: "object", properties: { a: { $ref: "#/$defs/missing" } } }, "$ref"],
    [{ type: "object", properties: { a: { type: "dict" } } }, "type"],
    [{ type: "object", properties: { a: { type: "string", minLength: -1 } } }, "minLength"],
    [{ type: "object", properties: { a: { type: "string", pattern: "(" } } }, "pattern"],
    [{ type: "string" }, "type"],
  ])("refuses %j naming %s", (parameters, keyword) => {
    const attempt = (): unknown => compile(tool("t", parameters as never));
    expect(attempt).toThrow(UnsupportedSchemaError);
    try {
      attempt();
    } catch (error) {
      expect((error as UnsupportedSchemaError).keyword).toBe(keyword);
      expect((error as UnsupportedSchemaError).param).toMatch(/^tools\[0\]\.function\.parameters/);
      expect((error as UnsupportedSchemaError).message).toContain(keyword);
    }
  });

  it("refuses duplicate tool names", () => {
    expect(() => compile(tool("t", {}), tool("t", {}))).toThrow(InvalidToolsError);
  });

  it("ignores annotations and unknown keywords", () => {
    const set = compile(
      tool("t", { type: "object", properties: { a: { type: "string", title: "A", examples: ["x"], "x-internal": true, optional: true } } }),
    );
    expect(set.tools[0]?.slots[0]?.fill.kind).toBe("span");
  });
});
