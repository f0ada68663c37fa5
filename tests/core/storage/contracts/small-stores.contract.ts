import { describe, expect, it } from 'vitest';
import type { AuditEntry } from '../../../../core/findings/audit-entry';
import type { LifecycleStores } from '../../../../core/findings/lifecycle-stores';
import type { StoredIgnoreRule } from '../../../../core/findings/ignore-rule-store';
import { alice, anObject, OTHER_TENANT, TENANT } from '../../../support/builders/drift';

function anEntry(overrides: Partial<AuditEntry>): AuditEntry {
  return {
    id: 'f-1:v2',
    findingId: 'f-1',
    tenantId: TENANT,
    at: '2025-06-01T09:00:00.000Z',
    actor: alice,
    action: 'acknowledge',
    from: 'open',
    to: 'acknowledged',
    previousVersion: 1,
    findingVersion: 2,
    ...overrides,
  };
}

function aRule(overrides: Partial<StoredIgnoreRule> = {}): StoredIgnoreRule {
  return {
    id: 'f-1:v3',
    tenantId: TENANT,
    policyType: 'conditionalAccessPolicy',
    key: 'ca-require-mfa',
    paths: ['conditions.users.excludeUsers'],
    findingId: 'f-1',
    reason: 'break-glass account',
    createdBy: alice,
    createdAt: '2025-06-01T09:00:00.000Z',
    ...overrides,
  };
}

/** AuditLog, InventoryStore and IgnoreRuleStore: the in-memory fakes and MongoDB run this same suite. */
export function smallStoresContract(makeStores: () => Promise<LifecycleStores>): void {
  describe('AuditLog contract', () => {
    it('appends once per entry id and lists oldest first per finding or tenant', async () => {
      const { audit } = await makeStores();
      const later = anEntry({
        id: 'f-1:v3',
        at: '2025-06-02T09:00:00.000Z',
        findingVersion: 3,
        previousVersion: 2,
      });
      const first = anEntry({
        actor: null,
        action: 'detected',
        id: 'f-1:v1',
        findingVersion: 1,
        previousVersion: 0,
      });
      const elsewhere = anEntry({ id: 'f-2:v1', findingId: 'f-2', tenantId: OTHER_TENANT });

      await audit.append([later, first]);
      await audit.append([later, elsewhere]);
      await audit.append([]);

      expect(await audit.list({ findingId: 'f-1' })).toEqual([first, later]);
      expect(await audit.list({ tenantId: OTHER_TENANT })).toEqual([elsewhere]);
      expect(await audit.list({ tenantId: TENANT, limit: 1 })).toEqual([first]);
    });
  });

  describe('InventoryStore contract', () => {
    const ca1 = anObject({ key: 'b' });
    const ca2 = anObject({ key: 'a', displayName: 'Other', body: { 'odd.key': { $x: 1 } } });
    const compliance = anObject({
      policyType: 'deviceCompliancePolicy',
      key: 'c',
      displayName: 'Compliance',
    });

    it('replaces the types read completely and keeps the rest as last seen', async () => {
      const { inventory } = await makeStores();
      await inventory.replaceTypes(
        TENANT,
        ['conditionalAccessPolicy', 'deviceCompliancePolicy'],
        [ca1, ca2, compliance],
        't1',
      );

      await inventory.replaceTypes(TENANT, ['conditionalAccessPolicy'], [ca2, compliance], 't2');

      expect(await inventory.list(TENANT)).toEqual([
        { ...ca2, observedAt: 't2' },
        { ...compliance, observedAt: 't1' },
      ]);
      expect(await inventory.list(TENANT, 'deviceCompliancePolicy')).toEqual([
        { ...compliance, observedAt: 't1' },
      ]);
      expect(await inventory.get(TENANT, 'conditionalAccessPolicy', 'a')).toEqual({
        ...ca2,
        observedAt: 't2',
      });
      expect(await inventory.get(TENANT, 'conditionalAccessPolicy', 'b')).toBeUndefined();
      expect(await inventory.list(OTHER_TENANT)).toEqual([]);
    });
  });

  describe('IgnoreRuleStore contract', () => {
    it('records a rule once and lists a tenant’s rules', async () => {
      const { ignoreRules } = await makeStores();
      const rule = aRule();
      const wholeObject = aRule({ id: 'f-2:v2', key: 'x', paths: [], createdAt: '2025-06-02T09:00:00.000Z' });

      await ignoreRules.add(rule);
      await ignoreRules.add(rule);
      await ignoreRules.add(wholeObject);
      await ignoreRules.add(aRule({ id: 'f-3:v2', tenantId: OTHER_TENANT }));

      expect(await ignoreRules.list(TENANT)).toEqual([rule, wholeObject]);
    });
  });
}
