/** Turns the first AJV error of a request into an OpenAI-style 400 naming the offending parameter. */
import type { ErrorObject } from "ajv";
import { ApiError, invalidRequest } from "../errors.js";
import { joinParam, pointerToParam } from "./param-path.js";

function deepest(errors: readonly ErrorObject[]): ErrorObject | undefined {
  let best: ErrorObject | undefined;
  for (const error of errors) {
    if (best === undefined || error.instancePath.length > best.instancePath.length) best = error;
  }
  return best;
}

function quoteList(values: readonly unknown[]): string {
  return values.map((value) => `'${String(value)}'`).join(", ");
}

export function requestValidationError(errors: readonly ErrorObject[] | null | undefined): ApiError {
  const error = deepest(errors ?? []);
  if (error === undefined) return invalidRequest("The request body is invalid.", null);
  const at = pointerToParam(error.instancePath);
  const params = error.params as Record<string, unknown>;
  switch (error.keyword) {
    case "required": {
      const param = joinParam(at, String(params.missingProperty));
      return invalidRequest(`Missing required parameter: '${param}'.`, param, "missing_required_parameter");
    }
    case "additionalProperties": {
      const param = joinParam(at, String(params.additionalProperty));
      return invalidRequest(`Unrecognized request argument supplied: ${param}`, param, "unknown_parameter");
    }
    case "discriminator": {
      const param = joinParam(at, String(params.tag));
      const value = params.tagValue === undefined ? "(missing)" : JSON.stringify(params.tagValue);
      return invalidRequest(`Invalid value for '${param}': ${value} is not supported.`, param, "invalid_value");
    }
    case "type":
      return invalidRequest(`Invalid type for '${at ?? "body"}': expected ${String(params.type)}.`, at, "invalid_type");
    case "enum":
      return invalidRequest(`Invalid value for '${at ?? "body"}': supported values are ${quoteList(params.allowedValues as unknown[])}.`, at);
    case "const":
      return invalidRequest(`Invalid value for '${at ?? "body"}': expected '${String(params.allowedValue)}'.`, at);
    default:
      return invalidRequest(`Invalid value for '${at ?? "body"}': ${error.message ?? "invalid"}.`, at);
  }
}
