import cron from 'node-cron';

/**
 * The one adapter over node-cron: nothing else in Driftwatch imports it. It keeps node-cron's
 * RunCoordinator shape so a MongoDB-backed coordinator can elect one replica per fire.
 */

/** node-cron 4's coordinator interface, restated so callers need not import node-cron. */
export interface RunCoordinator {
  /** True for exactly one caller per key while the claim lasts. */
  shouldRun(key: string, ttlMs: number): boolean | Promise<boolean>;
  onComplete?(key: string): void | Promise<void>;
}

export interface CronJobOptions {
  /** Also the coordination key prefix: every replica must use the same name for the same job. */
  name: string;
  timezone: string;
  coordinator?: RunCoordinator;
  /** How long a fire's claim lasts; must outlast clock skew between replicas. */
  claimTtlMs?: number;
  /** Called when another replica won the fire, or the coordinator failed (fail-closed). */
  onSkipped?(reason: string, fireAt: Date): void;
}

export interface CronJob {
  stop(): Promise<void>;
  nextRun(): Date | null;
}

/** True when node-cron accepts the expression (five or six fields, seconds allowed). */
export function validateCron(expression: string): boolean {
  return cron.validate(expression);
}

/** The gap between the next two fires: a schedule's interval, used to decide on catch-up at start. */
export function cronInterval(expression: string, timezone: string): number | undefined {
  const task = cron.createTask(expression, () => undefined, { timezone });
  try {
    const [a, b] = task.getNextRuns(2);
    return a && b ? b.getTime() - a.getTime() : undefined;
  } finally {
    void task.destroy();
  }
}

/**
 * Schedules `fn` on node-cron with overlap prevention; with a coordinator, each fire runs on
 * exactly one of the replicas that share it.
 */
export function scheduleCron(
  expression: string,
  fn: (fireAt: Date) => Promise<void>,
  options: CronJobOptions,
): CronJob {
  const task = cron.schedule(expression, (ctx) => fn(ctx.date), {
    name: options.name,
    timezone: options.timezone,
    noOverlap: true,
    distributed: options.coordinator !== undefined,
    runCoordinator: options.coordinator,
    distributedLease: options.claimTtlMs,
    // Driftwatch logs through its own logger; node-cron's default would print to the console.
    logger: { info: () => undefined, warn: () => undefined, error: () => undefined, debug: () => undefined },
  });
  task.on('execution:skipped', (ctx) => options.onSkipped?.(ctx.reason ?? 'skipped', ctx.date));
  return {
    async stop() {
      await task.destroy();
    },
    nextRun: () => task.getNextRun(),
  };
}
