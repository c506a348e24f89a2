/**
 * The answer's calls across tools: the planned tools' calls, surest first, and the calls the count head doubts that
 * the text still supports. Each rule here is a pass of the assemble stage (src/decode/passes.ts).
 */
import type { DecodedCall, ToolCallResult } from "../../caller/types.js";
import type { SerializedConversation } from "../../model/serialize.js";
import type { CompiledTool, CompiledToolSet } from "../../tools/types.js";
import { calledProbability, countProbabilities, type PlannedCalls } from "../read/choose.js";
import { argmax, type Heads } from "../read/heads.js";
import { overlaps, type Span } from "../read/spans.js";
import { thresholds } from "../settings.js";
import { decodeTool, type ToolOutcome } from "./tool.js";

/**
 * restates: whether a tool's values all come from spans that a surer tool's values already came from: the two tools
 * are two readings of one request ("add a postgres server MainDB" read by add_postgres_server and add_mysql_server),
 * and the less sure one is left out, whether it would be called or would ask for a missing argument. A tool with a
 * value of its own stays ("the cost of 50 shares of Apple, and the dividend on them at $1.30").
 */
export function restates(sources: readonly Span[], taken: readonly Span[]): boolean {
  return sources.length > 0 && sources.every((s) => taken.some((t) => overlaps(s, t)));
}

/** Surest tools first, so that a tool restating another's values is the less sure one ("list all openai servers": list_servers, not add_postgres_server asking for its host). */
export function surestFirst(planned: readonly PlannedCalls[]): PlannedCalls[] {
  return [...planned].sort((a, b) => b.called - a.called);
}

/**
 * missing-as-one-call: several calls that all lack a required value are read again as one call, whose required slots
 * may take a likely span the action head doubts ("patient with id 546382" read as two calls asked for the id).
 */
export function asOneCall(
  outcome: ToolOutcome,
  planned: PlannedCalls,
  heads: Heads,
  conversation: SerializedConversation,
  parallel: boolean,
  set: CompiledToolSet,
): ToolOutcome {
  if (outcome.kind !== "missing" || planned.count <= 1) return outcome;
  const single = decodeTool(planned.tool, 1, planned.probability, heads, conversation, parallel, set.elements);
  return single.kind === "calls" ? single : outcome;
}

/** Whether a call reads one value at least, each at least no_call_rescue_argument sure. */
function surelyRead(call: DecodedCall): boolean {
  const floor = thresholds().no_call_rescue_argument;
  return Object.keys(call.arguments).length > 0 && Object.values(call.argument_confidence).every((p) => p >= floor);
}

/**
 * no-call-rescue: when no tool's count head reaches a call, the likeliest tool is still called when it is called with
 * probability at least no_call_rescue_called and every argument it reads, one at least, is no_call_rescue_argument
 * sure: the request is for it, worded in a way the count head doubts ("麻烦联系客服" with its topic and message;
 * "what's the weather like in Riga, Latvia"). With parallel calls allowed, it is called as many times as the count
 * head's likeliest count above zero ("trace shipment A and B": two calls).
 */
export function likelyCall(set: CompiledToolSet, heads: Heads, conversation: SerializedConversation, perValue: boolean): ToolCallResult | null {
  let best: { tool: CompiledTool; called: number } | null = null;
  for (const tool of set.tools) {
    const called = calledProbability(heads, tool);
    if (!best || called > best.called) best = { tool, called };
  }
  if (!best || best.called < thresholds().no_call_rescue_called) return null;
  const count = perValue ? argmax(countProbabilities(heads, best.tool), 1) : 1;
  const outcome = decodeTool(best.tool, count, best.called, heads, conversation, perValue, set.elements);
  if (outcome.kind !== "calls") return null;
  return outcome.calls.every(surelyRead) ? { kind: "calls", calls: outcome.calls, confidence: best.called * outcome.probability } : null;
}

/**
 * beside-calls: the tools the count head doubts that are still called beside the planned ones: each at least
 * beside_called likely, read as one call whose every value (one at least) is no_call_rescue_argument sure and comes
 * from spans no planned tool took ("Please trace shipment UQS-69360 ... remember item E8806211": add_to_wishlist
 * beside track_shipment).
 */
export function otherLikelyCalls(
  set: CompiledToolSet,
  heads: Heads,
  conversation: SerializedConversation,
  planned: ReadonlySet<CompiledTool>,
  taken: Span[],
): DecodedCall[] {
  const calls: DecodedCall[] = [];
  const least = thresholds().beside_called;
  for (const tool of set.tools) {
    if (planned.has(tool)) continue;
    const called = calledProbability(heads, tool);
    if (called < least) continue;
    const outcome = decodeTool(tool, 1, called, heads, conversation, false, set.elements);
    if (outcome.kind !== "calls" || outcome.sources.length === 0 || outcome.sources.some((s) => taken.some((t) => overlaps(s, t)))) continue;
    if (!outcome.calls.every(surelyRead)) continue;
    taken.push(...outcome.sources);
    calls.push(...outcome.calls);
  }
  return calls;
}
