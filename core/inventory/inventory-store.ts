import type { NormalisedObject } from '../model';

/** A tenant's object as last observed, with when. */
export interface InventoryObject extends NormalisedObject {
  observedAt: string;
}

/** The last observed, normalised state of each tenant's objects (what "accept" takes into a baseline). */
export interface InventoryStore {
  /**
   * Replaces the tenant's objects of `policyTypes` (the types read completely in a check) with
   * `objects`; objects of other types are kept as last seen, since an incomplete read proves nothing.
   */
  replaceTypes(
    tenantId: string,
    policyTypes: readonly string[],
    objects: readonly NormalisedObject[],
    observedAt: string,
  ): Promise<void>;
  /** Sorted by policy type, then key. */
  list(tenantId: string, policyType?: string): Promise<InventoryObject[]>;
  get(tenantId: string, policyType: string, key: string): Promise<InventoryObject | undefined>;
}
