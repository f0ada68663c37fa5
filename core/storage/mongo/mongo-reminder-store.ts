import type { Collection, Db } from 'mongodb';
import { reminderId, type ReminderStore } from '../../notifications/reminder-store';
import { isDuplicateKey } from './document-parts';

export const REMINDERS_COLLECTION = 'reminders';

interface ReminderDoc {
  _id: string;
  conversationId: string;
  findingId: string;
  signature: string;
  sentAt: string;
}

/** One document per conversation, finding and signature: the unique `_id` makes the first claim win. */
export function createMongoReminderStore(db: Db): ReminderStore {
  const reminders: Collection<ReminderDoc> = db.collection<ReminderDoc>(REMINDERS_COLLECTION);

  return {
    async claim(keys, at) {
      if (keys.length === 0) return [];
      // Most keys were claimed by an earlier check: one read skips them instead of failing inserts.
      const known = new Set(
        (
          await reminders.find({ _id: { $in: keys.map(reminderId) } }, { projection: { _id: 1 } }).toArray()
        ).map((d) => d._id),
      );
      const claimed = [];
      for (const key of keys) {
        const _id = reminderId(key);
        if (known.has(_id)) continue;
        try {
          await reminders.insertOne({ _id, ...key, sentAt: at });
          claimed.push(key);
        } catch (err) {
          // Another replica claimed it between the read and the insert.
          if (!isDuplicateKey(err)) throw err;
        }
      }
      return claimed;
    },
    async release(keys) {
      if (keys.length === 0) return;
      await reminders.deleteMany({ _id: { $in: keys.map(reminderId) } });
    },
  };
}
