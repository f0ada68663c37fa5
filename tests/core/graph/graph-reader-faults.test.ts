import { describe, expect, it } from 'vitest';
import { closingGraphWorlds, expectedObjects, TENANT_A } from './graph-fixture';

const world = closingGraphWorlds();

describe('reading a tenant when Graph throttles or fails', () => {
  it('waits out 429s (Retry-After honoured, also inside $batch) and still reads everything', async () => {
    const { sim, reader, sleeps } = await world(
      { defaultFaults: { rate: { requests: 10, windowMs: 20_000 } } },
      { requestsPerSecond: 1000, burst: 1000 },
    );

    const read = await reader.read(TENANT_A, { types: ['settingsCatalog', 'compliancePolicy'] });

    const expected = await expectedObjects(TENANT_A);
    expect(read.coverage.settingsCatalog).toEqual({
      status: 'complete',
      objects: expected.settingsCatalog?.size,
    });
    expect(read.coverage.compliancePolicy).toEqual({
      status: 'complete',
      objects: expected.compliancePolicy?.size,
    });
    expect(sim.control.stats(TENANT_A).throttled).toBeGreaterThan(0);
    expect(sleeps.some((ms) => ms >= 1000 && ms <= 20_000)).toBe(true);
  });

  it('retries injected 503s and reads the right data', async () => {
    const { reader } = await world({
      defaultFaults: { fail: { status: 503, every: 3, retryAfterSeconds: 2 } },
    });

    const read = await reader.read(TENANT_A, { types: ['settingsCatalog', 'endpointSecurityIntent'] });

    const expected = await expectedObjects(TENANT_A);
    expect(read.coverage.settingsCatalog?.status).toBe('complete');
    expect(read.objects.settingsCatalog?.map((o) => o.id).sort()).toEqual(
      [...(expected.settingsCatalog?.keys() ?? [])].sort(),
    );
    expect(read.coverage.endpointSecurityIntent?.status).toBe('complete');
  });

  it('marks a type failed, with no objects, when 503s outlast the retry cap', async () => {
    const { reader } = await world(
      { defaultFaults: { fail: { status: 503, every: 1 } } },
      { retry: { maxRetries: 2, random: () => 0 } },
    );

    const read = await reader.read(TENANT_A, { types: ['compliancePolicy'] });

    expect(read.coverage.compliancePolicy).toMatchObject({ status: 'failed', objects: 0 });
    expect(read.coverage.compliancePolicy?.reason).toMatch(/503/);
    expect(read.objects.compliancePolicy).toEqual([]);
  });

  it('fails a type whose settings pages stop early (settings.length ≠ settingCount), never reporting fewer settings', async () => {
    const { reader, sim } = await world();
    sim.control.setFaults(TENANT_A, { truncatePaging: ['settingsCatalog'] });

    const read = await reader.read(TENANT_A, { types: ['settingsCatalog'] });

    expect(read.coverage.settingsCatalog?.status).toBe('failed');
    expect(read.coverage.settingsCatalog?.reason).toMatch(/settings\.length \(\d+\) ≠ settingCount \(\d+\)/);
    expect(read.objects.settingsCatalog).toEqual([]);
  });

  it('fails a type whose paging never ends, at the safety cap', async () => {
    const { reader, sim } = await world({}, { maxPages: 50 });
    sim.control.setFaults(TENANT_A, { endlessPaging: ['deviceConfiguration'] });

    const read = await reader.read(TENANT_A, { types: ['deviceConfiguration'] });

    expect(read.coverage.deviceConfiguration).toMatchObject({ status: 'failed', objects: 0 });
    expect(read.coverage.deviceConfiguration?.reason).toMatch(/safety cap/);
  });

  it('fails a type answered 403 and names the permission the app lacks', async () => {
    const { reader, sim } = await world();
    sim.control.setFaults(TENANT_A, { forbidden: ['conditionalAccessPolicy'] });

    const read = await reader.read(TENANT_A, { types: ['conditionalAccessPolicy', 'namedLocation'] });

    expect(read.coverage.conditionalAccessPolicy?.status).toBe('failed');
    expect(read.coverage.conditionalAccessPolicy?.reason).toContain('Policy.Read.All');
    expect(read.coverage.namedLocation?.status).toBe('complete');
  });

  it('skips a type Graph calls "not applicable to target tenant" (not licensed)', async () => {
    const { reader, sim } = await world();
    sim.control.setFaults(TENANT_A, { notApplicable: ['settingsCatalog'] });

    const read = await reader.read(TENANT_A, { types: ['settingsCatalog', 'compliancePolicy'] });

    expect(read.coverage.settingsCatalog).toMatchObject({ status: 'skipped', objects: 0 });
    expect(read.coverage.settingsCatalog?.reason).toMatch(/not licensed/);
    expect(read.coverage.compliancePolicy?.status).toBe('complete');
  });

  it('reads Conditional Access one request at a time, at most one per second', async () => {
    const { reader, sleeps } = await world();

    const read = await reader.read(TENANT_A, { types: ['conditionalAccessPolicy', 'namedLocation'] });

    expect(read.coverage.conditionalAccessPolicy?.status).toBe('complete');
    expect(read.coverage.namedLocation?.status).toBe('complete');
    expect(sleeps.filter((ms) => ms >= 1000)).not.toHaveLength(0);
  });

  it('counts every Graph request, $batch sub-requests one each', async () => {
    const { reader, sim } = await world();

    const read = await reader.read(TENANT_A, { types: ['settingsCatalog'] });

    // 2 list pages + 31 settings reads (in 2 batches) + 2 more settings pages of the 53-setting policy.
    expect(read.graphRequests).toBe(35);
    expect(sim.control.stats(TENANT_A).requests).toBe(35);
  });

  it('sees objects changed, added and deleted through the control API on the next read', async () => {
    const { reader, sim } = await world();
    const [first, second] = sim.control.objects(TENANT_A, 'compliancePolicy');
    sim.control.upsertObject(TENANT_A, 'compliancePolicy', {
      ...first,
      id: first?.id as string,
      displayName: 'changed',
    });
    sim.control.deleteObject(TENANT_A, 'compliancePolicy', second?.id as string);
    sim.control.upsertObject(TENANT_A, 'compliancePolicy', {
      id: 'added-1',
      displayName: 'new',
      assignments: [],
      scheduledActionsForRule: [],
    });

    const read = await reader.read(TENANT_A, { types: ['compliancePolicy'] });

    const byId = new Map(read.objects.compliancePolicy?.map((o) => [o.id, o]));
    expect(byId.get(first?.id)?.displayName).toBe('changed');
    expect(byId.has(second?.id)).toBe(false);
    expect(byId.get('added-1')?.displayName).toBe('new');
  });
});
