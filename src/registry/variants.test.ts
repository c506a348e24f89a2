/** The guard's tool lists of a registered set: every combination of its high-risk tools held back, order kept. */
import { describe, expect, it } from "vitest";
import type { ToolDefinition } from "../caller/types.js";
import { DEFAULT_RISK_SETTINGS, isHighRisk } from "../risk/policy.js";
import { guardVariants, MAX_VARIANT_TOOLS } from "./variants.js";

const tool = (name: string): ToolDefinition => ({ type: "function", function: { name, parameters: { type: "object", properties: {} } } });
const names = (tools: ToolDefinition[]): string[] => tools.map((t) => t.function.name);
const risky = (t: ToolDefinition): boolean => isHighRisk(t, DEFAULT_RISK_SETTINGS);

describe("guardVariants", () => {
  it("lists the set, then every combination of its high-risk tools left out, in the set's order", () => {
    const variants = guardVariants([tool("get_order"), tool("cancel_order"), tool("track"), tool("refund_order")], risky);
    expect(variants.map((v) => names(v.tools))).toEqual([
      ["get_order", "cancel_order", "track", "refund_order"],
      ["get_order", "track", "refund_order"],
      ["get_order", "cancel_order", "track"],
      ["get_order", "track"],
    ]);
    expect(variants.map((v) => v.heldBack)).toEqual([[], ["cancel_order"], ["refund_order"], ["cancel_order", "refund_order"]]);
  });

  it("skips a list left empty, and beyond the bound keeps only the set and all of them left out", () => {
    expect(guardVariants([tool("cancel_order")], risky).map((v) => names(v.tools))).toEqual([["cancel_order"]]);
    const many = [tool("search"), ...Array.from({ length: MAX_VARIANT_TOOLS + 1 }, (_, i) => tool(`delete_${i}`))];
    expect(guardVariants(many, risky).map((v) => v.heldBack.length)).toEqual([0, MAX_VARIANT_TOOLS + 1]);
  });
});
