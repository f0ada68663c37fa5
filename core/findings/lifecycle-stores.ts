import type { BaselineStore } from '../baselines/baseline-store';
import type { InventoryStore } from '../inventory/inventory-store';
import type { AuditLog } from './audit-log';
import type { FindingStore } from './finding-store';
import type { IgnoreRuleStore } from './ignore-rule-store';

/** Everything the drift lifecycle stores, as built by createMongoStores(db) (or in-memory in tests). */
export interface LifecycleStores {
  findings: FindingStore;
  audit: AuditLog;
  baselines: BaselineStore;
  inventory: InventoryStore;
  ignoreRules: IgnoreRuleStore;
}
