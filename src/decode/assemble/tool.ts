/**
 * One tool's calls from its slot decisions: the slots decided (decide stage) for the planned number of calls, then
 * the assemble passes (assemble/passes.ts) in their declared order, then the arguments built from the decisions.
 */
import type { DecodedCall } from "../../caller/types.js";
import type { SerializedConversation } from "../../model/serialize.js";
import type { CompiledTool, ObjectNode, SchemaElement } from "../../tools/types.js";
import { decideSlot } from "../decide/slot.js";
import type { Heads } from "../read/heads.js";
import { markedStarts, type Span } from "../read/spans.js";
import { runs, thresholds } from "../settings.js";
import type { SlotDecision } from "../types.js";
import { withoutRepeats } from "./distinct.js";
import { shareAcrossCalls } from "./parallel.js";
import { ONE_CALL_PASSES, PER_VALUE_PASSES, VALUE_PASSES } from "./passes.js";

export type ToolOutcome =
  /** `probability`: of this tool's slot decisions, without its count decision; `sources`: the spans its values come from. */
  | { kind: "calls"; calls: DecodedCall[]; probability: number; sources: Span[] }
  | { kind: "missing"; parameters: string[]; probability: number; sources: Span[] }
  | { kind: "not_expressible"; reason: string };

function isPrefix(prefix: readonly string[], path: readonly string[]): boolean {
  return prefix.length < path.length && prefix.every((key, i) => path[i] === key);
}

/** Sets an own property (`__proto__` and `constructor` are ordinary keys here, never the prototype). */
function setOwn(node: Record<string, unknown>, key: string, value: unknown): void {
  Object.defineProperty(node, key, { value, writable: true, enumerable: true, configurable: true });
}

function setPath(target: Record<string, unknown>, path: readonly string[], value: unknown): void {
  let node = target;
  for (const key of path.slice(0, -1)) {
    const next = Object.hasOwn(node, key) ? node[key] : undefined;
    if (typeof next === "object" && next !== null && !Array.isArray(next)) node = next as Record<string, unknown>;
    else {
      const created: Record<string, unknown> = {};
      setOwn(node, key, created);
      node = created;
    }
  }
  setOwn(node, path[path.length - 1] as string, value);
}

/**
 * The decisions of a tool the count head calls once. agreeing-slots: it is called once per value when several slots
 * agree on how many values they hold ("a house of 3000 sq ft in New York and 4000 sq ft in Los Angeles" is two calls);
 * tried only when a slot points at two spans or more. Otherwise one call (ONE_CALL_PASSES), or with parallel calls
 * allowed one per item of a listed value (PER_VALUE_PASSES).
 */
function oneOrAgreed(
  tool: CompiledTool,
  decide: (n: number) => SlotDecision[],
  parallel: boolean,
  heads: Heads,
  conversation: SerializedConversation,
): { decisions: SlotDecision[]; count: number } {
  const pointsTwice = () => tool.slots.some((slot) => slot.fill.kind === "span" && markedStarts(conversation, heads.start, slot.element) > 1);
  if (parallel && runs("agreeing-slots") && pointsTwice()) {
    const trial = shareAcrossCalls(tool.slots, decide(2), 2, conversation);
    if (trial.count > 1 && trial.agreeing >= thresholds().agreeing_slots_min) return trial;
  }
  let single = decide(1);
  for (const pass of ONE_CALL_PASSES) if (runs(pass.id)) single = pass.run(tool.slots, single, conversation);
  if (!parallel) return { decisions: single, count: 1 };
  for (const pass of PER_VALUE_PASSES) {
    if (!runs(pass.id)) continue;
    const perValue = pass.run(tool.slots, single, conversation);
    if (perValue) return perValue;
  }
  return { decisions: single, count: 1 };
}

/**
 * one-span-twice: whether call c of several gives one span to two slots (a slot's value for call c comes from its
 * c-th source, or its last one when it has fewer, as spreadOverCalls spreads them): "a stock bought at $20, sold at
 * $25" read as two calls, the second buying and selling at 25. Such a call reads one value twice and is left out
 * while another call remains.
 */
export function readsOneSpanTwice(decisions: readonly SlotDecision[], c: number, count: number): boolean {
  if (count < 2) return false;
  const spans = decisions.flatMap((d) =>
    d.kind === "filled" && d.sources && d.sources.length > 0 ? [d.sources[Math.min(c, d.sources.length - 1)] as Span] : [],
  );
  return spans.some((a, j) => spans.some((b, k) => k > j && a.start === b.start && a.end === b.end));
}

export function decodeTool(
  tool: CompiledTool,
  planned: number,
  countP: number,
  heads: Heads,
  conversation: SerializedConversation,
  parallel: boolean,
  elements: readonly SchemaElement[],
  unasked = false,
): ToolOutcome {
  if (tool.unfillable) return { kind: "not_expressible", reason: `${tool.name}: ${tool.unfillable}` };
  const fillRequired = tool.fillRequired === true;
  const decide = (n: number) =>
    tool.slots.map((slot) => decideSlot(slot, elements[slot.element] as SchemaElement, heads, conversation, n, { fillRequired, unasked }));
  const shared =
    planned > 1 ? shareAcrossCalls(tool.slots, decide(planned), planned, conversation) : oneOrAgreed(tool, decide, parallel, heads, conversation);
  const count = shared.count;
  let decisions = shared.decisions;
  for (const pass of VALUE_PASSES) if (runs(pass.id)) decisions = pass.run(tool.slots, decisions, conversation, count, elements);
  const filled = (decision: SlotDecision): boolean => decision.kind === "filled" && decision.automatic !== true;

  // An object is present when something under it is filled, or when it is required and its parent is present.
  const present = new Map<ObjectNode, boolean>();
  const parentPresent = (path: readonly string[]): boolean => {
    let parent: ObjectNode | undefined;
    for (const node of tool.objects) if (isPrefix(node.path, path) && (!parent || node.path.length > parent.path.length)) parent = node;
    return parent ? present.get(parent) === true : true;
  };
  for (const node of tool.objects) {
    const hasFilled = tool.slots.some((slot, i) => isPrefix(node.path, slot.path) && filled(decisions[i] as SlotDecision));
    const required = node.requiredChain[node.requiredChain.length - 1] === true;
    present.set(node, hasFilled || (required && parentPresent(node.path)));
  }

  const missing: string[] = [];
  // Probability of the slot decisions shared by every call of this tool (absent / unread slots).
  let probability = 1;
  for (let i = 0; i < tool.slots.length; i++) {
    const slot = tool.slots[i] as (typeof tool.slots)[number];
    const decision = decisions[i] as SlotDecision;
    const path = slot.path.join(".");
    const required = slot.requiredChain[slot.requiredChain.length - 1] === true && parentPresent(slot.path);
    switch (decision.kind) {
      case "not_expressible":
        return { kind: "not_expressible", reason: `${tool.name}.${path}: ${decision.reason}` };
      case "unreadable":
        if (required) return { kind: "not_expressible", reason: `${tool.name}.${path}: ${decision.reason}` };
        probability *= 1 - decision.probability;
        break;
      case "absent":
        if (required) missing.push(path);
        probability *= decision.probability;
        break;
      case "filled":
        break;
    }
  }
  for (const node of tool.objects) {
    if (present.get(node) && node.unfillable) {
      return { kind: "not_expressible", reason: `${tool.name}.${node.path.join(".")}: ${node.unfillable}` };
    }
  }
  const sources = decisions.flatMap((d) => (d.kind === "filled" && !d.automatic ? (d.sources ?? []) : []));
  // An extraction answers with what it read; src/structured completes or refuses the rest.
  if (missing.length > 0 && !fillRequired) return { kind: "missing", parameters: missing, probability, sources };

  const calls: DecodedCall[] = [];
  let total = probability;
  const twice = runs("one-span-twice");
  const kept = Array.from({ length: count }, (_, c) => c).filter((c) => !(twice && readsOneSpanTwice(decisions, c, count)));
  for (const c of kept.length > 0 ? kept : [0]) {
    const args: Record<string, unknown> = {};
    for (const node of tool.objects) if (present.get(node)) setPath(args, node.path, {});
    const confidences: Record<string, number> = {};
    let confidence = countP * probability;
    tool.slots.forEach((slot, i) => {
      const decision = decisions[i] as SlotDecision;
      if (decision.kind !== "filled" || (decision.automatic && !parentPresent(slot.path)) || decision.values[c] === undefined) return;
      setPath(args, slot.path, decision.values[c]);
      const p = decision.probabilities[c] as number;
      confidences[slot.path.join(".")] = p;
      confidence *= p;
      total *= p;
    });
    calls.push({ name: tool.name, arguments: args, confidence, argument_confidence: confidences });
  }
  return { kind: "calls", calls: runs("without-repeats") ? withoutRepeats(calls) : calls, probability: total, sources };
}
