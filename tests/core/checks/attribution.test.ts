import { describe, expect, it } from 'vitest';
import type { CheckRun } from '../../../core/checks/check-run';
import { attributionsByObject, auditWindowStart } from '../../../core/checks/attribute-changes';
import { checkTenant } from '../../../core/checks/check-tenant';
import type { Tenant } from '../../../core/model';
import { createInMemoryStores } from '../../support/fakes/in-memory-stores';
import { closingGraphWorlds, TENANT_A } from '../graph/graph-fixture';

const POLICY = '71742BCF-AE58-4371-8FF7-259012E6BC2D';
const ADELE = { userPrincipalName: 'adele.vance@contoso.com', app: 'Microsoft Intune portal extension' };
const TENANT: Tenant = {
  id: TENANT_A,
  name: 'Contoso',
  aliases: [],
  approvers: [],
  policyTypes: ['compliancePolicy'],
};

const graphWorld = closingGraphWorlds();

async function checkWorld(simFaults = false) {
  const world = await graphWorld();
  const stores = createInMemoryStores();
  const deps = { ...stores, reader: world.reader, clock: world.clock };
  let runs = 0;
  const check = async (previousCheckAt?: string) => {
    const run: CheckRun = {
      id: `run-${++runs}`,
      tenantId: TENANT.id,
      trigger: 'manual',
      status: 'running',
      startedAt: world.clock.now().toISOString(),
      holder: 'test',
      coverage: {},
      graphRequests: 0,
      counts: { new: 0, reopened: 0, resolved: 0, unchanged: 0, open: 0 },
    };
    return checkTenant(TENANT, run, deps, previousCheckAt ? { previousCheckAt } : {});
  };
  if (simFaults) world.sim.control.setFaults(TENANT_A, { forbidden: ['auditEvents'] });
  const policy = world.sim.control
    .objects(TENANT_A, 'compliancePolicy')
    .find((o) => String(o.id).toUpperCase() === POLICY) as Record<string, unknown>;
  const change = (description: string, actor = ADELE) =>
    world.sim.control.upsertObject(TENANT_A, 'compliancePolicy', { ...policy, description }, actor);
  return { ...world, stores, check, change, policyId: String(policy.id) };
}

describe('a check says who changed what it found', () => {
  it('attributes a new finding to the admin the audit log names for that object', async () => {
    const { check, change, clock, stores, policyId } = await checkWorld();
    const first = await check();
    clock.advance(600_000);
    change('Loosened for the pilot');
    clock.advance(60_000);

    const second = await check(first.run.startedAt);

    expect(second.run.status).toBe('complete');
    const [id] = second.newFindingIds;
    const finding = await stores.findings.get(id as string);
    expect(finding?.key).toBe(policyId);
    expect(finding?.attribution).toEqual({
      by: 'adele.vance@contoso.com',
      via: 'Microsoft Intune portal extension',
      at: '2025-06-02T08:10:00.000Z',
      activity: 'Patch DeviceCompliancePolicy',
    });
  });

  it('reads the audit log once per check and counts the request', async () => {
    const { check, change, clock, sim } = await checkWorld();
    const first = await check();
    change('one');
    clock.advance(60_000);
    const before = sim.control.stats(TENANT_A).requests;

    const second = await check(first.run.startedAt);

    expect(second.run.graphRequests).toBe(first.run.graphRequests + 1);
    expect(sim.control.stats(TENANT_A).requests - before).toBe(second.run.graphRequests);
  });

  it('re-attributes a finding that changes further, and keeps the attribution while nothing changes', async () => {
    const { check, change, clock, stores } = await checkWorld();
    const first = await check();
    change('first');
    clock.advance(60_000);
    const second = await check(first.run.startedAt);
    const id = second.newFindingIds[0] as string;
    clock.advance(60_000);
    change('second', { userPrincipalName: 'megan@contoso.com', app: 'Graph Explorer' });
    clock.advance(60_000);

    const third = await check(second.run.startedAt);
    expect(third.changedFindingIds).toEqual([id]);
    expect((await stores.findings.get(id))?.attribution).toMatchObject({
      by: 'megan@contoso.com',
      via: 'Graph Explorer',
    });

    clock.advance(60_000);
    const fourth = await check(third.run.startedAt);
    expect(fourth.run.counts.unchanged).toBe(1);
    expect((await stores.findings.get(id))?.attribution?.by).toBe('megan@contoso.com');
  });

  it('raises the finding without attribution when the app may not read the audit log: the check is still complete', async () => {
    const { check, change, clock, stores } = await checkWorld(true);
    const first = await check();
    change('unseen hand');
    clock.advance(60_000);

    const second = await check(first.run.startedAt);

    expect(second.run.status).toBe('complete');
    expect(second.newFindingIds).toHaveLength(1);
    expect((await stores.findings.get(second.newFindingIds[0] as string))?.attribution).toBeUndefined();
  });

  it('does not read the audit log when nothing drifted', async () => {
    const { check, clock } = await checkWorld();
    const first = await check();
    clock.advance(60_000);
    const second = await check(first.run.startedAt);
    expect(second.run.graphRequests).toBe(first.run.graphRequests);
  });
});

describe('matching audit events to objects', () => {
  const event = (id: string, by: string, at: string) => ({ resourceIds: [id], by, at });

  it('takes the latest event at or before the check, comparing ids without case', () => {
    const byObject = attributionsByObject(
      [
        event('abc', 'early@contoso.com', '2025-12-03T10:00:00Z'),
        event('ABC', 'latest@contoso.com', '2025-12-03T11:00:00Z'),
        event('abc', 'after-the-check@contoso.com', '2025-12-03T13:00:00Z'),
      ],
      new Date('2025-12-03T12:00:00Z'),
    );
    expect(byObject('Abc')?.by).toBe('latest@contoso.com');
    expect(byObject('other')).toBeUndefined();
  });

  it('asks from the previous complete check, but never more than a week back', () => {
    const now = new Date('2025-12-10T00:00:00Z');
    expect(auditWindowStart(now, '2025-12-09T00:00:00.000Z').toISOString()).toBe('2025-12-09T00:00:00.000Z');
    expect(auditWindowStart(now, '2025-11-01T00:00:00.000Z').toISOString()).toBe('2025-12-03T00:00:00.000Z');
    expect(auditWindowStart(now, undefined).toISOString()).toBe('2025-12-03T00:00:00.000Z');
  });
});
