export { guardCaller } from "./guard.js";
export { DEFAULT_RISK_SETTINGS, isHighRisk, readRiskSettings, type RiskEnv, type RiskSettings } from "./policy.js";
export { asksFor, hasInjection } from "./evidence.js";
export type { RateLimiter } from "./rate-limit.js";
