/**
 * Validation of decoded calls against the compiled tool set (by tool name): a registered set's AJV standalone
 * validator (joined with @cfworker/json-schema where they could differ: ./strictest.ts), else @cfworker/json-schema.
 */
import type { DecodedCall } from "../caller/types.js";
import type { CompiledToolSet } from "../tools/types.js";
import { strictest } from "./strictest.js";
import { validateAgainst, type ValidationOutcome } from "./validator.js";

export function validateCall(set: CompiledToolSet, call: DecodedCall): ValidationOutcome {
  const tool = set.tools.find((t) => t.name === call.name);
  if (!tool) return { valid: false, errors: [`#: unknown tool '${call.name}'`] };
  const registered = set.validators?.[call.name];
  return registered !== undefined ? strictest(registered, tool.schema)(call.arguments) : validateAgainst(tool.schema, call.arguments);
}
