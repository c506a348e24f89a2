/**
 * The router's thresholds: configuration with defaults (docs/router.md gives the reasoning and the measured curve).
 * Each can be set by a wrangler var of the same name in upper snake case, e.g. ROUTER_MIN_CONFIDENCE=0.8.
 */
export interface RouterThresholds {
  /** Above this many conversation bytes the edge model would truncate (it reads 512 byte tokens): origin. */
  maxBytes: number;
  /** More user turns than this: origin. */
  maxTurns: number;
  /** More tools than this: origin. */
  maxTools: number;
  /** More object-valued parameters (free-form objects, arrays of objects) than this: origin. */
  maxNested: number;
  /** More actions asked for in the last user turn than this: origin. */
  maxActions: number;
  /** A longer sentence window than this: origin. */
  maxWindow: number;
  /** After the edge pass: answers less confident than this go to the origin. */
  minConfidence: number;
  /** Text-only turns (no tools, after a tool result, chit-chat) go to the origin when one is configured. */
  textToOrigin: boolean;
}

export const ROUTER_DEFAULTS: RouterThresholds = {
  maxBytes: 480,
  maxTurns: 4,
  maxTools: 16,
  maxNested: 0,
  maxActions: 1,
  maxWindow: 256,
  minConfidence: 0.9,
  textToOrigin: true,
};

export interface RouterEnv {
  ROUTER_MAX_BYTES?: string;
  ROUTER_MAX_TURNS?: string;
  ROUTER_MAX_TOOLS?: string;
  ROUTER_MAX_NESTED?: string;
  ROUTER_MAX_ACTIONS?: string;
  ROUTER_MAX_WINDOW?: string;
  ROUTER_MIN_CONFIDENCE?: string;
  ROUTER_TEXT_TO_ORIGIN?: string;
}

function count(value: string | undefined, fallback: number): number {
  if (value === undefined || value.trim() === "") return fallback;
  const parsed = Number(value);
  return Number.isInteger(parsed) && parsed >= 0 ? parsed : fallback;
}

function probability(value: string | undefined, fallback: number): number {
  if (value === undefined || value.trim() === "") return fallback;
  const parsed = Number(value);
  return Number.isFinite(parsed) && parsed >= 0 && parsed <= 1 ? parsed : fallback;
}

export function readRouterThresholds(env: RouterEnv | undefined, defaults: RouterThresholds = ROUTER_DEFAULTS): RouterThresholds {
  const flag = env?.ROUTER_TEXT_TO_ORIGIN?.trim().toLowerCase();
  return {
    maxBytes: count(env?.ROUTER_MAX_BYTES, defaults.maxBytes),
    maxTurns: count(env?.ROUTER_MAX_TURNS, defaults.maxTurns),
    maxTools: count(env?.ROUTER_MAX_TOOLS, defaults.maxTools),
    maxNested: count(env?.ROUTER_MAX_NESTED, defaults.maxNested),
    maxActions: count(env?.ROUTER_MAX_ACTIONS, defaults.maxActions),
    maxWindow: count(env?.ROUTER_MAX_WINDOW, defaults.maxWindow),
    minConfidence: probability(env?.ROUTER_MIN_CONFIDENCE, defaults.minConfidence),
    textToOrigin: flag === undefined || flag === "" ? defaults.textToOrigin : flag !== "false" && flag !== "0",
  };
}
