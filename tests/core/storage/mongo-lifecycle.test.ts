import { describe, expect, it } from 'vitest';
import { ensureIndexes } from '../../../core/storage/mongo/ensure-indexes';
import { createMongoStores } from '../../../core/storage/mongo/create-mongo-stores';
import { FINDINGS_COLLECTION, BASELINES_COLLECTION } from '../../../core/storage/mongo/lifecycle-collections';
import { reconcileFindings } from '../../../core/findings/reconcile-findings';
import { updateFindings } from '../../../core/findings/update-findings';
import { aChange, aDrift, alice, TENANT } from '../../support/builders/drift';
import { useTestDatabase } from '../../support/mongo';

const database = useTestDatabase();
const CA = 'conditionalAccessPolicy';
const NOW = new Date('2025-06-10T09:00:00.000Z');
const ctx = { tenantId: TENANT, now: NOW, completeTypes: new Set([CA]), runId: 'r1' };

async function freshStores() {
  await database.db.dropDatabase();
  await ensureIndexes(database.db);
  return createMongoStores(database.db);
}

describe('MongoDB lifecycle storage', () => {
  it('creates every index at start, and again without complaint', async () => {
    await freshStores();

    await ensureIndexes(database.db);

    const baselineIndexes = await database.db.collection(BASELINES_COLLECTION).indexes();
    expect(baselineIndexes.find((i) => i.name === 'tenant_version')).toMatchObject({
      key: { tenantId: 1, version: 1 },
      unique: true,
    });
    const findingIndexes = (await database.db.collection(FINDINGS_COLLECTION).indexes()).map((i) => i.name);
    expect(findingIndexes).toEqual(
      expect.arrayContaining(['tenant_severity_age', 'tenant_state', 'state_severity']),
    );
  });

  it('refuses to read a finding document that does not have the expected shape', async () => {
    const stores = await freshStores();
    await database.db
      .collection<{ _id: string; state: string }>(FINDINGS_COLLECTION)
      .insertOne({ _id: 'f-broken', state: 'weird' });

    await expect(stores.findings.get('f-broken')).rejects.toThrow();
  });

  it('keeps finding documents free of nested user data keys: change values are stored as JSON text', async () => {
    const stores = await freshStores();
    const drift = aDrift({ changes: [aChange({ path: 'settings', current: { 'a.b': { $c: 1 } } })] });
    const result = reconcileFindings([], [drift], ctx);

    await stores.findings.applyReconcile(result);

    const raw = await database.db.collection(FINDINGS_COLLECTION).findOne({});
    expect(typeof raw?.changesJson).toBe('string');
    expect((await stores.findings.get(result.changes[0]!.finding.id))?.changes).toEqual(drift.changes);
  });

  it('reconciles again over a decision taken while a check was writing, so the decision stands', async () => {
    const stores = await freshStores();
    const first = await updateFindings(stores.findings, [aDrift()], ctx);
    const id = first.summary.new[0]!;
    const further = aDrift({ changes: [aChange({ current: 'enabledForReportingButNotEnforced' })] });
    // A person snoozes between the check's read and its write: the write conflicts once, then redoes.
    const racing = {
      ...stores.findings,
      list: async (tenantId: string) => {
        const seen = await stores.findings.list(tenantId);
        await stores.findings.transition(
          id,
          1,
          { kind: 'snooze', reason: 'window', until: '2025-06-12T00:00:00Z' },
          alice,
          NOW,
        );
        return seen;
      },
    };

    const outcome = await updateFindings(racing, [further], { ...ctx, runId: 'r2' });

    expect(outcome).toMatchObject({ conflicts: [], summary: { reopened: [id], changed: [] } });
    expect((await stores.findings.get(id))?.history.map((h) => h.action)).toEqual([
      'detected',
      'snooze',
      'redrift',
    ]);
  });
});
