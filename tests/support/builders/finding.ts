import type { Finding } from '../../../core/model';
import { driftSignatureOf, findingIdOf } from '../../../core/findings/finding-identity';
import { aDrift, TENANT } from './drift';

export const T0 = '2025-06-01T09:00:00.000Z';

/**
 * An open finding for `aDrift()` first seen at T0. Overrides of tenantId, policyType, key, kind or
 * changes keep id and signature consistent unless those are overridden too.
 */
export function aFinding(overrides: Partial<Finding> = {}): Finding {
  const drift = aDrift({
    ...(overrides.policyType === undefined ? {} : { policyType: overrides.policyType }),
    ...(overrides.key === undefined ? {} : { key: overrides.key }),
    ...(overrides.kind === undefined ? {} : { kind: overrides.kind }),
    ...(overrides.changes === undefined ? {} : { changes: overrides.changes }),
  });
  const tenantId = overrides.tenantId ?? TENANT;
  return {
    id: findingIdOf(tenantId, drift.policyType, drift.key),
    tenantId,
    policyType: drift.policyType,
    key: drift.key,
    displayName: drift.displayName,
    kind: drift.kind,
    severity: drift.severity,
    changes: drift.changes,
    signature: driftSignatureOf(drift),
    state: 'open',
    version: 1,
    firstSeenAt: T0,
    lastSeenAt: T0,
    updatedAt: T0,
    history: [{ at: T0, actor: null, action: 'detected', from: 'open', to: 'open' }],
    ...overrides,
  };
}
