import type { Actor, Finding, NormalisedObject } from '../model';
import { sortObjects, type Baseline } from './baseline';

export type AcceptIntoBaselineResult =
  | { ok: true; baseline: Baseline }
  | { ok: false; reason: 'current-object-required' | 'not-in-baseline'; message: string };

/**
 * The next immutable version with the finding's current state taken as desired: a modified or
 * added object is taken as observed now, a missing one is dropped. The baseline object is found by
 * key, or by display name for a golden baseline whose keys belong to another tenant.
 */
export function acceptIntoBaseline(
  baseline: Baseline,
  finding: Finding,
  currentObject: NormalisedObject | undefined,
  actor: Actor,
  reason: string,
  now: Date,
): AcceptIntoBaselineResult {
  // An added object must not replace a namesake: only a modified or missing one matches by name.
  const index = indexOfBaselineObject(baseline.objects, finding, finding.kind !== 'added');
  const objects = [...baseline.objects];
  if (finding.kind === 'missing') {
    if (index < 0) return notInBaseline(baseline, finding);
    objects.splice(index, 1);
  } else {
    if (!currentObject) {
      return {
        ok: false,
        reason: 'current-object-required',
        message: `The current state of "${finding.displayName}" is not in the inventory; run a check of the tenant, then accept again.`,
      };
    }
    if (finding.kind === 'modified' && index < 0) return notInBaseline(baseline, finding);
    if (index >= 0) objects.splice(index, 1, currentObject);
    else objects.push(currentObject);
  }
  return {
    ok: true,
    baseline: {
      tenantId: baseline.tenantId,
      version: baseline.version + 1,
      source: baseline.source,
      objects: sortObjects(objects),
      createdAt: now.toISOString(),
      createdBy: actor,
      note: reason,
      acceptedFindingId: finding.id,
    },
  };
}

function indexOfBaselineObject(
  objects: readonly NormalisedObject[],
  finding: Finding,
  byName: boolean,
): number {
  const byKey = objects.findIndex((o) => o.policyType === finding.policyType && o.key === finding.key);
  if (byKey >= 0 || !byName) return byKey;
  return objects.findIndex(
    (o) => o.policyType === finding.policyType && o.displayName === finding.displayName,
  );
}

function notInBaseline(baseline: Baseline, finding: Finding): AcceptIntoBaselineResult {
  return {
    ok: false,
    reason: 'not-in-baseline',
    message: `"${finding.displayName}" is not in baseline version ${baseline.version} any more; check the tenant again, then decide.`,
  };
}
