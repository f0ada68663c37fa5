import type { NormalisedObject } from '../../../core/model';
import type { InventoryObject, InventoryStore } from '../../../core/inventory/inventory-store';

export class InMemoryInventoryStore implements InventoryStore {
  private readonly objects = new Map<string, InventoryObject[]>();

  async replaceTypes(
    tenantId: string,
    policyTypes: readonly string[],
    objects: readonly NormalisedObject[],
    observedAt: string,
  ): Promise<void> {
    const kept = (this.objects.get(tenantId) ?? []).filter((o) => !policyTypes.includes(o.policyType));
    const fresh = objects
      .filter((o) => policyTypes.includes(o.policyType))
      .map((o) => ({ ...structuredClone(o), observedAt }));
    this.objects.set(tenantId, [...kept, ...fresh]);
  }

  async list(tenantId: string, policyType?: string): Promise<InventoryObject[]> {
    return structuredClone(
      (this.objects.get(tenantId) ?? [])
        .filter((o) => policyType === undefined || o.policyType === policyType)
        .sort((a, b) => compare(a.policyType, b.policyType) || compare(a.key, b.key)),
    );
  }

  async get(tenantId: string, policyType: string, key: string): Promise<InventoryObject | undefined> {
    const found = (this.objects.get(tenantId) ?? []).find(
      (o) => o.policyType === policyType && o.key === key,
    );
    return found && structuredClone(found);
  }
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
