import { beforeAll, describe, expect, it } from 'vitest';
import { MongoClient, type CommandSucceededEvent, type Document } from 'mongodb';
import { serverError, useTestDatabase } from '../../support/mongo';

const mongo = useTestDatabase();
const TOTAL = 10_000;

/** A client that records the replies of every command, to see the batches on the wire. */
async function watchedClient() {
  const client = new MongoClient(mongo.uri, { monitorCommands: true });
  const replies: { name: string; reply: Document }[] = [];
  client.on('commandSucceeded', (e: CommandSucceededEvent) =>
    replies.push({ name: e.commandName, reply: e.reply as Document }),
  );
  await client.connect();
  return { client, coll: client.db(mongo.db.databaseName).collection('many'), replies };
}

beforeAll(async () => {
  const docs = Array.from({ length: TOTAL }, (_, i) => ({ i, group: i % 10, pad: 'x'.repeat(20) }));
  await mongo.db.collection('many').insertMany(docs);
});

describe('cursors across batches', () => {
  it('returns all 10,000 documents in order: a first batch of 101, then the rest through getMore', async () => {
    const { client, coll, replies } = await watchedClient();

    const docs = await coll.find({}, { sort: { i: 1 } }).toArray();
    await client.close();

    expect(docs).toHaveLength(TOTAL);
    expect(docs.every((d, index) => d.i === index)).toBe(true);
    const find = replies.find((r) => r.name === 'find');
    expect(find?.reply.cursor.firstBatch).toHaveLength(101);
    expect(Number(find?.reply.cursor.id)).not.toBe(0);
    expect(replies.filter((r) => r.name === 'getMore').length).toBeGreaterThanOrEqual(1);
  });

  it('honours batchSize on every batch', async () => {
    const { client, coll, replies } = await watchedClient();

    const docs = await coll
      .find({ group: { $lt: 5 } })
      .batchSize(1000)
      .toArray();
    await client.close();

    expect(docs).toHaveLength(TOTAL / 2);
    const getMores = replies.filter((r) => r.name === 'getMore');
    expect(getMores.length).toBeGreaterThanOrEqual(4);
    for (const { reply } of getMores) expect(reply.cursor.nextBatch.length).toBeLessThanOrEqual(1000);
  });

  it('stops at the limit even when it spans batches', async () => {
    const docs = await mongo.db
      .collection('many')
      .find({})
      .sort({ i: -1 })
      .limit(250)
      .batchSize(100)
      .toArray();

    expect(docs).toHaveLength(250);
    expect(docs[0]?.i).toBe(TOTAL - 1);
    expect(docs[249]?.i).toBe(TOTAL - 250);
  });

  it('kills a cursor closed early; a getMore on it then fails with code 43 CursorNotFound', async () => {
    const { client, coll, replies } = await watchedClient();
    const cursor = coll.find({}).batchSize(10);
    await cursor.next();
    const id = cursor.id;

    await cursor.close();
    const error = await client
      .db(mongo.db.databaseName)
      .command({ getMore: id, collection: 'many' })
      .catch((e: unknown) => e);
    await client.close();

    expect(replies.some((r) => r.name === 'killCursors')).toBe(true);
    expect(serverError(error)).toEqual({ code: 43, codeName: 'CursorNotFound' });
  });

  it('aggregates over all documents across batches', async () => {
    const groups = await mongo.db
      .collection('many')
      .aggregate([{ $group: { _id: '$group', n: { $sum: 1 } } }, { $sort: { _id: 1 } }], { batchSize: 3 })
      .toArray();

    expect(groups).toHaveLength(10);
    expect(groups.every((g) => g.n === TOTAL / 10)).toBe(true);
  });
});
