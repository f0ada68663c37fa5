import type { Db } from 'mongodb';
import { ensureFireClaimIndexes } from './mongo-fire-claim-store';
import { ensureRunIndexes } from './mongo-run-store';
import { ensureTenantIndexes } from './mongo-tenant-store';

/** Indexes of the tenants, check runs and schedule claims; called once at start. Leases need none: read by `_id`. */
export async function ensureCheckIndexes(db: Db): Promise<void> {
  await ensureTenantIndexes(db);
  await ensureRunIndexes(db);
  await ensureFireClaimIndexes(db);
}
