/**
 * Type-aware decoding of the heads into the tool caller's answer: calls whose arguments fit their schemas by
 * construction, missing required arguments, no call, or "not expressible at the edge". The stages run in this order
 * (docs/decoding.md): read the heads (read/: which tools, how many calls), decide each slot (decide/, parsing span
 * text as typed values with parse/), assemble each tool's calls and the answer (assemble/), all under the request's
 * constraints (enforce/). The passes of every stage are listed, in order, in passes.ts.
 */
import type { DecodeContext, DecodedCall, MissingArguments, ToolCallResult } from "../caller/types.js";
import type { SerializedConversation } from "../model/serialize.js";
import type { CompiledToolSet } from "../tools/types.js";
import { asOneCall, likelyCall, otherLikelyCalls, restates, surestFirst } from "./assemble/answer.js";
import { decodeTool } from "./assemble/tool.js";
import { callsPerValue, mayAddBeside, mayRescue, noCallAllowed } from "./enforce/constraints.js";
import { planCalls } from "./read/choose.js";
import type { Heads } from "./read/heads.js";
import type { Span } from "./read/spans.js";
import { decodeWith, runs, type DecodeSettings } from "./settings.js";

export function decodeHeads(
  set: CompiledToolSet,
  heads: Heads,
  conversation: SerializedConversation,
  context: DecodeContext,
  settings: DecodeSettings,
): ToolCallResult {
  return decodeWith(settings, () => decodeAnswer(set, heads, conversation, context));
}

function decodeAnswer(set: CompiledToolSet, heads: Heads, conversation: SerializedConversation, context: DecodeContext): ToolCallResult {
  if (noCallAllowed(context)) return { kind: "no_call", confidence: 1 };
  const perValue = callsPerValue(context);
  const plan = planCalls(set, heads, conversation, context);
  if (plan.calls.length === 0 && mayRescue(context) && runs("no-call-rescue")) {
    const rescued = likelyCall(set, heads, conversation, perValue);
    if (rescued) return rescued;
  }
  if (plan.calls.length === 0) return { kind: "no_call", confidence: plan.probability };

  let confidence = plan.probability;
  const calls: DecodedCall[] = [];
  const missing: MissingArguments[] = [];
  const taken: Span[] = [];
  for (const planned of runs("surest-first") ? surestFirst(plan.calls) : plan.calls) {
    let outcome = decodeTool(planned.tool, planned.count, planned.probability, heads, conversation, perValue, set.elements, planned.unasked);
    if (runs("missing-as-one-call")) outcome = asOneCall(outcome, planned, heads, conversation, perValue, set);
    if (outcome.kind === "not_expressible") return { kind: "not_expressible", reason: outcome.reason, confidence };
    if (runs("restates") && restates(outcome.sources, taken)) continue;
    taken.push(...outcome.sources);
    confidence *= outcome.probability;
    if (outcome.kind === "calls") calls.push(...outcome.calls);
    else if (calls.length === 0) missing.push({ name: planned.tool.name, parameters: outcome.parameters });
  }
  if (missing.length > 0) return { kind: "missing", missing, confidence };
  if (mayAddBeside(context) && runs("beside-calls") && calls.length > 0) {
    calls.push(...otherLikelyCalls(set, heads, conversation, new Set(plan.calls.map((p) => p.tool)), taken));
  }
  return { kind: "calls", calls, confidence };
}
