/**
 * The fast-check seed of a run: RELIABILITY_SEED when set (to replay a failure), else a fresh one.
 * Printed so any run can be replayed. Read here, in tests only: the product reads its environment in
 * bot/config.ts alone.
 */
export function reliabilitySeed(label: string): number {
  const fromEnv = Number(process.env.RELIABILITY_SEED);
  const seed =
    Number.isInteger(fromEnv) && process.env.RELIABILITY_SEED ? fromEnv : Date.now() % 2_147_483_647;
  process.stdout.write(`${label}: fast-check seed ${seed} (replay with RELIABILITY_SEED=${seed})\n`);
  return seed;
}

/** How many times more cases the soak runs (RELIABILITY_SCALE, default 1). */
export function reliabilityScale(): number {
  const scale = Number(process.env.RELIABILITY_SCALE);
  return Number.isFinite(scale) && scale >= 1 ? scale : 1;
}
