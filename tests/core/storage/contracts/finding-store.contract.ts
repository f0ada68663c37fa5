import { describe, expect, it } from 'vitest';
import type { Finding } from '../../../../core/model';
import type { LifecycleStores } from '../../../../core/findings/lifecycle-stores';
import { reconcileFindings, type ReconcileContext } from '../../../../core/findings/reconcile-findings';
import { updateFindings } from '../../../../core/findings/update-findings';
import { aChange, aDrift, alice, bob, OTHER_TENANT, TENANT } from '../../../support/builders/drift';

const CA = 'conditionalAccessPolicy';
const COMPLIANCE = 'deviceCompliancePolicy';
const T1 = new Date('2025-06-01T09:00:00.000Z');
const T2 = new Date('2025-06-02T09:00:00.000Z');
const T3 = new Date('2025-06-03T09:00:00.000Z');

function ctx(now: Date, overrides: Partial<ReconcileContext> = {}): ReconcileContext {
  return {
    tenantId: TENANT,
    now,
    completeTypes: new Set([CA, COMPLIANCE]),
    runId: `run-${now.getTime()}`,
    ...overrides,
  };
}

const mfa = aDrift();
const legacyAuth = aDrift({ key: 'ca-block-legacy', displayName: 'Block legacy auth', severity: 'high' });
const bitlocker = aDrift({
  policyType: COMPLIANCE,
  key: 'win-compliance',
  displayName: 'Windows compliance',
  severity: 'medium',
  changes: [
    aChange({
      path: './Device/Vendor/MSFT/BitLocker',
      baseline: { 'require.encryption': true, $weird: [1, { a: null }] },
      current: { 'require.encryption': false },
    }),
  ],
});

async function seed(stores: LifecycleStores, drifts = [mfa, legacyAuth, bitlocker]): Promise<Finding[]> {
  const result = reconcileFindings([], drifts, ctx(T1));
  await stores.findings.applyReconcile(result);
  return result.changes.map((c) => c.finding);
}

/** The behaviour every FindingStore must have: the in-memory fake and MongoDB run this same suite. */
export function findingStoreContract(makeStores: () => Promise<LifecycleStores>): void {
  describe('FindingStore contract', () => {
    it('stores what a check created and reads it back unchanged, odd keys in values included', async () => {
      const stores = await makeStores();

      const created = await seed(stores);

      for (const finding of created) expect(await stores.findings.get(finding.id)).toEqual(finding);
      expect(await stores.findings.get('f-unknown')).toBeUndefined();
    });

    it('stores who changed the object beside the finding and reads it back', async () => {
      const stores = await makeStores();
      const attribution = {
        by: 'adele.vance@contoso.com',
        via: 'Microsoft Intune portal extension',
        at: '2025-06-01T08:55:00.000Z',
        activity: 'Patch DeviceCompliancePolicy',
      };
      const result = reconcileFindings([], [bitlocker], ctx(T1, { attribute: () => attribution }));
      await stores.findings.applyReconcile(result);

      const [created] = result.changes.map((c) => c.finding);
      expect((await stores.findings.get(created?.id ?? ''))?.attribution).toEqual(attribution);
    });

    it('lists a tenant most severe first, filtered by severity floor, states and type', async () => {
      const stores = await makeStores();
      await seed(stores);
      await stores.findings.applyReconcile(reconcileFindings([], [mfa], ctx(T1, { tenantId: OTHER_TENANT })));

      const all = await stores.findings.list(TENANT);
      const highUp = await stores.findings.list(TENANT, { minSeverity: 'high' });
      const compliance = await stores.findings.list(TENANT, { policyType: COMPLIANCE });
      const acknowledged = await stores.findings.list(TENANT, { states: ['acknowledged'] });
      const first = await stores.findings.list(TENANT, { limit: 1 });

      expect(all.map((f) => f.key)).toEqual(['ca-require-mfa', 'ca-block-legacy', 'win-compliance']);
      expect(highUp.map((f) => f.severity)).toEqual(['critical', 'high']);
      expect(compliance.map((f) => f.key)).toEqual(['win-compliance']);
      expect(acknowledged).toEqual([]);
      expect(first.map((f) => f.key)).toEqual(['ca-require-mfa']);
    });

    it('counts by tenant, severity and state, for one tenant or the whole portfolio', async () => {
      const stores = await makeStores();
      const [first] = await seed(stores);
      await stores.findings.applyReconcile(reconcileFindings([], [mfa], ctx(T1, { tenantId: OTHER_TENANT })));
      await stores.findings.transition(first!.id, 1, { kind: 'acknowledge' }, alice, T2);

      const portfolio = await stores.findings.count();
      const one = await stores.findings.count({ tenantIds: [OTHER_TENANT] });
      const highOpen = await stores.findings.count({ minSeverity: 'high', states: ['open'] });

      expect(portfolio).toEqual([
        { tenantId: TENANT, severity: 'critical', state: 'acknowledged', count: 1 },
        { tenantId: TENANT, severity: 'high', state: 'open', count: 1 },
        { tenantId: TENANT, severity: 'medium', state: 'open', count: 1 },
        { tenantId: OTHER_TENANT, severity: 'critical', state: 'open', count: 1 },
      ]);
      expect(one).toEqual([{ tenantId: OTHER_TENANT, severity: 'critical', state: 'open', count: 1 }]);
      expect(highOpen.map((c) => [c.tenantId, c.severity])).toEqual([
        [TENANT, 'high'],
        [OTHER_TENANT, 'critical'],
      ]);
    });

    it('applies the same check outcome twice without a second version or audit entry', async () => {
      const stores = await makeStores();
      const result = reconcileFindings([], [mfa], ctx(T1));

      const once = await stores.findings.applyReconcile(result);
      const twice = await stores.findings.applyReconcile(result);

      expect(once).toEqual({ applied: [result.changes[0]!.finding.id], conflicts: [] });
      expect(twice).toEqual(once);
      expect(await stores.audit.list({ tenantId: TENANT })).toHaveLength(1);
      expect((await stores.findings.get(result.changes[0]!.finding.id))?.version).toBe(1);
    });

    it('never overwrites a person’s decision taken while the check was reconciling', async () => {
      const stores = await makeStores();
      const [finding] = await seed(stores, [mfa]);
      const stale = reconcileFindings([finding!], [], ctx(T2));
      await stores.findings.transition(finding!.id, 1, { kind: 'acknowledge' }, alice, T2);

      const outcome = await stores.findings.applyReconcile(stale);

      expect(outcome).toEqual({ applied: [], conflicts: [finding!.id] });
      expect(await stores.findings.get(finding!.id)).toMatchObject({ state: 'acknowledged', version: 2 });
    });

    it('records a finding seen again with the same signature by lastSeenAt alone, keeping its version', async () => {
      const stores = await makeStores();
      const created = await seed(stores, [mfa]);

      await stores.findings.applyReconcile(reconcileFindings(created, [mfa], ctx(T2)));

      expect(await stores.findings.get(created[0]!.id)).toEqual({
        ...created[0],
        lastSeenAt: T2.toISOString(),
      });
    });

    it('transitions with the version the person saw, storing history and an audit entry', async () => {
      const stores = await makeStores();
      const [finding] = await seed(stores, [mfa]);

      const result = await stores.findings.transition(
        finding!.id,
        1,
        { kind: 'snooze', reason: 'change window', until: '2025-06-09T00:00:00.000Z', conversationId: 'c-1' },
        alice,
        T2,
      );

      expect(result).toMatchObject({ ok: true, finding: { state: 'snoozed', version: 2 } });
      expect(await stores.findings.get(finding!.id)).toEqual(result.ok ? result.finding : undefined);
      expect(await stores.audit.list({ findingId: finding!.id })).toEqual([
        expect.objectContaining({ action: 'detected', actor: null, findingVersion: 1 }),
        {
          id: `${finding!.id}:v2`,
          findingId: finding!.id,
          tenantId: TENANT,
          at: T2.toISOString(),
          actor: alice,
          action: 'snooze',
          from: 'open',
          to: 'snoozed',
          previousVersion: 1,
          findingVersion: 2,
          reason: 'change window',
          until: '2025-06-09T00:00:00.000Z',
          conversationId: 'c-1',
        },
      ]);
    });

    it('answers a stale version with a conflict carrying the current finding', async () => {
      const stores = await makeStores();
      const [finding] = await seed(stores, [mfa]);
      await stores.findings.transition(finding!.id, 1, { kind: 'assign' }, bob, T2);

      const result = await stores.findings.transition(finding!.id, 1, { kind: 'acknowledge' }, alice, T2);

      expect(result).toMatchObject({
        ok: false,
        reason: 'conflict',
        message:
          'Bob Engineer changed this finding a moment ago; it is now acknowledged. Look at it again before acting.',
        current: { version: 2, assignee: bob },
      });
    });

    it('answers unknown findings with not-found and refused transitions without writing', async () => {
      const stores = await makeStores();
      const [finding] = await seed(stores, [mfa]);

      const missing = await stores.findings.transition('f-nope', 1, { kind: 'acknowledge' }, alice, T2);
      const refused = await stores.findings.transition(
        finding!.id,
        1,
        { kind: 'accept', reason: ' ' },
        alice,
        T2,
      );

      expect(missing).toMatchObject({ ok: false, reason: 'not-found' });
      expect(refused).toMatchObject({ ok: false, reason: 'reason-required' });
      expect(await stores.findings.get(finding!.id)).toEqual(finding);
      expect(await stores.audit.list({ findingId: finding!.id })).toHaveLength(1);
    });

    it('gives exactly one of 20 simultaneous clicks the transition and the rest a conflict', async () => {
      const stores = await makeStores();
      const [finding] = await seed(stores, [mfa]);
      const people = Array.from({ length: 20 }, (_, i) => ({ id: `user-${i}`, name: `User ${i}` }));

      const results = await Promise.all(
        people.map((person) => stores.findings.transition(finding!.id, 1, { kind: 'assign' }, person, T2)),
      );

      const winners = results.filter((r) => r.ok);
      const conflicts = results.filter((r) => !r.ok && r.reason === 'conflict');
      expect(winners).toHaveLength(1);
      expect(conflicts).toHaveLength(19);
      const stored = await stores.findings.get(finding!.id);
      expect(stored?.version).toBe(2);
      expect(stored?.history).toHaveLength(2);
      expect(stored?.assignee).toEqual(winners[0]?.ok ? winners[0].finding.assignee : undefined);
      expect(
        (await stores.audit.list({ findingId: finding!.id })).map((e) => [e.action, e.findingVersion]),
      ).toEqual([
        ['detected', 1],
        ['assign', 2],
      ]);
    });

    it('takes a finding through its whole life across checks and clicks', async () => {
      const stores = await makeStores();
      const further = aDrift({ changes: [aChange({ current: 'enabledForReportingButNotEnforced' })] });

      const detected = await updateFindings(stores.findings, [mfa], ctx(T1));
      const id = detected.summary.new[0]!;
      await stores.findings.transition(id, 1, { kind: 'accept', reason: 'approved' }, alice, T1);
      const quiet = await updateFindings(stores.findings, [mfa], ctx(T2));
      const redrift = await updateFindings(stores.findings, [further], ctx(T2));
      const partial = await updateFindings(
        stores.findings,
        [],
        ctx(T3, { completeTypes: new Set([COMPLIANCE]) }),
      );
      const resolved = await updateFindings(stores.findings, [], ctx(T3));

      expect(detected.summary.news).toBe(true);
      expect(quiet.summary).toMatchObject({ unchanged: [id], news: false });
      expect(redrift.summary).toMatchObject({ reopened: [id], news: true });
      expect(partial.summary).toMatchObject({ resolved: [], notChecked: [CA], news: false });
      expect(resolved.summary).toMatchObject({ resolved: [id], news: true });
      expect((await stores.findings.get(id))?.history.map((h) => `${h.action}:${h.to}`)).toEqual([
        'detected:open',
        'accept:accepted',
        'redrift:open',
        'resolved:resolved',
      ]);
      expect((await stores.audit.list({ findingId: id })).map((e) => e.findingVersion)).toEqual([1, 2, 3, 4]);
    });
  });
}
