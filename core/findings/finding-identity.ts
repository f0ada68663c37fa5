import type { Change, FindingKind } from '../model';
import { canonicalJson, sha256Hex } from './canonical-json';

/**
 * The stable id of a finding: one per tenant + policy type + object key, for the finding's whole life
 * (resolved findings that come back reuse it). Hashed so ids stay short and safe in card payloads.
 */
export function findingIdOf(tenantId: string, policyType: string, key: string): string {
  return `f-${sha256Hex(canonicalJson([tenantId.toLowerCase(), policyType, key])).slice(0, 32)}`;
}

/**
 * The drift signature: kind + changed paths with their current values, independent of the order of
 * the changes. Baseline values are left out on purpose: accepting into the baseline changes them,
 * but the tenant has not moved, so it is not news.
 */
export function driftSignatureOf(drift: { kind: FindingKind; changes: readonly Change[] }): string {
  const paths = drift.changes
    .map((change) => [change.path, canonicalJson(change.current)] as const)
    .sort(([a, av], [b, bv]) => (a < b ? -1 : a > b ? 1 : av < bv ? -1 : av > bv ? 1 : 0));
  return sha256Hex(canonicalJson({ kind: drift.kind, paths }));
}
