/**
 * Seed and size of the fuzz suites: a fixed seed by default so CI is repeatable; FUZZ_SEED=<integer> or
 * FUZZ_SEED=random (the seed drawn is printed, to replay a failure) and FUZZ_SCALE=<k> (k times the runs) explore
 * further.
 */
export const DEFAULT_FUZZ_SEED = 29;

export function fuzzSettings(env: Record<string, string | undefined> = process.env): { seed: number; scale: number } {
  const raw = env.FUZZ_SEED;
  let seed = DEFAULT_FUZZ_SEED;
  if (raw === "random") {
    seed = Math.floor(Math.random() * 2 ** 31);
    console.log(`fuzz seed ${seed} (replay with FUZZ_SEED=${seed})`);
  } else if (raw !== undefined && raw !== "") {
    seed = Number.parseInt(raw, 10);
    if (!Number.isSafeInteger(seed)) throw new Error(`FUZZ_SEED must be an integer or 'random', not '${raw}'`);
  }
  const scale = Number(env.FUZZ_SCALE ?? "1");
  if (!Number.isInteger(scale) || scale < 1) throw new Error(`FUZZ_SCALE must be a positive integer, not '${env.FUZZ_SCALE}'`);
  return { seed, scale };
}
