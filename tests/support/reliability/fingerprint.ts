import { createHash } from 'node:crypto';
import type { Db, Document } from 'mongodb';

/** Every document of every collection, as extended-JSON-ish text, collection by collection. */
export async function dumpDatabase(db: Db): Promise<Record<string, Document[]>> {
  const names = (await db.listCollections({}, { nameOnly: true }).toArray()).map((c) => c.name).sort();
  const dump: Record<string, Document[]> = {};
  for (const name of names) {
    const docs = await db.collection(name).find({}).toArray();
    dump[name] = docs
      .map((d) => JSON.parse(JSON.stringify(d)) as Document)
      .sort((a, b) => JSON.stringify(a._id).localeCompare(JSON.stringify(b._id)));
  }
  return dump;
}

/** One hash of the whole database: equal before and after means nothing was written. */
export async function databaseFingerprint(db: Db): Promise<string> {
  return createHash('sha256')
    .update(JSON.stringify(await dumpDatabase(db)))
    .digest('hex');
}
