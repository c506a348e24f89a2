/**
 * What the calibrator reads about one answer: the request's shape and the decoder's own scores. One definition,
 * used by the caller at request time and by the eval CLI when it writes the features that training/calibrate.py
 * fits on, so the two can never disagree. Every feature is a plain number; the order is CALIBRATION_FEATURES.
 */
import type { ChatMessage, ToolCallRequest, ToolCallResult } from "../caller/types.js";

export const CALIBRATION_FEATURES = [
  "bias",
  "kind_calls",
  "kind_missing",
  "kind_no_call",
  "kind_not_expressible",
  "logit_confidence",
  "logit_min_argument",
  "calls",
  "arguments",
  "log_tools",
  "log_user_bytes",
  "turns",
  "after_tool_result",
  "non_ascii_share",
] as const;

export type CalibrationFeature = (typeof CALIBRATION_FEATURES)[number];

const LOGIT_LIMIT = 12;

export function logit(p: number): number {
  const q = Math.min(1 - 1e-6, Math.max(1e-6, p));
  return Math.max(-LOGIT_LIMIT, Math.min(LOGIT_LIMIT, Math.log(q / (1 - q))));
}

function lastUserText(messages: readonly ChatMessage[]): string {
  for (let i = messages.length - 1; i >= 0; i -= 1) {
    const m = messages[i];
    if (m?.role === "user") return m.content ?? "";
  }
  return "";
}

function nonAsciiShare(text: string): number {
  if (text.length === 0) return 0;
  let n = 0;
  for (const ch of text) if (ch.charCodeAt(0) > 127) n += 1;
  return n / [...text].length;
}

/** The feature vector of one answer (uncalibrated `result.confidence`), in CALIBRATION_FEATURES order. */
export function calibrationFeatures(request: ToolCallRequest, result: ToolCallResult): number[] {
  const text = lastUserText(request.messages);
  const calls = result.kind === "calls" ? result.calls : [];
  const argumentScores = calls.flatMap((call) => Object.values(call.argument_confidence));
  const values: Record<CalibrationFeature, number> = {
    bias: 1,
    kind_calls: result.kind === "calls" ? 1 : 0,
    kind_missing: result.kind === "missing" ? 1 : 0,
    kind_no_call: result.kind === "no_call" ? 1 : 0,
    kind_not_expressible: result.kind === "not_expressible" ? 1 : 0,
    logit_confidence: logit(result.confidence),
    logit_min_argument: argumentScores.length === 0 ? 0 : logit(Math.min(...argumentScores)),
    calls: calls.length,
    arguments: calls.reduce((n, call) => n + Object.keys(call.arguments).length, 0),
    log_tools: Math.log1p(request.tools.length),
    log_user_bytes: Math.log1p(new TextEncoder().encode(text).length),
    turns: Math.min(10, request.messages.filter((m) => m.role === "user").length),
    after_tool_result: request.messages.at(-1)?.role === "tool" ? 1 : 0,
    non_ascii_share: nonAsciiShare(text),
  };
  return CALIBRATION_FEATURES.map((name) => values[name]);
}
