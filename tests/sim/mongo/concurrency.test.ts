import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MongoClient, MongoServerError, type Document } from 'mongodb';
import { useTestDatabase } from '../../support/mongo';

const mongo = useTestDatabase();
const clients: MongoClient[] = [];

beforeAll(async () => {
  for (let i = 0; i < 4; i += 1) clients.push(await new MongoClient(mongo.uri).connect());
});
afterAll(async () => {
  await Promise.all(clients.map((c) => c.close()));
});

interface Counter {
  _id: string;
  v?: number;
}

const collOf = (i: number, name: string) =>
  clients[i % clients.length]!.db(mongo.db.databaseName).collection<Document>(name);
const counterOf = (i: number) =>
  clients[i % clients.length]!.db(mongo.db.databaseName).collection<Counter>('counter');

describe('concurrent clients', () => {
  it('applies 200 parallel increments from four clients exactly once each', async () => {
    await Promise.all(
      Array.from({ length: 200 }, (_, i) =>
        counterOf(i).updateOne({ _id: 'c' }, { $inc: { v: 1 } }, { upsert: true }),
      ),
    );

    expect(await mongo.db.collection<Counter>('counter').findOne({ _id: 'c' })).toEqual({
      _id: 'c',
      v: 200,
    });
  });

  it('lets exactly one of 50 parallel duplicate inserts win', async () => {
    await mongo.db.collection('claims').createIndex({ key: 1 }, { unique: true });

    const results = await Promise.allSettled(
      Array.from({ length: 50 }, (_, i) => collOf(i, 'claims').insertOne({ key: 'k', by: i })),
    );

    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    const rejected = results.filter((r): r is PromiseRejectedResult => r.status === 'rejected');
    expect(rejected.every((r) => r.reason instanceof MongoServerError && r.reason.code === 11000)).toBe(true);
  });

  it('serves readers on every client while writers insert', async () => {
    const writes = Array.from({ length: 100 }, (_, i) => collOf(i, 'mixed').insertOne({ i }));
    const reads = Array.from({ length: 100 }, (_, i) =>
      collOf(i + 1, 'mixed')
        .find({ i: { $lt: 50 } })
        .toArray(),
    );

    const [, readResults] = await Promise.all([Promise.all(writes), Promise.all(reads)]);

    expect(readResults.every((docs) => docs.length <= 50)).toBe(true);
    expect(await mongo.db.collection('mixed').countDocuments()).toBe(100);
  });
});
