import type { Db } from 'mongodb';
import {
  AUDIT_COLLECTION,
  BASELINE_OBJECTS_COLLECTION,
  BASELINES_COLLECTION,
  FINDINGS_COLLECTION,
  IGNORE_RULES_COLLECTION,
  INVENTORY_COLLECTION,
} from './lifecycle-collections';

/** Every index of the drift lifecycle collections. Idempotent; run once at start. */
export async function ensureLifecycleIndexes(db: Db): Promise<void> {
  await db.collection(FINDINGS_COLLECTION).createIndexes([
    // list(tenant, minSeverity, states) sorted by severity, then age.
    { key: { tenantId: 1, severityRank: 1, firstSeenAt: 1 }, name: 'tenant_severity_age' },
    { key: { tenantId: 1, state: 1 }, name: 'tenant_state' },
    // Portfolio counts across tenants.
    { key: { state: 1, severityRank: 1 }, name: 'state_severity' },
  ]);
  await db.collection(AUDIT_COLLECTION).createIndexes([
    { key: { findingId: 1, findingVersion: 1 }, name: 'finding_version', unique: true },
    { key: { tenantId: 1, at: 1 }, name: 'tenant_at' },
  ]);
  await db.collection(BASELINES_COLLECTION).createIndexes([
    // Two saves of version N for one tenant: exactly one gets in.
    { key: { tenantId: 1, version: 1 }, name: 'tenant_version', unique: true },
  ]);
  await db
    .collection(BASELINE_OBJECTS_COLLECTION)
    .createIndexes([{ key: { saveId: 1, index: 1 }, name: 'save_index' }]);
  await db
    .collection(INVENTORY_COLLECTION)
    .createIndexes([{ key: { tenantId: 1, policyType: 1, key: 1 }, name: 'tenant_type_key' }]);
  await db
    .collection(IGNORE_RULES_COLLECTION)
    .createIndexes([{ key: { tenantId: 1, createdAt: 1 }, name: 'tenant_created' }]);
}
