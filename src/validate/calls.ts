/** Validation of decoded calls against the compiled tool set (by tool name). */
import type { DecodedCall } from "../caller/types.js";
import type { CompiledToolSet } from "../tools/types.js";
import { validateAgainst, type ValidationOutcome } from "./validator.js";

export function validateCall(set: CompiledToolSet, call: DecodedCall): ValidationOutcome {
  const tool = set.tools.find((t) => t.name === call.name);
  if (!tool) return { valid: false, errors: [`#: unknown tool '${call.name}'`] };
  return validateAgainst(tool.schema, call.arguments);
}
