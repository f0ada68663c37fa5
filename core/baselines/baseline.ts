import type { Actor, NormalisedObject } from '../model';

/**
 * Where a baseline came from: the tenant itself, another ("golden") tenant, or an export folder.
 * `ref` names it (a tenant id or a folder); a golden baseline matches objects by type + display name.
 */
export interface BaselineSource {
  kind: 'tenant' | 'golden' | 'export';
  ref: string;
}

/** One immutable version of a tenant's desired state. Versions count up from 1 per tenant. */
export interface Baseline {
  tenantId: string;
  version: number;
  source: BaselineSource;
  /** Sorted by policy type, then key. Normalised: secrets are present/absent markers only. */
  objects: NormalisedObject[];
  createdAt: string;
  /** `null` when a check captured it. */
  createdBy: Actor | null;
  /** Why this version exists, e.g. "captured" or the reason given for accepting a finding. */
  note: string;
  /** The finding whose acceptance made this version. */
  acceptedFindingId?: string;
}

export function sortObjects(objects: readonly NormalisedObject[]): NormalisedObject[] {
  return [...objects].sort((a, b) => compare(a.policyType, b.policyType) || compare(a.key, b.key));
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
