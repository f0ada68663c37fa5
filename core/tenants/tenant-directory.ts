import type { Tenant } from '../model';

export type TenantLookup = { ok: true; tenant: Tenant } | { ok: false; suggestions: string[] };

/** The registered tenants. Implemented over MongoDB in core/storage/mongo. */
export interface TenantDirectory {
  list(): Promise<Tenant[]>;
  get(id: string): Promise<Tenant | undefined>;
  /** By id, name or alias, case-insensitive; unknown names get close-match suggestions. */
  resolve(nameAliasOrId: string): Promise<TenantLookup>;
  upsert(tenant: Tenant): Promise<void>;
  remove(id: string): Promise<boolean>;
}
