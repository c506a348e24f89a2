/**
 * The tool lists under which a registered set reaches the model. The destructive-call guard (src/risk/guard.ts)
 * hands the caller a request's tools less the high-risk ones the user's latest words do not ask for, in their order;
 * a shop set with three high-risk tools therefore arrives as one of eight lists, and only the one where the user asks
 * for all three actions is the set as registered. The build registers each of them (its own key, and encoder
 * vectors computed for exactly that list, so the answers equal the compiled path's).
 */
import type { ToolDefinition } from "../caller/types.js";

/** Up to this many high-risk tools in a set, every combination held back is registered (2^k lists). */
export const MAX_VARIANT_TOOLS = 4;

export interface ToolSetVariant {
  /** Names of the high-risk tools this list leaves out (none: the set as written). */
  heldBack: string[];
  tools: ToolDefinition[];
}

/**
 * The set itself first, then each non-empty combination of its high-risk tools left out (only "all of them" beyond
 * MAX_VARIANT_TOOLS); a list left with no tools is skipped (the guard answers those without the model).
 */
export function guardVariants(tools: readonly ToolDefinition[], isHighRisk: (tool: ToolDefinition) => boolean): ToolSetVariant[] {
  const risky = tools.filter(isHighRisk).map((tool) => tool.function.name);
  const combinations: string[][] = [[]];
  if (risky.length <= MAX_VARIANT_TOOLS) {
    for (let mask = 1; mask < 1 << risky.length; mask++) combinations.push(risky.filter((_, i) => (mask & (1 << i)) !== 0));
  } else {
    combinations.push(risky);
  }
  return combinations
    .map((heldBack) => ({ heldBack, tools: tools.filter((tool) => !heldBack.includes(tool.function.name)) }))
    .filter((variant) => variant.tools.length > 0);
}
