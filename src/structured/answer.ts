/**
 * The edge's extraction judged: the reader's call completed (./complete.ts) and validated against the response
 * schema, or the reason the edge cannot answer (then the origin, or a refusal).
 */
import type { ToolCallResult } from "../caller/types.js";
import { foldNullable } from "../tools/compile.js";
import type { JSONSchema } from "../tools/schema-types.js";
import { validateAgainst, type ValidationOutcome } from "../validate/validator.js";
import { completeAnswer } from "./complete.js";

export type Extraction =
  /** `unstated`: required strings the text does not state, answered "" (the origin is asked instead when configured). */
  { kind: "answer"; content: string; unstated: string[]; confidence: number } | { kind: "unfilled"; reason: string; confidence: number };

/** A response schema's validator: validateAgainst (no code generation) unless a registered one is given. */
export type SchemaCheck = (value: unknown) => ValidationOutcome;

const folded = new WeakMap<object, JSONSchema>();

export function requestTimeCheck(schema: JSONSchema): SchemaCheck {
  return (value) => {
    let target = folded.get(schema);
    if (target === undefined) {
      const { $schema: _dialect, ...rest } = foldNullable(schema) as JSONSchema;
      target = rest;
      folded.set(schema, target);
    }
    return validateAgainst(target, value);
  };
}

export function judgeExtraction(result: ToolCallResult, schema: JSONSchema, check: SchemaCheck): Extraction {
  const { confidence } = result;
  if (result.kind === "not_expressible") return { kind: "unfilled", reason: result.reason, confidence };
  if (result.kind !== "calls") return { kind: "unfilled", reason: "the reader found nothing to extract", confidence };
  const read = result.calls[0]?.arguments ?? {};
  const completed = completeAnswer(schema as Record<string, unknown>, read);
  if (completed.kind === "unfillable") return { kind: "unfilled", reason: `no value for '${completed.path}' in the conversation`, confidence };
  const verdict = check(completed.value);
  if (!verdict.valid) return { kind: "unfilled", reason: `the reading does not validate (${verdict.errors.join("; ")})`, confidence };
  return { kind: "answer", content: JSON.stringify(completed.value), unstated: completed.unstated, confidence };
}
