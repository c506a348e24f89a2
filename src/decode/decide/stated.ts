/**
 * A slot decision for a value the text states outright (named, assigned, mentioned): the same value in each of the
 * calls, with probability 1; an array is copied per call.
 */
import type { SlotDecision } from "../types.js";

export function stated(value: unknown, n: number): SlotDecision {
  const copy = () => (Array.isArray(value) ? [...(value as unknown[])] : value);
  return { kind: "filled", values: Array.from({ length: n }, copy), probabilities: Array.from({ length: n }, () => 1) };
}
