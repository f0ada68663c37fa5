import { describe, expect, it } from 'vitest';
import { MongoClient } from 'mongodb';
import { testDatabaseName, useTestDatabase } from '../../support/mongo';

const mongo = useTestDatabase();

describe('collections and databases', () => {
  it('creates collections explicitly and on first write, and lists them', async () => {
    await mongo.db.createCollection('explicit');
    await mongo.db.collection('implicit').insertOne({ a: 1 });

    const all = await mongo.db.listCollections().toArray();
    const filtered = await mongo.db.listCollections({ name: 'explicit' }, { nameOnly: true }).toArray();

    expect(all.map((c) => c.name).sort()).toEqual(['explicit', 'implicit']);
    expect(all.every((c) => c.type === 'collection')).toBe(true);
    expect(filtered).toEqual([{ name: 'explicit', type: 'collection' }]);
  });

  it('drops a collection with its documents and indexes', async () => {
    const coll = mongo.db.collection('doomed');
    await coll.insertOne({ a: 1 });
    await coll.createIndex({ a: 1 });

    expect(await coll.drop()).toBe(true);

    expect(await mongo.db.listCollections({ name: 'doomed' }).toArray()).toEqual([]);
    expect(await coll.countDocuments()).toBe(0);
  });

  it('drops a whole database', async () => {
    const client = new MongoClient(mongo.uri);
    const db = client.db(testDatabaseName());
    await db.collection('x').insertOne({ a: 1 });

    await db.dropDatabase();
    const { databases } = await client.db('admin').admin().listDatabases({ nameOnly: true });
    await client.close();

    expect(databases.map((d) => d.name)).not.toContain(db.databaseName);
  });
});
