/**
 * The cost limits of one request, checked before any compile or forward pass (docs/limits.md says how each default
 * was chosen from measurement). Each can be set with a wrangler var of the same name.
 */
export interface Limits {
  /** Tools in one request (OpenAI's own limit is 128). */
  MAX_TOOLS: number;
  /** Schema elements of the whole tool set after `$ref` expansion: one per tool, property and enum option. */
  MAX_SCHEMA_ELEMENTS: number;
  /** Options of one `enum`. */
  MAX_ENUM_OPTIONS: number;
  /** Characters of one tool or property description (or title). */
  MAX_DESCRIPTION_CHARS: number;
  /** `$ref`s followed along one path from a tool's parameters. */
  MAX_REF_DEPTH: number;
  /** `$ref`s expanded in the whole request (their fan-out). */
  MAX_REF_EXPANSIONS: number;
  /** Schema nodes visited after `$ref` expansion (properties, items, branches, definitions), all tools together. */
  MAX_SCHEMA_NODES: number;
  /** Characters of one `pattern` or `patternProperties` key. */
  MAX_PATTERN_CHARS: number;
  /** Characters of schema text the compiler reads (names, descriptions, enum options), all tools together. */
  MAX_SCHEMA_TEXT_CHARS: number;
}

export type LimitName = keyof Limits;

export const DEFAULT_LIMITS: Readonly<Limits> = {
  MAX_TOOLS: 128,
  MAX_SCHEMA_ELEMENTS: 512,
  MAX_ENUM_OPTIONS: 256,
  MAX_DESCRIPTION_CHARS: 4096,
  MAX_REF_DEPTH: 8,
  MAX_REF_EXPANSIONS: 512,
  MAX_SCHEMA_NODES: 4096,
  MAX_PATTERN_CHARS: 512,
  MAX_SCHEMA_TEXT_CHARS: 262_144,
};

export const LIMIT_NAMES = Object.keys(DEFAULT_LIMITS) as LimitName[];

/** Wrangler vars that override the defaults; anything but a positive integer keeps the default. */
export type LimitsEnv = Partial<Record<LimitName, string>>;

export function readLimits(env: LimitsEnv | undefined): Limits {
  const limits: Limits = { ...DEFAULT_LIMITS };
  for (const name of LIMIT_NAMES) {
    const raw = env?.[name];
    if (raw === undefined || raw.trim() === "") continue;
    const value = Number(raw);
    if (Number.isInteger(value) && value > 0) limits[name] = value;
  }
  return limits;
}
