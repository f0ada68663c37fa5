import type { Document } from 'mongodb';
import { getPath } from './documents';
import type { Store } from './store';

/** One pass of mongod's TTL monitor: removes documents whose indexed date is older than expireAfterSeconds. */
export function removeExpired(store: Store, now: Date): number {
  let removed = 0;
  for (const collections of store.databases.values()) {
    for (const collection of collections.values()) {
      for (const spec of collection.indexes.ttl()) {
        const fields = Object.keys(spec.key);
        // mongod ignores TTL on compound indexes; so do we.
        if (fields.length !== 1) continue;
        const cutoff = now.getTime() - (spec.expireAfterSeconds ?? 0) * 1000;
        const expired: Document[] = [];
        for (const doc of collection.docs.values()) {
          const at = earliestDate(getPath(doc, fields[0]!));
          if (at !== undefined && at <= cutoff) expired.push(doc);
        }
        for (const doc of expired) collection.remove(doc);
        removed += expired.length;
      }
    }
  }
  return removed;
}

/** A date, or the earliest date of an array (mongod's rule); anything else never expires. */
function earliestDate(value: unknown): number | undefined {
  if (value instanceof Date) return value.getTime();
  if (!Array.isArray(value)) return undefined;
  const times = value.filter((v): v is Date => v instanceof Date).map((d) => d.getTime());
  return times.length > 0 ? Math.min(...times) : undefined;
}
