import type { Clock } from '../clock';
import type { Logger } from '../logger';
import type { Tenant } from '../model';
import type { TenantDirectory } from '../tenants/tenant-directory';
import { isCatchUpDue } from './catch-up';
import { cronInterval, scheduleCron, type CronJob, type RunCoordinator } from './cron';

/** What the scheduler asks of the check runner. `notCompletedSince`: skip if a complete check is newer (catch-up). */
export type ScheduledCheck = (
  tenantId: string,
  options: { trigger: 'schedule' | 'startup'; notCompletedSince?: Date; signal: AbortSignal },
) => Promise<unknown>;

export interface SchedulerDeps {
  tenants: TenantDirectory;
  /** When each tenant last completed a check, for catch-up at start. */
  lastCompleteAt(tenantId: string): Promise<Date | undefined>;
  check: ScheduledCheck;
  /** Shared by every replica; without it each replica runs every fire (one replica only). */
  coordinator?: RunCoordinator;
  defaults: { schedule: string; timezone: string };
  clock: Clock;
  logger: Logger;
  /** Spreads tenants that share a schedule over this many ms (default 5000). */
  maxRandomDelayMs?: number;
  random?: () => number;
  /** How often the tenant list is re-read so CLI and chat changes take effect (default 60 s; 0: never). */
  refreshIntervalMs?: number;
}

export interface Scheduler {
  /** Schedules every tenant, then checks the tenants that missed their schedule. */
  start(): Promise<void>;
  /** Re-reads the tenants: adds, reschedules and drops jobs. */
  refresh(): Promise<void>;
  /** Stops all jobs and pending delays; in-flight checks belong to the runner, which drains them. */
  stop(): Promise<void>;
  jobs(): { tenantId: string; schedule: string; timezone: string; nextRun: Date | null }[];
}

interface Job {
  schedule: string;
  timezone: string;
  cron: CronJob;
}

export function createScheduler(deps: SchedulerDeps): Scheduler {
  const jobs = new Map<string, Job>();
  const stopping = new AbortController();
  const log = deps.logger.child({ component: 'scheduler' });
  const maxDelay = deps.maxRandomDelayMs ?? 5000;
  const random = deps.random ?? Math.random;
  let refreshTimer: NodeJS.Timeout | undefined;
  const catchUps = new Set<Promise<unknown>>();

  const planOf = (t: Tenant) => ({
    schedule: t.schedule ?? deps.defaults.schedule,
    timezone: t.timezone ?? deps.defaults.timezone,
  });

  async function fire(tenantId: string, fireAt: Date): Promise<void> {
    const delay = Math.floor(random() * maxDelay);
    if (delay > 0 && !(await sleep(delay, stopping.signal))) return;
    try {
      await deps.check(tenantId, { trigger: 'schedule', signal: stopping.signal });
    } catch (err) {
      log.error({ tenantId, fireAt: fireAt.toISOString(), err }, 'Scheduled check failed');
    }
  }

  function add(tenant: Tenant): void {
    const plan = planOf(tenant);
    const cron = scheduleCron(plan.schedule, (fireAt) => fire(tenant.id, fireAt), {
      name: `check:${tenant.id}`,
      timezone: plan.timezone,
      coordinator: deps.coordinator,
      onSkipped: (reason, fireAt) =>
        log.debug({ tenantId: tenant.id, reason, fireAt: fireAt.toISOString() }, 'Fire skipped'),
    });
    jobs.set(tenant.id, { ...plan, cron });
  }

  async function refresh(): Promise<void> {
    const tenants = await deps.tenants.list();
    const ids = new Set(tenants.map((t) => t.id));
    for (const [id, job] of jobs) {
      if (!ids.has(id)) {
        jobs.delete(id);
        await job.cron.stop();
      }
    }
    for (const tenant of tenants) {
      const job = jobs.get(tenant.id);
      const plan = planOf(tenant);
      if (job && job.schedule === plan.schedule && job.timezone === plan.timezone) continue;
      if (job) await job.cron.stop();
      add(tenant);
    }
  }

  async function catchUp(): Promise<void> {
    const now = deps.clock.now();
    for (const tenant of await deps.tenants.list()) {
      const plan = planOf(tenant);
      const interval = cronInterval(plan.schedule, plan.timezone);
      const last = await deps.lastCompleteAt(tenant.id);
      if (!isCatchUpDue(last, interval, now)) continue;
      log.info({ tenantId: tenant.id, lastCompleteAt: last?.toISOString() }, 'Catching up a missed check');
      // Another replica starting at the same time may catch up first: the runner re-checks under the lease.
      const threshold = new Date(now.getTime() - (interval ?? 0));
      const p = deps
        .check(tenant.id, { trigger: 'startup', notCompletedSince: threshold, signal: stopping.signal })
        .catch((err: unknown) => log.error({ tenantId: tenant.id, err }, 'Catch-up check failed'))
        .finally(() => catchUps.delete(p));
      catchUps.add(p);
    }
  }

  return {
    async start() {
      await refresh();
      log.info({ tenants: jobs.size }, 'Scheduler started');
      await catchUp();
      const every = deps.refreshIntervalMs ?? 60_000;
      if (every > 0) {
        refreshTimer = setInterval(() => {
          refresh().catch((err: unknown) => log.warn({ err }, 'Could not refresh the tenant schedules'));
        }, every);
        refreshTimer.unref();
      }
    },
    refresh,
    async stop() {
      stopping.abort(new Error('scheduler stopping'));
      if (refreshTimer) clearInterval(refreshTimer);
      await Promise.all([...jobs.values()].map((j) => j.cron.stop()));
      jobs.clear();
      await Promise.allSettled([...catchUps]);
      log.info({}, 'Scheduler stopped');
    },
    jobs: () =>
      [...jobs.entries()].map(([tenantId, j]) => ({
        tenantId,
        schedule: j.schedule,
        timezone: j.timezone,
        nextRun: j.cron.nextRun(),
      })),
  };
}

/** Resolves true after `ms`, or false as soon as `signal` aborts. */
function sleep(ms: number, signal: AbortSignal): Promise<boolean> {
  return new Promise((resolve) => {
    if (signal.aborted) return resolve(false);
    const timer = setTimeout(() => {
      signal.removeEventListener('abort', onAbort);
      resolve(true);
    }, ms);
    const onAbort = () => {
      clearTimeout(timer);
      resolve(false);
    };
    signal.addEventListener('abort', onAbort, { once: true });
  });
}
