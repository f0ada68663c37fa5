import type { Collection, Db } from 'mongodb';
import { z } from 'zod';
import type { Tenant } from '../../model';
import { resolveTenant } from '../../tenants/resolve-tenant';
import type { TenantDirectory } from '../../tenants/tenant-directory';

export const TENANTS_COLLECTION = 'tenants';

// Read through zod: a hand-edited document fails here, with its field, not deep in a check.
const TenantDoc = z.object({
  _id: z.string(),
  name: z.string(),
  aliases: z.array(z.string()).default([]),
  schedule: z.string().optional(),
  timezone: z.string().optional(),
  approvers: z.array(z.string()).default([]),
  policyTypes: z.array(z.string()).optional(),
  nameLower: z.string(),
});
type TenantDoc = z.infer<typeof TenantDoc>;

function toTenant(doc: unknown): Tenant {
  const { _id, nameLower: _nameLower, ...rest } = TenantDoc.parse(doc);
  const tenant: Tenant = { id: _id, name: rest.name, aliases: rest.aliases, approvers: rest.approvers };
  if (rest.schedule !== undefined) tenant.schedule = rest.schedule;
  if (rest.timezone !== undefined) tenant.timezone = rest.timezone;
  if (rest.policyTypes !== undefined) tenant.policyTypes = rest.policyTypes;
  return tenant;
}

function toDoc(tenant: Tenant): TenantDoc {
  const { id, ...rest } = tenant;
  return { _id: id.toLowerCase(), ...rest, nameLower: tenant.name.toLowerCase() };
}

export async function ensureTenantIndexes(db: Db): Promise<void> {
  await db
    .collection(TENANTS_COLLECTION)
    .createIndex({ nameLower: 1 }, { name: 'tenant_name', unique: true });
}

/** The registered tenants, one document per tenant (`_id` = tenant GUID, lower case). */
export function createMongoTenantStore(db: Db): TenantDirectory {
  const tenants: Collection<TenantDoc> = db.collection<TenantDoc>(TENANTS_COLLECTION);
  const list = async () => (await tenants.find({}).sort({ nameLower: 1 }).toArray()).map(toTenant);

  return {
    list,
    async get(id) {
      const doc = await tenants.findOne({ _id: id.toLowerCase() });
      return doc ? toTenant(doc) : undefined;
    },
    async resolve(nameAliasOrId) {
      // A directory holds tens to a few hundred tenants: matching in memory keeps suggestions simple.
      return resolveTenant(await list(), nameAliasOrId);
    },
    async upsert(tenant) {
      const doc = toDoc(tenant);
      await tenants.replaceOne({ _id: doc._id }, doc, { upsert: true });
    },
    async remove(id) {
      return (await tenants.deleteOne({ _id: id.toLowerCase() })).deletedCount > 0;
    },
  };
}
