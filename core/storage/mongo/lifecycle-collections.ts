/** Collection names of the drift lifecycle. */
export const FINDINGS_COLLECTION = 'findings';
export const AUDIT_COLLECTION = 'audit';
export const BASELINES_COLLECTION = 'baselines';
export const BASELINE_OBJECTS_COLLECTION = 'baseline_objects';
export const INVENTORY_COLLECTION = 'inventory';
export const IGNORE_RULES_COLLECTION = 'ignore_rules';
