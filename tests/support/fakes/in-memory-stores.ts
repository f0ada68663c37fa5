import { InMemoryAuditLog } from './in-memory-audit-log';
import { InMemoryBaselineStore } from './in-memory-baseline-store';
import { InMemoryFindingStore } from './in-memory-finding-store';
import { InMemoryIgnoreRuleStore } from './in-memory-ignore-rule-store';
import { InMemoryInventoryStore } from './in-memory-inventory-store';

/** The in-memory counterpart of createMongoStores(db), for unit and turn tests. */
export function createInMemoryStores() {
  const audit = new InMemoryAuditLog();
  return {
    findings: new InMemoryFindingStore(audit),
    audit,
    baselines: new InMemoryBaselineStore(),
    inventory: new InMemoryInventoryStore(),
    ignoreRules: new InMemoryIgnoreRuleStore(),
  };
}
