import type { Actor, Finding } from '../model';

/**
 * A false positive remembered: those paths on that policy type (and object) are left out of the
 * diff for the tenant. Structurally an `IgnoreRule` of core/drift, plus where it came from.
 */
export interface StoredIgnoreRule {
  id: string;
  tenantId: string;
  policyType: string;
  key?: string;
  /** Change-path patterns; `*` alone: the whole object (an added or missing object marked false positive). */
  paths: string[];
  findingId: string;
  reason: string;
  createdBy: Actor;
  createdAt: string;
}

export interface IgnoreRuleStore {
  /** Idempotent per rule id. */
  add(rule: StoredIgnoreRule): Promise<void>;
  list(tenantId: string): Promise<StoredIgnoreRule[]>;
}

/** The ignore rule a false-positive decision records: the finding's changed paths on that object. */
export function ignoreRuleFor(finding: Finding, reason: string, actor: Actor, now: Date): StoredIgnoreRule {
  return {
    id: `${finding.id}:v${finding.version}`,
    tenantId: finding.tenantId,
    policyType: finding.policyType,
    key: finding.key,
    paths: finding.kind === 'modified' ? [...new Set(finding.changes.map((c) => c.path))].sort() : ['*'],
    findingId: finding.id,
    reason,
    createdBy: actor,
    createdAt: now.toISOString(),
  };
}
