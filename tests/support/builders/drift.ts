import type { Actor, Change, Drift, NormalisedObject } from '../../../core/model';
import { canonicalJson, sha256Hex } from '../../../core/findings/canonical-json';

export const TENANT = '11111111-1111-4111-8111-111111111111';
export const OTHER_TENANT = '22222222-2222-4222-8222-222222222222';

export const alice: Actor = { id: 'aaaaaaaa-0000-4000-8000-000000000001', name: 'Alice Admin' };
export const bob: Actor = { id: 'bbbbbbbb-0000-4000-8000-000000000002', name: 'Bob Engineer' };

export function aChange(overrides: Partial<Change> = {}): Change {
  return { path: 'state', baseline: 'enabled', current: 'disabled', ...overrides };
}

/** A modified Conditional Access policy unless told otherwise. */
export function aDrift(overrides: Partial<Drift> = {}): Drift {
  return {
    kind: 'modified',
    policyType: 'conditionalAccessPolicy',
    key: 'ca-require-mfa',
    displayName: 'Require MFA for admins',
    severity: 'critical',
    changes: [aChange()],
    ...overrides,
  };
}

export function anObject(overrides: Partial<NormalisedObject> = {}): NormalisedObject {
  const body = overrides.body ?? {
    displayName: overrides.displayName ?? 'Require MFA for admins',
    state: 'enabled',
  };
  return {
    policyType: 'conditionalAccessPolicy',
    key: 'ca-require-mfa',
    displayName: 'Require MFA for admins',
    hash: sha256Hex(canonicalJson(body)),
    ...overrides,
    body,
  };
}
