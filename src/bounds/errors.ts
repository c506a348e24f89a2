/** A request over one of the cost limits: a 400 naming the limit and where in the request it was crossed. */
import { ToolSetError } from "../tools/errors.js";
import type { LimitName } from "./limits.js";

export class LimitExceededError extends ToolSetError {
  override readonly name = "LimitExceededError";
  constructor(
    readonly limit: LimitName,
    readonly value: number,
    param: string,
    what: string,
  ) {
    super(`${what} at ${param} exceeds the limit ${limit} = ${value}.`, param, "limit_exceeded");
  }
}

/** A `pattern` the linear-time engine cannot run (backreferences, lookaround) or that is not a regular expression. */
export class UnsafePatternError extends ToolSetError {
  override readonly name = "UnsafePatternError";
  constructor(param: string, detail: string) {
    super(
      `Unsupported pattern at ${param}: ${detail}. Patterns must be RE2 syntax (no backreferences or lookaround), so they run in linear time.`,
      param,
      "unsupported_pattern",
    );
  }
}

/** A schema key that is not well-formed Unicode (a lone surrogate): no JSON pointer or URI can name it. */
export class MalformedKeyError extends ToolSetError {
  override readonly name = "MalformedKeyError";
  constructor(param: string) {
    super(`A key in the schema at ${param} is not well-formed Unicode (it holds a lone surrogate).`, param, "invalid_key");
  }
}

/** A `$ref` that cannot be followed: not local, a bad percent-escape, or pointing at nothing. */
export class BadReferenceError extends ToolSetError {
  override readonly name = "BadReferenceError";
  constructor(param: string, detail: string) {
    super(`Invalid $ref at ${param}: ${detail}.`, param, "invalid_ref");
  }
}
