/**
 * The settings one decoding runs under: the thresholds (DecodeConfig, from the model's config.json) and the passes
 * turned off (`npm run eval -- --without`). decodeHeads is synchronous and sets them for exactly the time it runs
 * (decodeWith), so the deepest helper reads the same thresholds as the pipeline without every signature carrying
 * them, and no other request can interleave.
 */
import type { DecodeConfig } from "./config.js";

export interface DecodeSettings {
  config: DecodeConfig;
  /** Passes that do not run (their ids; see src/decode/passes.ts). */
  without: ReadonlySet<string>;
}

let active: DecodeSettings | null = null;

/** Runs `decode` under `settings`; nested calls keep the outer settings. */
export function decodeWith<T>(settings: DecodeSettings, decode: () => T): T {
  if (active !== null) return decode();
  active = settings;
  try {
    return decode();
  } finally {
    active = null;
  }
}

function current(): DecodeSettings {
  if (active === null) throw new Error("decoding helper called outside decodeWith (src/decode/settings.ts)");
  return active;
}

/** The thresholds of the decoding under way. */
export function thresholds(): DecodeConfig {
  return current().config;
}

/** Whether pass `id` runs in the decoding under way. */
export function runs(id: string): boolean {
  return !current().without.has(id);
}
