import { MongoServerError, type Collection, type Db } from 'mongodb';
import type { FireClaimStore } from '../../scheduling/fire-claim-store';

export const FIRE_CLAIMS_COLLECTION = 'scheduleFires';

interface FireClaimDoc {
  _id: string;
  holder: string;
  claimedAt: Date;
  expiresAt: Date;
  completedAt?: Date;
}

const DUPLICATE_KEY = 11000;

/** Expired claims are removed by MongoDB's TTL monitor; until then `claim` treats them as free. */
export async function ensureFireClaimIndexes(db: Db): Promise<void> {
  await db
    .collection(FIRE_CLAIMS_COLLECTION)
    .createIndex({ expiresAt: 1 }, { name: 'fire_expiry', expireAfterSeconds: 0 });
}

/** One document per job and fire time: the unique `_id` makes the first insert win. */
export function createMongoFireClaimStore(db: Db): FireClaimStore {
  const fires: Collection<FireClaimDoc> = db.collection<FireClaimDoc>(FIRE_CLAIMS_COLLECTION);

  return {
    async claim(key, holder, now, expiresAt) {
      try {
        await fires.insertOne({ _id: key, holder, claimedAt: now, expiresAt });
        return true;
      } catch (err) {
        if (!(err instanceof MongoServerError) || err.code !== DUPLICATE_KEY) throw err;
      }
      // The key exists: it is free again only once its claim expired (the TTL monitor may lag).
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
