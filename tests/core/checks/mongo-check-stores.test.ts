import { describe, expect, it } from 'vitest';
import type { CheckRun } from '../../../core/checks/check-run';
import { ensureCheckIndexes } from '../../../core/storage/mongo/check-indexes';
import { createMongoLeaseStore } from '../../../core/storage/mongo/mongo-lease-store';
import { createMongoRunStore } from '../../../core/storage/mongo/mongo-run-store';
import { useTestDatabase } from '../../support/mongo';

const database = useTestDatabase();
const TENANT = '11111111-1111-1111-1111-111111111111';
const at = (s: number) => new Date(Date.UTC(2026, 2, 2, 10, 0, s));

function aRun(id: string, startedAt: Date, extra: Partial<CheckRun> = {}): CheckRun {
  return {
    id,
    tenantId: TENANT,
    trigger: 'schedule',
    status: 'running',
    startedAt: startedAt.toISOString(),
    holder: 'replica-a',
    coverage: {},
    graphRequests: 0,
    counts: { new: 0, reopened: 0, resolved: 0, unchanged: 0, open: 0 },
    ...extra,
  };
}

describe('the check run store in MongoDB', () => {
  it('finishes a running run once and never rewrites a finished one', async () => {
    await ensureCheckIndexes(database.db);
    const runs = createMongoRunStore(database.db);
    await runs.insert(aRun('run-1', at(0)));
    const done = aRun('run-1', at(0), {
      status: 'complete',
      finishedAt: at(5).toISOString(),
      coverage: { compliancePolicies: { status: 'complete', objects: 3 } },
      graphRequests: 4,
    });

    const first = await runs.finish(done);
    const second = await runs.finish({ ...done, status: 'failed' });

    expect([first, second]).toEqual([true, false]);
    expect(await runs.get('run-1')).toEqual(done);
  });

  it('marks only a run still running as abandoned, with why', async () => {
    const runs = createMongoRunStore(database.db);
    await runs.insert(aRun('run-2', at(10)));

    const marked = await runs.markAbandoned('run-2', at(40), 'its holder stopped renewing the lease');
    const again = await runs.markAbandoned('run-2', at(50), 'again');

    expect([marked, again]).toEqual([true, false]);
    expect(await runs.get('run-2')).toMatchObject({
      status: 'abandoned',
      finishedAt: at(40).toISOString(),
      note: 'its holder stopped renewing the lease',
    });
  });

  it('answers the latest run and the latest complete run of a tenant', async () => {
    const runs = createMongoRunStore(database.db);
    await runs.insert(aRun('run-3', at(20), { status: 'partial' }));

    expect((await runs.latest(TENANT))?.id).toBe('run-3');
    expect((await runs.latestComplete(TENANT))?.id).toBe('run-1');
    expect((await runs.list(TENANT, 2)).map((r) => r.id)).toEqual(['run-3', 'run-2']);
  });
});

describe('the check lease in MongoDB', () => {
  const lease = (runId: string, holder: string, expiresAt: Date) => ({
    tenantId: TENANT,
    runId,
    holder,
    expiresAt,
  });

  it('is held by one run at a time until released', async () => {
    const leases = createMongoLeaseStore(database.db);

    const a = await leases.acquire(lease('r-a', 'a', at(30)), at(0));
    const b = await leases.acquire(lease('r-b', 'b', at(30)), at(1));
    await leases.release(TENANT, 'r-a', at(2));
    const c = await leases.acquire(lease('r-c', 'b', at(40)), at(3));

    expect(a).toEqual({ acquired: true });
    expect(b).toEqual({ acquired: false, heldBy: { runId: 'r-a', holder: 'a' } });
    expect(c).toEqual({ acquired: true });
    expect(await leases.current(TENANT, at(4))).toMatchObject({ runId: 'r-c', holder: 'b' });
  });

  it('expires unless renewed, and names the run it interrupted to the next holder', async () => {
    const leases = createMongoLeaseStore(database.db);

    const renewed = await leases.renew(TENANT, 'r-c', at(50));
    const early = await leases.acquire(lease('r-d', 'a', at(80)), at(45));
    const late = await leases.acquire(lease('r-d', 'a', at(80)), at(51));
    const lostRenewal = await leases.renew(TENANT, 'r-c', at(90));

    expect(renewed).toBe(true);
    expect(early).toMatchObject({ acquired: false });
    expect(late).toEqual({ acquired: true, previous: { runId: 'r-c', holder: 'b' } });
    expect(lostRenewal).toBe(false);
  });
});
