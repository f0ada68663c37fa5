/** Collection names of the drift lifecycle. */
export const FINDINGS_COLLECTION = 'findings';
export const AUDIT_COLLECTION = 'audit';
export const BASELINES_COLLECTION = 'baselines';
export const BASELINE_OBJECTS_COLLECTION = 'baseline_objects';
export const INVENTORY_COLLECTION = 'inventory';
export const IGNORE_RULES_COLLECTION = 'ignore_rules';

/** MongoDB's duplicate-key error: a unique index refused a second write. */
export function isDuplicateKey(error: unknown): boolean {
  return typeof error === 'object' && error !== null && 'code' in error && error.code === 11000;
}
