/**
 * The second guard: every call is validated against its tool's parameters schema before it leaves. Uses
 * @cfworker/json-schema, which needs no code generation (AJV's compile is refused inside workerd at request time).
 */
import { Validator } from "@cfworker/json-schema";
import type { JSONSchema } from "../tools/schema-types.js";

export interface ValidationOutcome {
  valid: boolean;
  /** Human-readable problems, `instanceLocation: message`. */
  errors: string[];
}

const validators = new WeakMap<object, Validator>();

function validatorFor(schema: JSONSchema): Validator {
  let validator = validators.get(schema);
  if (!validator) {
    validator = new Validator(schema as never, "2020-12", false);
    validators.set(schema, validator);
  }
  return validator;
}

/** Validates a value against a schema; validators are cached per schema object. */
export function validateAgainst(schema: JSONSchema, value: unknown): ValidationOutcome {
  const result = validatorFor(schema).validate(value);
  return {
    valid: result.valid,
    errors: result.errors.map((error) => `${error.instanceLocation || "#"}: ${error.error}`),
  };
}
