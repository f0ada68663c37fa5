import type { Db } from 'mongodb';
import { ensureCheckIndexes } from './check-indexes';
import { ensureLifecycleIndexes } from './lifecycle-indexes';
import { ensureBindingIndexes } from './mongo-binding-store';

/** Every index of every collection; idempotent. The composition root calls it once at start. */
export async function ensureIndexes(db: Db): Promise<void> {
  await ensureLifecycleIndexes(db);
  await ensureBindingIndexes(db);
  await ensureCheckIndexes(db);
}
