export { CircuitBreaker, BREAKER_DEFAULTS, type BreakerState } from "./breaker.js";
export { createOriginClient, type OriginClient, type OriginEvent } from "./client.js";
export { Deadline } from "./deadline.js";
export { OriginError, isOriginError, type OriginFailureKind } from "./errors.js";
export { originRegistry, type OriginLookup } from "./registry.js";
export { readOriginSettings, ORIGIN_DEFAULTS, type OriginEnv, type OriginSettings } from "./settings.js";
export { checkOriginAnswer, type OriginVerdict } from "./validate.js";
export type { OriginCompletion, OriginRequest, OriginToolCall, OriginUsage } from "./wire.js";
