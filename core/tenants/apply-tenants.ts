import type { Tenant } from '../model';
import { sameTenant } from './tenant-input';
import type { TenantDirectory } from './tenant-directory';

export interface ApplyTenantsResult {
  added: string[];
  updated: string[];
  unchanged: string[];
}

/**
 * Registers tenants idempotently: new ones are added, changed ones updated, equal ones untouched.
 * Tenants missing from the list stay registered (they may have been added by an admin in chat).
 */
export async function applyTenants(
  directory: TenantDirectory,
  tenants: readonly Tenant[],
): Promise<ApplyTenantsResult> {
  const result: ApplyTenantsResult = { added: [], updated: [], unchanged: [] };
  for (const tenant of tenants) {
    const existing = await directory.get(tenant.id);
    if (existing && sameTenant(existing, tenant)) {
      result.unchanged.push(tenant.name);
      continue;
    }
    const clash = await nameClash(directory, tenant);
    if (clash) throw new Error(clash);
    await directory.upsert(tenant);
    (existing ? result.updated : result.added).push(tenant.name);
  }
  return result;
}

/** A message when another registered tenant already answers to this tenant's name or an alias. */
export async function nameClash(directory: TenantDirectory, tenant: Tenant): Promise<string | undefined> {
  const others = (await directory.list()).filter((t) => t.id !== tenant.id);
  for (const word of [tenant.name, ...tenant.aliases]) {
    const w = word.toLowerCase();
    const other = others.find(
      (o) => o.name.toLowerCase() === w || o.aliases.some((a) => a.toLowerCase() === w),
    );
    if (other)
      return `"${word}" already names tenant ${other.name} (${other.id}); choose another name or alias`;
  }
  return undefined;
}
