import type { Db } from 'mongodb';
import type { LifecycleStores } from '../../findings/lifecycle-stores';
import { createMongoAuditLog } from './mongo-audit-log';
import { createMongoBaselineStore } from './mongo-baseline-store';
import { createMongoFindingStore } from './mongo-finding-store';
import { createMongoIgnoreRuleStore } from './mongo-ignore-rule-store';
import { createMongoInventoryStore } from './mongo-inventory-store';

/** The drift lifecycle stores over one database. Call ensureIndexes(db) once at start first. */
export function createMongoStores(db: Db): LifecycleStores {
  const audit = createMongoAuditLog(db);
  return {
    findings: createMongoFindingStore(db, audit),
    audit,
    baselines: createMongoBaselineStore(db),
    inventory: createMongoInventoryStore(db),
    ignoreRules: createMongoIgnoreRuleStore(db),
  };
}
