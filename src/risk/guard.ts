/**
 * The guards around any ToolCaller, at the seam between the API and the model:
 * - agent loops end: after tool results, a call already made (same tool, same arguments) or to a tool already
 *   answered since the user last spoke is not made again; with nothing left the answer says the result is ready;
 * - system and developer messages are instructions, never a source of argument values;
 * - high-risk tools (./policy.ts) are offered to the model only when the user's latest words ask for their action
 *   (./evidence.ts), and a high-risk call is made only when each value is in the sentence that asks for it, id
 *   parameters hold ids, and its confidence clears the stricter floor; otherwise the missing-argument question;
 * - with the HIGH_RISK_LIMITER binding, high-risk calls over the tenant's rate limit are not made (./rate-limit.ts).
 */
import type { DecodedCall, MissingArguments, ToolCaller, ToolCallRequest, ToolCallResult, ToolDefinition } from "../caller/types.js";
import { canonical, instructionText, latestUserText, mentions, pastCalls, valueText } from "./conversation.js";
import { asksFor, namesAction, sentences } from "./evidence.js";
import { isHighRisk, type RiskSettings } from "./policy.js";
import { withinRateLimit } from "./rate-limit.js";
import { isIdParameter, leafValues, looksLikeId, stringValues } from "./values.js";

function requiredOf(tool: ToolDefinition | undefined): string[] {
  const required = tool?.function.parameters?.required;
  return Array.isArray(required) ? required.filter((r): r is string => typeof r === "string") : [];
}

function withoutPath(args: Record<string, unknown>, path: string): Record<string, unknown> {
  const [head, ...rest] = path.split(".");
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(args)) {
    const keep =
      key !== head
        ? value
        : rest.length > 0 && typeof value === "object" && value !== null
          ? withoutPath(value as Record<string, unknown>, rest.join("."))
          : undefined;
    if (keep !== undefined) Object.defineProperty(out, key, { value: keep, writable: true, enumerable: true, configurable: true });
  }
  return out;
}

type Checked = { call: DecodedCall } | { missing: MissingArguments };

/** Drops values taken from the instructions; a required one dropped makes the call a question. */
function withoutInstructionValues(call: DecodedCall, tool: ToolDefinition | undefined, request: ToolCallRequest): Checked {
  const instructions = instructionText(request.messages);
  if (instructions === "") return { call };
  const said = valueText(request.messages);
  let args = call.arguments;
  const missing: string[] = [];
  for (const [path, value] of stringValues(call.arguments)) {
    if (!mentions(instructions, value) || mentions(said, value)) continue;
    args = withoutPath(args, path);
    if (requiredOf(tool).includes(path.split(".")[0] ?? path)) missing.push(path);
  }
  if (missing.length > 0) return { missing: { name: call.name, parameters: missing } };
  return { call: { ...call, arguments: args } };
}

/** The evidence a high-risk call needs; the parameters that lack it (all required ones when confidence is low). */
function unsupportedValues(call: DecodedCall, tool: ToolDefinition | undefined, userText: string, settings: RiskSettings): string[] {
  const asking = sentences(userText).filter((s) => namesAction(call.name, s));
  const failing = leafValues(call.arguments)
    .filter(([path, value]) => {
      if (isIdParameter(path) && !looksLikeId(value)) return true;
      if (typeof value !== "string" && typeof value !== "number") return false;
      return !asking.some((sentence) => mentions(sentence, String(value)));
    })
    .map(([path]) => path);
  if (failing.length > 0) return failing;
  if (call.confidence < settings.minConfidence) return requiredOf(tool).length > 0 ? requiredOf(tool) : Object.keys(call.arguments);
  return [];
}

function ready(names: readonly string[], confidence: number): ToolCallResult {
  return { kind: "no_call", confidence, notes: { tool_results_ready: [...new Set(names)] } };
}

function checked(request: ToolCallRequest, result: ToolCallResult, settings: RiskSettings, heldBack: readonly string[]): ToolCallResult {
  const past = pastCalls(request.messages);
  const afterResults = past.answeredThisTurn.length > 0;
  const note = (r: ToolCallResult): ToolCallResult => (heldBack.length > 0 ? { ...r, notes: { ...r.notes, held_back: [...heldBack] } } : r);
  if (result.kind !== "calls")
    return afterResults
      ? ready(
          past.answeredThisTurn.map((c) => c.name),
          result.confidence,
        )
      : note(result);

  const byName = new Map(request.tools.map((tool) => [tool.function.name, tool]));
  const userText = latestUserText(request.messages);
  const answered = new Set(past.answeredThisTurn.map((c) => c.name));
  const made = new Set(past.all.map((c) => `${c.name}\n${c.key}`));
  const calls: DecodedCall[] = [];
  const missing: MissingArguments[] = [];
  for (const original of result.calls) {
    if (made.has(`${original.name}\n${canonical(original.arguments)}`) || (afterResults && answered.has(original.name))) continue;
    const tool = byName.get(original.name);
    const cleaned = withoutInstructionValues(original, tool, request);
    if ("missing" in cleaned) {
      missing.push(cleaned.missing);
      continue;
    }
    if (tool !== undefined && isHighRisk(tool, settings)) {
      const failing = unsupportedValues(cleaned.call, tool, userText, settings);
      if (failing.length > 0) {
        missing.push({ name: original.name, parameters: failing });
        continue;
      }
    }
    calls.push(cleaned.call);
  }
  if (calls.length > 0) return note({ kind: "calls", calls, confidence: result.confidence });
  if (afterResults)
    return ready(
      past.answeredThisTurn.map((c) => c.name),
      result.confidence,
    );
  if (missing.length > 0) return note({ kind: "missing", missing, confidence: result.confidence });
  return note({ kind: "no_call", confidence: result.confidence });
}

export function guardCaller(inner: ToolCaller, settings: RiskSettings): ToolCaller {
  return {
    id: inner.id,
    async call(request: ToolCallRequest): Promise<ToolCallResult> {
      const userText = latestUserText(request.messages);
      const highRisk = new Set(request.tools.filter((tool) => isHighRisk(tool, settings)).map((tool) => tool.function.name));
      const heldBack = [...highRisk].filter((name) => !asksFor(name, userText));
      const choice = request.tool_choice;
      const tools = request.tools.filter((tool) => !heldBack.includes(tool.function.name));
      if (heldBack.length > 0 && (tools.length === 0 || (typeof choice === "object" && heldBack.includes(choice.function.name)))) {
        return checked(request, { kind: "no_call", confidence: 1 }, settings, heldBack);
      }
      const result = await inner.call(heldBack.length > 0 ? { ...request, tools } : request);
      const out = checked(request, result, settings, heldBack);
      const limited = await withinRateLimit(out, (name) => highRisk.has(name), settings.rateLimit);
      // the inner caller's own notes (the reader's truncation) stay on the answer
      return result.notes === undefined ? limited : { ...limited, notes: { ...result.notes, ...limited.notes } };
    },
  };
}
