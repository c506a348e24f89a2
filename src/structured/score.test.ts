import { describe, expect, it } from "vitest";
import { fieldScores, formatSummary, scoreCase, summarize, type ExtractionCase } from "./score.js";

const item = (id: string, category: string, expected: Record<string, unknown>, lang = "en"): ExtractionCase => ({
  id,
  category,
  lang,
  messages: [{ role: "user", content: "x" }],
  schema_name: category,
  schema: { type: "object" },
  expected,
});

const order = item("o1", "order", { customer: { name: "Ann", email: null }, order_id: "A-1", items: ["mug", "lamp"], qty: 2 });

describe("fieldScores", () => {
  it("walks nested objects by path and compares arrays and scalars as whole values", () => {
    const got = { customer: { name: "Ann", email: "ann@x" }, order_id: "A-1", items: ["lamp", "mug"], qty: 2 };
    expect(fieldScores(order.expected, got).map((f) => [f.path, f.right])).toEqual([
      ["customer.name", true],
      ["customer.email", false],
      ["order_id", true],
      ["items", false],
      ["qty", true],
    ]);
  });
  it("counts a missing field as wrong, also where null is expected, and a number is not its string", () => {
    expect(fieldScores({ a: null, b: 2 }, { b: "2" }).map((f) => f.right)).toEqual([false, false]);
    expect(fieldScores({ a: null }, null).map((f) => f.right)).toEqual([false]);
  });
});

describe("scoreCase and summarize", () => {
  it("exact needs the whole object, key order aside; refusals and errors are unanswered and invalid", () => {
    const right = { qty: 2, items: ["mug", "lamp"], order_id: "A-1", customer: { email: null, name: "Ann" } };
    expect(scoreCase(order, { kind: "content", value: right, valid: true })).toMatchObject({ answered: true, valid: true, exact: true });
    expect(scoreCase(order, { kind: "content", value: { ...right, extra: 1 }, valid: false })).toMatchObject({ valid: false, exact: false });
    expect(scoreCase(order, { kind: "refusal", reason: "no value" })).toMatchObject({ answered: false, valid: false, exact: false });
    expect(scoreCase(order, { kind: "error", status: 400, message: "bad" }).fields.every((f) => !f.right)).toBe(true);
  });
  it("tallies exact and per-field accuracy overall, per category, language and field", () => {
    const address = item("a1", "address", { city: "Paris", zip: "75001" }, "zh");
    const scores = [
      scoreCase(address, { kind: "content", value: { city: "Paris", zip: "75001" }, valid: true }),
      scoreCase(item("a2", "address", { city: "Lyon", zip: "69001" }), { kind: "content", value: { city: "Lyon", zip: "" }, valid: true }),
      scoreCase(order, { kind: "refusal", reason: "no" }),
    ];
    const summary = summarize(scores);
    expect(summary.all).toEqual({ cases: 3, answered: 2, valid: 2, exact: 1, fieldsRight: 3, fields: 9 });
    expect(summary.byCategory.address).toEqual({ cases: 2, answered: 2, valid: 2, exact: 1, fieldsRight: 3, fields: 4 });
    expect(summary.byLang.zh).toMatchObject({ cases: 1, exact: 1 });
    expect(summary.byField.zip).toEqual({ right: 1, total: 2 });
    expect(summary.byField["customer.name"]).toEqual({ right: 0, total: 1 });
    expect(formatSummary(summary).at(-1)).toBe("overall: exact 1/3 (33.3%), fields 3/9 (33.3%), schema-valid 2/2 answered, 2/3 answered");
  });
});
