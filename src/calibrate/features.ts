/**
 * What the calibrator reads about one answer: the request's shape and the decoder's own scores. One definition,
 * used by the caller at request time and by the eval CLI when it writes the features that training/calibrate.py
 * fits on, so the two can never disagree. Every feature is a plain number; the order is CALIBRATION_FEATURES.
 */
import type { ChatMessage, ToolCallRequest, ToolCallResult, ToolDefinition } from "../caller/types.js";

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
  "best_name_overlap",
  "answered_name_overlap",
  "answered_description_matches",
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
  const chars = [...text];
  return chars.length === 0 ? 0 : chars.filter((ch) => ch.charCodeAt(0) > 127).length / chars.length;
}

const CJK = /[\u3400-\u9fff\uf900-\ufaff]/u;

/**
 * The words a text is matched on: Latin words of four letters or more, cut to their first five (a crude stem that
 * joins "cancel"/"cancellation", "order"/"orders"), split at underscores and camelCase; each CJK character alone.
 */
export function matchWords(text: string): Set<string> {
  const out = new Set<string>();
  const spaced = text.replace(/([a-z])([A-Z])/g, "$1 $2").toLowerCase();
  for (const word of spaced.split(/[^\p{L}\p{N}]+|_/u)) {
    if (/^[a-z]{4,}$/.test(word)) out.add(word.slice(0, 5));
  }
  for (const ch of text) if (CJK.test(ch)) out.add(ch);
  return out;
}

/** A tool's name and description words: what the user's text is compared with. */
export interface ToolWords {
  name: Set<string>;
  description: Set<string>;
}

/** Every tool's words, by tool name. Depends on the tool set only: the caller computes it once per compiled set. */
export function toolWordsOf(tools: readonly ToolDefinition[]): Map<string, ToolWords> {
  return new Map(tools.map((t) => [t.function.name, { name: matchWords(t.function.name), description: matchWords(t.function.description ?? "") }]));
}

/** How much of a tool's wording the user's text contains: the share of its name's words, and how many of its description's. */
function overlap(words: ToolWords, said: ReadonlySet<string>): { name: number; description: number } {
  const count = (set: Set<string>): number => [...set].filter((w) => said.has(w)).length;
  return { name: words.name.size === 0 ? 0 : count(words.name) / words.name.size, description: count(words.description) };
}

/** The feature vector of one answer (uncalibrated `result.confidence`), in CALIBRATION_FEATURES order. */
export function calibrationFeatures(
  request: ToolCallRequest,
  result: ToolCallResult,
  toolWords: ReadonlyMap<string, ToolWords> = toolWordsOf(request.tools),
): number[] {
  const text = lastUserText(request.messages);
  const calls = result.kind === "calls" ? result.calls : [];
  const said = matchWords(text);
  const overlapOf = new Map([...toolWords].map(([name, words]) => [name, overlap(words, said)]));
  const answered = result.kind === "calls" ? calls.map((c) => c.name) : result.kind === "missing" ? result.missing.map((m) => m.name) : [];
  const answeredOverlap = answered.flatMap((name) => overlapOf.get(name) ?? []);
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
    best_name_overlap: Math.max(0, ...[...overlapOf.values()].map((o) => o.name)),
    answered_name_overlap: answeredOverlap.length === 0 ? 0 : Math.min(...answeredOverlap.map((o) => o.name)),
    answered_description_matches: answeredOverlap.length === 0 ? 0 : Math.log1p(Math.min(...answeredOverlap.map((o) => o.description))),
  };
  return CALIBRATION_FEATURES.map((name) => values[name]);
}
