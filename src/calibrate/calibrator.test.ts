import { describe, expect, it } from "vitest";
import type { ToolCallRequest, ToolCallResult } from "../caller/types.js";
import { createCalibrator, parseCalibration } from "./calibrator.js";
import { CALIBRATION_FEATURES, calibrationFeatures, logit, matchWords } from "./features.js";

const request: ToolCallRequest = {
  messages: [
    { role: "system", content: "You are a shop assistant." },
    { role: "user", content: "订单A-1042在哪" },
  ],
  tools: [
    { type: "function", function: { name: "get_order_status", parameters: { type: "object", properties: { order_id: { type: "string" } } } } },
    { type: "function", function: { name: "cancel_order" } },
  ],
  tool_choice: "auto",
  parallel_tool_calls: true,
};

const calls: ToolCallResult = {
  kind: "calls",
  calls: [{ name: "get_order_status", arguments: { order_id: "A-1042" }, confidence: 0.8, argument_confidence: { order_id: 0.6 } }],
  confidence: 0.8,
};

function feature(x: number[], name: (typeof CALIBRATION_FEATURES)[number]): number | undefined {
  return x[CALIBRATION_FEATURES.indexOf(name)];
}

describe("calibrationFeatures", () => {
  it("reads the answer's kind, scores and the request's shape", () => {
    const x = calibrationFeatures(request, calls);
    expect(x).toHaveLength(CALIBRATION_FEATURES.length);
    expect(feature(x, "kind_calls")).toBe(1);
    expect(feature(x, "kind_no_call")).toBe(0);
    expect(feature(x, "logit_confidence")).toBeCloseTo(Math.log(0.8 / 0.2), 6);
    expect(feature(x, "logit_min_argument")).toBeCloseTo(Math.log(0.6 / 0.4), 6);
    expect(feature(x, "arguments")).toBe(1);
    expect(feature(x, "log_tools")).toBeCloseTo(Math.log(3), 6);
    expect(feature(x, "log_user_bytes")).toBeCloseTo(Math.log1p(new TextEncoder().encode("订单A-1042在哪").length), 6);
    expect(feature(x, "non_ascii_share")).toBeCloseTo(4 / 10, 6);
    expect(feature(x, "after_tool_result")).toBe(0);
  });

  it("keeps certain scores finite", () => {
    expect(logit(1)).toBeLessThanOrEqual(12);
    expect(logit(0)).toBeGreaterThanOrEqual(-12);
    const x = calibrationFeatures(request, { kind: "no_call", confidence: 1 });
    expect(x.every(Number.isFinite)).toBe(true);
  });
});

describe("createCalibrator", () => {
  it("passes the decoder's score through when the model ships no calibration", () => {
    const calibrator = createCalibrator(undefined);
    expect(calibrator.calibrated).toBe(false);
    expect(calibrator.confidence(calibrationFeatures(request, calls), 0.8)).toBe(0.8);
  });

  it("applies the fitted logistic model", () => {
    const weights = CALIBRATION_FEATURES.map((name) => (name === "bias" ? -1 : name === "logit_confidence" ? 0.5 : 0));
    const calibrator = createCalibrator(parseCalibration({ kind: "logistic", features: [...CALIBRATION_FEATURES], weights }));
    const z = -1 + 0.5 * Math.log(0.8 / 0.2);
    expect(calibrator.calibrated).toBe(true);
    expect(calibrator.confidence(calibrationFeatures(request, calls), 0.8)).toBeCloseTo(1 / (1 + Math.exp(-z)), 9);
  });

  it("refuses a calibration fitted on other features", () => {
    const weights = CALIBRATION_FEATURES.map(() => 0);
    expect(() => parseCalibration({ kind: "logistic", features: ["bias"], weights: [0] })).toThrow(/features must be/);
    expect(() => parseCalibration({ kind: "logistic", features: [...CALIBRATION_FEATURES], weights: weights.slice(1) })).toThrow(/weights must be/);
    expect(() => parseCalibration({ kind: "isotonic", features: [...CALIBRATION_FEATURES], weights })).toThrow(/kind/);
    expect(parseCalibration(undefined)).toBeUndefined();
  });
});

describe("matchWords", () => {
  it("stems Latin words, splits identifiers and keeps each CJK character", () => {
    expect([...matchWords("get_orderStatus: cancel the Orders 订单")].sort()).toEqual(["cance", "order", "statu", "单", "订"].sort());
  });

  it("measures how much of the answered tool's wording the user used", () => {
    const x = calibrationFeatures(request, calls);
    // get_order_status's name words are "order" and "statu"; the text "订单A-1042在哪" has neither
    expect(feature(x, "answered_name_overlap")).toBe(0);
    const english = { ...request, messages: [{ role: "user" as const, content: "What is the status of my order?" }] };
    expect(feature(calibrationFeatures(english, calls), "answered_name_overlap")).toBe(1);
    expect(feature(calibrationFeatures(english, calls), "best_name_overlap")).toBe(1);
    const described = { ...request, tools: [{ type: "function" as const, function: { name: "lookup", description: "Order status and tracking" } }] };
    const lookup: ToolCallResult = {
      kind: "calls",
      calls: [{ name: "lookup", arguments: {}, confidence: 0.9, argument_confidence: {} }],
      confidence: 0.9,
    };
    expect(feature(calibrationFeatures({ ...described, messages: english.messages }, lookup), "answered_description_matches")).toBeCloseTo(
      Math.log1p(2),
      9,
    );
  });
});
