import type { AnyBulkWriteOperation, Db } from 'mongodb';
import type { InventoryObject, InventoryStore } from '../../inventory/inventory-store';
import { canonicalJson } from '../../findings/canonical-json';
import { INVENTORY_COLLECTION } from './lifecycle-collections';
import { InventoryDoc, objectFields, objectFromFields } from './lifecycle-documents';

/** The last observed objects in MongoDB, one document per tenant + policy type + key. */
export function createMongoInventoryStore(db: Db): InventoryStore {
  const inventory = db.collection<InventoryDoc>(INVENTORY_COLLECTION);

  return {
    async replaceTypes(tenantId, policyTypes, objects, observedAt) {
      const types = [...policyTypes];
      const fresh = objects.filter((o) => types.includes(o.policyType));
      const ids = fresh.map((o) => idOf(tenantId, o.policyType, o.key));
      const writes: AnyBulkWriteOperation<InventoryDoc>[] = fresh.map((object, i) => ({
        replaceOne: {
          filter: { _id: ids[i] ?? '' },
          replacement: { _id: ids[i] ?? '', tenantId, observedAt, ...objectFields(object) },
          upsert: true,
        },
      }));
      if (writes.length > 0) await inventory.bulkWrite(writes, { ordered: false });
      // Objects of those types that were not observed this time are gone from the tenant.
      await inventory.deleteMany({ tenantId, policyType: { $in: types }, _id: { $nin: ids } });
    },

    async list(tenantId, policyType) {
      const docs = await inventory
        .find(policyType === undefined ? { tenantId } : { tenantId, policyType })
        .sort({ policyType: 1, key: 1 })
        .toArray();
      return docs.map(toObject);
    },

    async get(tenantId, policyType, key) {
      const doc = await inventory.findOne({ _id: idOf(tenantId, policyType, key) });
      return doc ? toObject(doc) : undefined;
    },
  };
}

function idOf(tenantId: string, policyType: string, key: string): string {
  return canonicalJson([tenantId, policyType, key]);
}

function toObject(raw: unknown): InventoryObject {
  const doc = InventoryDoc.parse(raw);
  return { ...objectFromFields(doc), observedAt: doc.observedAt };
}
