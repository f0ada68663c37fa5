import type { Tenant } from '../model';
import { resolveTenant } from './resolve-tenant';
import type { TenantDirectory, TenantLookup } from './tenant-directory';

/** A TenantDirectory in memory: for tests and for runs without a database. */
export class InMemoryTenantDirectory implements TenantDirectory {
  private readonly tenants = new Map<string, Tenant>();

  constructor(initial: readonly Tenant[] = []) {
    for (const t of initial) this.tenants.set(t.id, structuredClone(t));
  }

  async list(): Promise<Tenant[]> {
    return [...this.tenants.values()]
      .map((t) => structuredClone(t))
      .sort((a, b) => a.name.localeCompare(b.name));
  }

  async get(id: string): Promise<Tenant | undefined> {
    const t = this.tenants.get(id.toLowerCase());
    return t && structuredClone(t);
  }

  async resolve(nameAliasOrId: string): Promise<TenantLookup> {
    return resolveTenant(await this.list(), nameAliasOrId);
  }

  async upsert(tenant: Tenant): Promise<void> {
    this.tenants.set(tenant.id.toLowerCase(), structuredClone(tenant));
  }

  async remove(id: string): Promise<boolean> {
    return this.tenants.delete(id.toLowerCase());
  }
}
