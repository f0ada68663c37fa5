import type { Collection, Db } from 'mongodb';
import { z } from 'zod';
import type { CheckLeaseStore } from '../../checks/check-lease-store';
import { isDuplicateKey } from './document-parts';

export const LEASES_COLLECTION = 'checkLeases';

const LeaseDoc = z.object({
  _id: z.string(),
  holder: z.string(),
  runId: z.string().nullable(),
  expiresAt: z.date(),
});
type LeaseDoc = z.infer<typeof LeaseDoc>;

/**
 * Per-tenant check leases, one document per tenant. A released lease keeps its document with
 * `runId: null`; an expired one is taken over by the next `acquire`, which reports the run it interrupted.
 */
export function createMongoLeaseStore(db: Db): CheckLeaseStore {
  const leases: Collection<LeaseDoc> = db.collection<LeaseDoc>(LEASES_COLLECTION);

  return {
    async acquire(lease, now) {
      try {
        const before = await leases.findOneAndUpdate(
          { _id: lease.tenantId, $or: [{ runId: null }, { expiresAt: { $lte: now } }] },
          { $set: { holder: lease.holder, runId: lease.runId, expiresAt: lease.expiresAt } },
          { upsert: true, returnDocument: 'before' },
        );
        const previous = before ? LeaseDoc.parse(before) : undefined;
        return previous?.runId
          ? { acquired: true, previous: { runId: previous.runId, holder: previous.holder } }
          : { acquired: true };
      } catch (err) {
        // The filter did not match a live lease, so the upsert collided with it: someone holds it.
        if (!isDuplicateKey(err)) throw err;
        const held = await leases.findOne({ _id: lease.tenantId });
        const doc = held ? LeaseDoc.parse(held) : undefined;
        return { acquired: false, heldBy: { runId: doc?.runId ?? '', holder: doc?.holder ?? '' } };
      }
    },
    async renew(tenantId, runId, expiresAt) {
      const result = await leases.updateOne({ _id: tenantId, runId }, { $set: { expiresAt } });
      return result.matchedCount === 1;
    },
    async release(tenantId, runId, now) {
      await leases.updateOne({ _id: tenantId, runId }, { $set: { runId: null, expiresAt: now } });
    },
    async current(tenantId, now) {
      const doc = await leases.findOne({ _id: tenantId, runId: { $ne: null }, expiresAt: { $gt: now } });
      if (!doc) return undefined;
      const lease = LeaseDoc.parse(doc);
      return lease.runId
        ? { tenantId, holder: lease.holder, runId: lease.runId, expiresAt: lease.expiresAt }
        : undefined;
    },
  };
}
