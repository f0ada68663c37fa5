import { describe, expect, it } from 'vitest';
import { acceptFinding } from '../../../core/baselines/accept-finding';
import { captureBaseline } from '../../../core/baselines/capture-baseline';
import { reconcileFindings } from '../../../core/findings/reconcile-findings';
import { markFalsePositive } from '../../../core/findings/mark-false-positive';
import { aDrift, alice, anObject, bob, TENANT } from '../../support/builders/drift';
import { createInMemoryStores } from '../../support/fakes/in-memory-stores';

const NOW = new Date('2025-06-10T09:00:00.000Z');
const CA = 'conditionalAccessPolicy';
const observed = anObject({ body: { displayName: 'Require MFA for admins', state: 'disabled' } });

async function tenantWithOneFinding() {
  const stores = createInMemoryStores();
  await stores.baselines.save(
    captureBaseline(TENANT, [anObject()], { kind: 'tenant', ref: TENANT }, null, NOW),
  );
  await stores.inventory.replaceTypes(TENANT, [CA], [observed], NOW.toISOString());
  const result = reconcileFindings([], [aDrift()], {
    tenantId: TENANT,
    now: NOW,
    completeTypes: new Set([CA]),
    runId: 'r1',
  });
  await stores.findings.applyReconcile(result);
  return { stores, id: result.changes[0]!.finding.id };
}

describe('acceptFinding', () => {
  it('accepts the finding and saves the observed object as the next baseline version', async () => {
    const { stores, id } = await tenantWithOneFinding();

    const result = await acceptFinding(stores, {
      findingId: id,
      expectedVersion: 1,
      actor: alice,
      reason: 'CAB-42',
      now: NOW,
    });

    expect(result).toMatchObject({
      ok: true,
      finding: { state: 'accepted', reason: 'CAB-42' },
      baseline: { version: 2 },
    });
    expect((await stores.baselines.current(TENANT))?.objects).toEqual([observed]);
  });

  it('rebuilds on top of a version someone else saved meanwhile', async () => {
    const { stores, id } = await tenantWithOneFinding();
    const other = anObject({ key: 'ca-other', displayName: 'Other' });
    const v1 = await stores.baselines.current(TENANT);
    await stores.baselines.save({ ...v1!, version: 2, objects: [...v1!.objects, other] });

    const result = await acceptFinding(stores, {
      findingId: id,
      expectedVersion: 1,
      actor: alice,
      reason: 'ok',
      now: NOW,
    });

    expect(result).toMatchObject({ ok: true, baseline: { version: 3 } });
    expect((await stores.baselines.current(TENANT))?.objects).toEqual([other, observed]);
  });

  it('finds the observed object by display name when the baseline came from a golden tenant', async () => {
    const stores = createInMemoryStores();
    const golden = anObject({ key: 'golden-key' });
    const local = anObject({ key: 'local-key', body: { state: 'disabled' } });
    await stores.baselines.save(captureBaseline(TENANT, [golden], { kind: 'golden', ref: 'g' }, null, NOW));
    await stores.inventory.replaceTypes(TENANT, [CA], [local], NOW.toISOString());
    const drift = aDrift({ key: 'golden-key' });
    const result = reconcileFindings([], [drift], {
      tenantId: TENANT,
      now: NOW,
      completeTypes: new Set([CA]),
      runId: 'r',
    });
    await stores.findings.applyReconcile(result);

    const accepted = await acceptFinding(stores, {
      findingId: result.changes[0]!.finding.id,
      expectedVersion: 1,
      actor: alice,
      reason: 'local variation',
      now: NOW,
    });

    expect(accepted).toMatchObject({
      ok: true,
      baseline: { version: 2, source: { kind: 'golden', ref: 'g' } },
    });
    expect((await stores.baselines.current(TENANT))?.objects).toEqual([local]);
  });

  it('writes nothing when the observed object is unknown', async () => {
    const { stores, id } = await tenantWithOneFinding();
    await stores.inventory.replaceTypes(TENANT, [CA], [], NOW.toISOString());

    const result = await acceptFinding(stores, {
      findingId: id,
      expectedVersion: 1,
      actor: alice,
      reason: 'ok',
      now: NOW,
    });

    expect(result).toMatchObject({ ok: false, reason: 'current-object-required' });
    expect((await stores.findings.get(id))?.state).toBe('open');
    expect((await stores.baselines.current(TENANT))?.version).toBe(1);
  });

  it('passes a conflict through without touching the baseline', async () => {
    const { stores, id } = await tenantWithOneFinding();
    await stores.findings.transition(id, 1, { kind: 'acknowledge' }, bob, NOW);

    const result = await acceptFinding(stores, {
      findingId: id,
      expectedVersion: 1,
      actor: alice,
      reason: 'ok',
      now: NOW,
    });

    expect(result).toMatchObject({ ok: false, reason: 'conflict' });
    expect((await stores.baselines.current(TENANT))?.version).toBe(1);
  });
});

describe('markFalsePositive', () => {
  it('closes the finding and records an ignore rule for its paths on that object', async () => {
    const { stores, id } = await tenantWithOneFinding();

    const result = await markFalsePositive(stores, {
      findingId: id,
      expectedVersion: 1,
      actor: alice,
      reason: ' Graph default ',
      now: NOW,
      conversationId: 'c-9',
    });

    expect(result).toMatchObject({
      ok: true,
      finding: { state: 'false_positive' },
      audit: { conversationId: 'c-9' },
    });
    expect(await stores.ignoreRules.list(TENANT)).toEqual([
      {
        id: `${id}:v2`,
        tenantId: TENANT,
        policyType: CA,
        key: 'ca-require-mfa',
        paths: ['state'],
        findingId: id,
        reason: 'Graph default',
        createdBy: alice,
        createdAt: NOW.toISOString(),
      },
    ]);
  });

  it('records no rule when the transition is refused', async () => {
    const { stores, id } = await tenantWithOneFinding();

    const result = await markFalsePositive(stores, {
      findingId: id,
      expectedVersion: 1,
      actor: alice,
      reason: '',
      now: NOW,
    });

    expect(result).toMatchObject({ ok: false, reason: 'reason-required' });
    expect(await stores.ignoreRules.list(TENANT)).toEqual([]);
  });
});
