import { describe, expect, it, vi } from 'vitest';
import { createCheckRunner, type CheckRunnerDeps } from '../../../core/checks/check-runner';
import { fixedClock } from '../../../core/clock';
import { silentLogger } from '../../../core/logger';
import type { Tenant } from '../../../core/model';
import { createMongoLeaseStore } from '../../../core/storage/mongo/mongo-lease-store';
import { createMongoRunStore } from '../../../core/storage/mongo/mongo-run-store';
import { InMemoryTenantDirectory } from '../../../core/tenants/in-memory-tenant-directory';
import { createInMemoryStores } from '../../support/fakes/in-memory-stores';
import { useTestDatabase } from '../../support/mongo';
import { compliancePolicy, FakeTenantReader, namedLocation } from './fake-tenant-reader';
import { RecordingNotifier } from './recording-notifier';

const database = useTestDatabase();
let tenantCounter = 0;

function aTenant(extra: Partial<Tenant> = {}): Tenant {
  tenantCounter++;
  const n = String(tenantCounter).padStart(12, '0');
  return {
    id: `aaaaaaaa-0000-0000-0000-${n}`,
    name: `tenant${tenantCounter}`,
    aliases: [],
    approvers: [],
    ...extra,
  };
}

function harness(tenants: Tenant[], overrides: Partial<CheckRunnerDeps> = {}) {
  const clock = fixedClock('2026-03-02T10:00:00Z');
  const reader = new FakeTenantReader();
  const notifier = new RecordingNotifier();
  const stores = createInMemoryStores();
  let ids = 0;
  const deps: CheckRunnerDeps = {
    ...stores,
    reader,
    tenants: new InMemoryTenantDirectory(tenants),
    runs: createMongoRunStore(database.db),
    leases: createMongoLeaseStore(database.db),
    notifier,
    clock,
    logger: silentLogger,
    holder: 'replica-a',
    maxConcurrentChecks: 4,
    newRunId: () => `run-${tenantCounter}-${++ids}`,
    ...overrides,
  };
  return { deps, reader, notifier, stores, clock, runner: createCheckRunner(deps) };
}

const policies = {
  compliancePolicy: [compliancePolicy('c1', 'Windows baseline')],
  namedLocation: [namedLocation('n1', 'Allowed countries', ['DE', 'FR'])],
};

describe('a check of one tenant', () => {
  it('captures the first baseline from a complete read, says so and raises no findings', async () => {
    const tenant = aTenant();
    const { runner, reader, notifier, stores } = harness([tenant]);
    reader.set(tenant.id, policies);

    const outcome = await runner.run(tenant.id, { trigger: 'manual' });

    expect(outcome).toMatchObject({
      ran: true,
      result: {
        run: {
          status: 'complete',
          baselineCaptured: true,
          baselineVersion: 1,
          counts: { new: 0, open: 0 },
          coverage: { compliancePolicy: { status: 'complete', objects: 1 } },
        },
        newFindingIds: [],
      },
    });
    expect(outcome.ran && outcome.result.run.note).toMatch(/No baseline yet: captured version 1/);
    expect((await stores.baselines.current(tenant.id))?.objects).toHaveLength(2);
    expect(notifier.results).toHaveLength(1);
  });

  it('captures no baseline from an incomplete read', async () => {
    const tenant = aTenant();
    const { runner, reader, stores } = harness([tenant]);
    reader.set(tenant.id, policies);
    reader.failures.set('namedLocation', 'throttled: still 429 Too Many Requests after retries');

    const outcome = await runner.run(tenant.id, { trigger: 'schedule' });

    expect(outcome).toMatchObject({ ran: true, result: { run: { status: 'partial' } } });
    expect(outcome.ran && outcome.result.run.note).toMatch(/No baseline yet/);
    expect(await stores.baselines.current(tenant.id)).toBeUndefined();
  });

  it('turns a change in the tenant into a new finding, and its revert into a resolved one', async () => {
    const tenant = aTenant();
    const { runner, reader, notifier, stores } = harness([tenant]);
    reader.set(tenant.id, policies);
    await runner.run(tenant.id, { trigger: 'schedule' });

    reader.set(tenant.id, {
      ...policies,
      compliancePolicy: [compliancePolicy('c1', 'Windows baseline', { passwordRequired: false })],
    });
    const drifted = await runner.run(tenant.id, { trigger: 'schedule' });
    const again = await runner.run(tenant.id, { trigger: 'schedule' });
    reader.set(tenant.id, policies);
    const reverted = await runner.run(tenant.id, { trigger: 'schedule' });

    expect(drifted).toMatchObject({
      ran: true,
      result: { run: { status: 'complete', counts: { new: 1, open: 1 } } },
    });
    const [findingId] = drifted.ran ? drifted.result.newFindingIds : [];
    expect((await stores.findings.get(findingId ?? ''))?.changes).toEqual([
      { path: 'passwordRequired', baseline: true, current: false },
    ]);
    expect(again).toMatchObject({
      ran: true,
      result: { run: { counts: { new: 0, unchanged: 1, open: 1 } } },
    });
    expect(reverted).toMatchObject({
      ran: true,
      result: { resolvedFindingIds: [findingId], run: { counts: { open: 0 } } },
    });
    expect(notifier.results.map((r) => r.run.status)).toEqual([
      'complete',
      'complete',
      'complete',
      'complete',
    ]);
  });

  it('leaves the findings of a type it could not read as they were', async () => {
    const tenant = aTenant();
    const { runner, reader } = harness([tenant]);
    reader.set(tenant.id, policies);
    await runner.run(tenant.id, { trigger: 'schedule' });
    reader.set(tenant.id, { ...policies, namedLocation: [] });
    const missing = await runner.run(tenant.id, { trigger: 'schedule' });

    reader.failures.set('namedLocation', '403 Forbidden reading namedLocation');
    const unread = await runner.run(tenant.id, { trigger: 'schedule' });

    expect(missing).toMatchObject({ ran: true, result: { run: { counts: { new: 1 } } } });
    expect(unread).toMatchObject({
      ran: true,
      result: { run: { status: 'partial', counts: { resolved: 0, open: 1 } }, resolvedFindingIds: [] },
    });
  });

  it('fails with the permission to grant when no type could be read', async () => {
    const tenant = aTenant({ policyTypes: ['compliancePolicy'] });
    const { runner, reader } = harness([tenant]);
    reader.set(tenant.id, policies);
    reader.failures.set(
      'compliancePolicy',
      '403 Forbidden reading compliance policies: the app lacks the DeviceManagementConfiguration.Read.All application permission in this tenant (grant it and give admin consent)',
    );

    const outcome = await runner.run(tenant.id, { trigger: 'schedule' });

    expect(outcome).toMatchObject({
      ran: true,
      result: {
        run: {
          status: 'failed',
          error: { code: 'permission-missing', permission: 'DeviceManagementConfiguration.Read.All' },
        },
      },
    });
  });

  it('reads only the policy types in the tenant scope', async () => {
    const tenant = aTenant({ policyTypes: ['namedLocation'] });
    const { runner, reader } = harness([tenant]);
    reader.set(tenant.id, policies);

    const outcome = await runner.run(tenant.id, { trigger: 'schedule' });

    expect(outcome.ran && Object.keys(outcome.result.run.coverage)).toEqual(['namedLocation']);
  });

  it('says a tenant is unknown', async () => {
    const { runner } = harness([]);

    expect(await runner.run('bbbbbbbb-0000-0000-0000-000000000000', { trigger: 'manual' })).toEqual({
      ran: false,
      reason: 'unknown-tenant',
    });
  });
});

describe('the check runner', () => {
  it('answers a request as soon as the check started, and refuses a second one while it runs', async () => {
    const tenant = aTenant();
    const { runner, reader, notifier } = harness([tenant]);
    reader.set(tenant.id, policies);
    const hold = reader.hold();

    const first = await runner.requestCheck(tenant.id, { actor: { id: 'u1', name: 'Ada' } });
    await hold.waiting;
    const second = await runner.requestCheck(tenant.id, {});
    const running = await runner.lastRun(tenant.id);
    hold.release();
    await vi.waitFor(() => expect(runner.inFlight()).toBe(0));

    expect(first).toMatchObject({ started: true });
    expect(second).toEqual({
      started: false,
      reason: 'already-running',
      runId: first.started ? first.runId : '',
    });
    expect(running).toMatchObject({ status: 'running', trigger: 'manual', requestedBy: { name: 'Ada' } });
    expect(notifier.results).toHaveLength(1);
  });

  it('skips a catch-up when another replica completed a check since', async () => {
    const tenant = aTenant();
    const { runner, reader, clock } = harness([tenant]);
    reader.set(tenant.id, policies);
    await runner.run(tenant.id, { trigger: 'schedule' });
    clock.advance(60_000);

    const outcome = await runner.run(tenant.id, {
      trigger: 'startup',
      notCompletedSince: new Date('2026-03-02T09:59:00Z'),
    });

    expect(outcome).toMatchObject({ ran: false, reason: 'up-to-date' });
  });

  it('checks no more tenants at once than its limit', async () => {
    const tenants = [aTenant(), aTenant(), aTenant()];
    const { runner, reader } = harness(tenants, { maxConcurrentChecks: 1 });
    for (const t of tenants) reader.set(t.id, policies);

    const outcomes = await Promise.all(tenants.map((t) => runner.run(t.id, { trigger: 'schedule' })));

    expect(outcomes.every((o) => o.ran)).toBe(true);
    expect(reader.maxReading).toBe(1);
  });

  it('records a run stopped by shutdown as abandoned, writes no findings and lets go of the lease', async () => {
    const tenant = aTenant();
    const { runner, reader, deps, notifier, stores } = harness([tenant]);
    reader.set(tenant.id, policies);
    const hold = reader.hold();
    const running = runner.run(tenant.id, { trigger: 'schedule' });
    await hold.waiting;

    await runner.stop();
    const outcome = await running;

    expect(outcome).toMatchObject({ ran: true, result: { run: { status: 'abandoned' } } });
    expect(outcome.ran && outcome.result.run.note).toMatch(
      /stopped before it finished: Driftwatch is shutting down/,
    );
    expect(await stores.baselines.current(tenant.id)).toBeUndefined();
    expect(await deps.leases.current(tenant.id, deps.clock.now())).toBeUndefined();
    expect(notifier.results).toEqual([]);
    expect(await runner.run(tenant.id, { trigger: 'schedule' })).toEqual({ ran: false, reason: 'stopping' });
  });
});
