export { checkBounds, type BoundedTool, type RequestCost } from "./check.js";
export { DEFAULT_LIMITS, LIMIT_NAMES, readLimits, type LimitName, type Limits, type LimitsEnv } from "./limits.js";
export { BadReferenceError, LimitExceededError, UnsafePatternError } from "./errors.js";
