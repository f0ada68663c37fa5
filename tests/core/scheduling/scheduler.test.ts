import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { systemClock } from '../../../core/clock';
import { silentLogger } from '../../../core/logger';
import type { Tenant } from '../../../core/model';
import { createRunCoordinator } from '../../../core/scheduling/create-run-coordinator';
import { createScheduler, type SchedulerDeps } from '../../../core/scheduling/scheduler';
import { InMemoryTenantDirectory } from '../../../core/tenants/in-memory-tenant-directory';
import { InMemoryFireClaims } from './in-memory-fire-claims';

// node-cron reads the wall clock itself, so the tests move Date and timers together with fake timers;
// the scheduler's own clock (systemClock) then reads the same faked time.
const START = new Date('2026-03-02T10:00:00.000Z');

const tenant = (n: number, extra: Partial<Tenant> = {}): Tenant => ({
  id: `0000000${n}-0000-0000-0000-000000000000`,
  name: `tenant${n}`,
  aliases: [],
  approvers: [],
  ...extra,
});

function harness(tenants: Tenant[], overrides: Partial<SchedulerDeps> = {}) {
  const calls: { tenantId: string; trigger: string; at: string; notCompletedSince?: string }[] = [];
  const deps: SchedulerDeps = {
    tenants: new InMemoryTenantDirectory(tenants),
    lastCompleteAt: async () => START,
    check: async (tenantId, options) => {
      calls.push({
        tenantId,
        trigger: options.trigger,
        at: new Date().toISOString(),
        notCompletedSince: options.notCompletedSince?.toISOString(),
      });
    },
    defaults: { schedule: '*/30 * * * * *', timezone: 'UTC' },
    clock: systemClock,
    logger: silentLogger,
    random: () => 0,
    refreshIntervalMs: 0,
    ...overrides,
  };
  return { deps, calls, scheduler: createScheduler(deps) };
}

beforeEach(() => {
  vi.useFakeTimers({ now: START });
});

afterEach(() => {
  vi.useRealTimers();
});

describe('the scheduler', () => {
  it('fires each tenant on its own schedule, or the default one', async () => {
    const { scheduler, calls } = harness([tenant(1), tenant(2, { schedule: '*/10 * * * * *' })]);
    await scheduler.start();

    await vi.advanceTimersByTimeAsync(60_000);
    await scheduler.stop();

    const count = (id: string) => calls.filter((c) => c.tenantId === id && c.trigger === 'schedule').length;
    expect(count(tenant(1).id)).toBe(2);
    expect(count(tenant(2).id)).toBe(6);
  });

  it("fires in the tenant's own time zone", async () => {
    // 11:00 in Berlin is 10:00 UTC in March: the first fire comes after one hour of fake time.
    const { scheduler, calls } = harness([
      tenant(1, { schedule: '0 0 12 * * *', timezone: 'Europe/Berlin' }),
    ]);
    await scheduler.start();

    await vi.advanceTimersByTimeAsync(3600_000);
    await scheduler.stop();

    expect(calls.map((c) => c.at)).toEqual(['2026-03-02T11:00:00.000Z']);
  });

  it('delays each fire by a small random amount so tenants on one schedule do not start together', async () => {
    const { scheduler, calls } = harness([tenant(1)], { random: () => 0.5, maxRandomDelayMs: 4000 });
    await scheduler.start();

    await vi.advanceTimersByTimeAsync(31_000);
    const beforeDelay = calls.length;
    await vi.advanceTimersByTimeAsync(1_000);
    await scheduler.stop();

    expect(beforeDelay).toBe(0);
    expect(calls.map((c) => c.at)).toEqual(['2026-03-02T10:00:32.000Z']);
  });

  it('does not start a delayed check after it was stopped', async () => {
    const { scheduler, calls } = harness([tenant(1)], { random: () => 0.9, maxRandomDelayMs: 10_000 });
    await scheduler.start();
    await vi.advanceTimersByTimeAsync(31_000);

    await scheduler.stop();
    await vi.advanceTimersByTimeAsync(60_000);

    expect(calls).toEqual([]);
  });

  it('checks at start the tenants whose last complete check is older than their interval', async () => {
    const never = tenant(1);
    const stale = tenant(2, { schedule: '0 */30 * * * *' });
    const fresh = tenant(3, { schedule: '0 */30 * * * *' });
    const last: Record<string, Date> = {
      [stale.id]: new Date(START.getTime() - 31 * 60_000),
      [fresh.id]: new Date(START.getTime() - 10 * 60_000),
    };
    const { scheduler, calls } = harness([never, stale, fresh], {
      lastCompleteAt: async (id) => last[id],
    });

    await scheduler.start();
    await scheduler.stop();

    expect(calls).toEqual([
      {
        tenantId: never.id,
        trigger: 'startup',
        at: START.toISOString(),
        notCompletedSince: '2026-03-02T09:59:30.000Z',
      },
      {
        tenantId: stale.id,
        trigger: 'startup',
        at: START.toISOString(),
        notCompletedSince: '2026-03-02T09:30:00.000Z',
      },
    ]);
  });

  it('picks up tenants added, changed and removed since it started', async () => {
    const { scheduler, deps, calls } = harness([tenant(1), tenant(2)]);
    await scheduler.start();

    await deps.tenants.remove(tenant(1).id);
    await deps.tenants.upsert(tenant(2, { schedule: '*/10 * * * * *' }));
    await deps.tenants.upsert(tenant(3));
    await scheduler.refresh();
    await vi.advanceTimersByTimeAsync(30_000);
    const jobs = scheduler.jobs();
    await scheduler.stop();

    expect(jobs.map((j) => [j.tenantId, j.schedule])).toEqual([
      [tenant(2).id, '*/10 * * * * *'],
      [tenant(3).id, '*/30 * * * * *'],
    ]);
    expect(calls.filter((c) => c.tenantId === tenant(1).id)).toEqual([]);
    expect(calls.filter((c) => c.tenantId === tenant(2).id)).toHaveLength(3);
  });

  it('runs each fire once across schedulers that share a run coordinator', async () => {
    const claims = new InMemoryFireClaims();
    const tenants = [tenant(1), tenant(2, { schedule: '*/10 * * * * *' })];
    const replicas = ['a', 'b', 'c'].map((holder) =>
      harness(tenants, { coordinator: createRunCoordinator(claims, { holder, clock: systemClock }) }),
    );
    for (const r of replicas) await r.scheduler.start();

    await vi.advanceTimersByTimeAsync(10 * 60_000);
    for (const r of replicas) await r.scheduler.stop();

    const fires = replicas.flatMap((r) => r.calls).map((c) => `${c.tenantId}@${c.at}`);
    expect(fires).toHaveLength(20 + 60);
    expect(new Set(fires).size).toBe(fires.length);
  });
});
