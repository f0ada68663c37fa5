import type { Collection, Db } from 'mongodb';
import type { FireClaimStore } from '../../scheduling/fire-claim-store';
import { isDuplicateKey } from './document-parts';

export const FIRE_CLAIMS_COLLECTION = 'scheduleFires';

interface FireClaimDoc {
  _id: string;
  holder: string;
  claimedAt: Date;
  expiresAt: Date;
  completedAt?: Date;
}

/** Claims are found by expiry when the winner of a fire clears out old ones. */
export async function ensureFireClaimIndexes(db: Db): Promise<void> {
  await db.collection(FIRE_CLAIMS_COLLECTION).createIndex({ expiresAt: 1 }, { name: 'fire_expires_at' });
}

/** How long an expired claim is kept before the next winner removes it. */
const KEEP_EXPIRED_MS = 3600_000;

/** One document per job and fire time: the unique `_id` makes the first insert win. */
export function createMongoFireClaimStore(db: Db): FireClaimStore {
  const fires: Collection<FireClaimDoc> = db.collection<FireClaimDoc>(FIRE_CLAIMS_COLLECTION);

  return {
    async claim(key, holder, now, expiresAt) {
      try {
        await fires.insertOne({ _id: key, holder, claimedAt: now, expiresAt });
        // Housekeeping by the winner only, rather than a TTL index, so it works the same on every server.
        await fires.deleteMany({ expiresAt: { $lte: new Date(now.getTime() - KEEP_EXPIRED_MS) } });
        return true;
      } catch (err) {
        if (!isDuplicateKey(err)) throw err;
      }
      // The key exists: it is free again only once its claim expired.
      const taken = await fires.updateOne(
        { _id: key, expiresAt: { $lte: now } },
        { $set: { holder, claimedAt: now, expiresAt }, $unset: { completedAt: '' } },
      );
      return taken.modifiedCount === 1;
    },
    async complete(key, at) {
      await fires.updateOne({ _id: key }, { $set: { completedAt: at } });
    },
  };
}
