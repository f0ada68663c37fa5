import { describe, expect, it } from 'vitest';
import { MongoBulkWriteError } from 'mongodb';
import { serverError, useTestDatabase } from '../../support/mongo';

const mongo = useTestDatabase();
let n = 0;
const fresh = () => mongo.db.collection(`idx_${(n += 1)}`);

describe('index management', () => {
  it('creates unique, compound, partial and TTL indexes and lists them', async () => {
    const coll = fresh();

    const names = [
      await coll.createIndex({ email: 1 }, { unique: true }),
      await coll.createIndex({ tenant: 1, key: -1 }, { unique: true, name: 'tenant_key' }),
      await coll.createIndex({ code: 1 }, { unique: true, partialFilterExpression: { active: true } }),
      await coll.createIndex({ createdAt: 1 }, { expireAfterSeconds: 3600 }),
    ];
    const indexes = await coll.indexes();

    expect(names).toEqual(['email_1', 'tenant_key', 'code_1', 'createdAt_1']);
    expect(indexes.map((i) => i.name)).toEqual(['_id_', ...names]);
    expect(indexes.find((i) => i.name === 'email_1')).toMatchObject({ key: { email: 1 }, unique: true });
    expect(indexes.find((i) => i.name === 'tenant_key')?.key).toEqual({ tenant: 1, key: -1 });
    expect(indexes.find((i) => i.name === 'createdAt_1')?.expireAfterSeconds).toBe(3600);
  });

  it('treats creating the same index again as a no-op, and a second name for one key as a conflict (85)', async () => {
    const coll = fresh();
    await coll.createIndex({ a: 1 });

    await coll.createIndex({ a: 1 });
    const error = await coll.createIndex({ a: 1 }, { name: 'other' }).catch((e: unknown) => e);

    expect((await coll.indexes()).map((i) => i.name)).toEqual(['_id_', 'a_1']);
    expect(serverError(error).code).toBe(85);
  });

  it('drops indexes; a missing index is code 27, the _id index cannot be dropped (72)', async () => {
    const coll = fresh();
    await coll.createIndex({ a: 1 });

    await coll.dropIndex('a_1');
    const missing = await coll.dropIndex('a_1').catch((e: unknown) => e);
    const idIndex = await coll.dropIndex('_id_').catch((e: unknown) => e);

    expect((await coll.indexes()).map((i) => i.name)).toEqual(['_id_']);
    expect(serverError(missing).code).toBe(27);
    expect(serverError(idIndex).code).toBe(72);
  });

  it('answers listIndexes on a missing collection with code 26 NamespaceNotFound', async () => {
    const error = await fresh()
      .indexes()
      .catch((e: unknown) => e);

    expect(serverError(error)).toEqual({ code: 26, codeName: 'NamespaceNotFound' });
  });

  it('refuses to build a unique index over existing duplicates', async () => {
    const coll = fresh();
    await coll.insertMany([{ email: 'a@x' }, { email: 'a@x' }]);

    const error = await coll.createIndex({ email: 1 }, { unique: true }).catch((e: unknown) => e);

    expect(serverError(error).code).toBe(11000);
    expect((await coll.indexes()).map((i) => i.name)).toEqual(['_id_']);
  });
});

describe('unique index enforcement', () => {
  async function users() {
    const coll = fresh();
    await coll.createIndex({ email: 1 }, { unique: true });
    await coll.insertOne({ email: 'ada@contoso.com', n: 1 });
    return coll;
  }

  it('refuses a duplicate insert with code 11000, keyPattern and keyValue', async () => {
    const coll = await users();

    const error = await coll.insertOne({ email: 'ada@contoso.com' }).catch((e: unknown) => e);

    expect(serverError(error).code).toBe(11000);
    expect(error).toHaveProperty('keyPattern', { email: 1 });
    expect(error).toHaveProperty('keyValue', { email: 'ada@contoso.com' });
    expect((error as Error).message).toMatch(
      /E11000 duplicate key error collection: .*index: email_1 dup key/,
    );
  });

  it('refuses an update or an upsert that would duplicate a key', async () => {
    const coll = await users();
    await coll.insertOne({ email: 'bob@contoso.com' });

    const update = await coll
      .updateOne({ email: 'bob@contoso.com' }, { $set: { email: 'ada@contoso.com' } })
      .catch((e: unknown) => e);
    const upsert = await coll
      .updateOne({ n: 99 }, { $set: { email: 'ada@contoso.com' } }, { upsert: true })
      .catch((e: unknown) => e);

    expect(serverError(update).code).toBe(11000);
    expect(serverError(upsert).code).toBe(11000);
    expect(await coll.countDocuments({ email: 'ada@contoso.com' })).toBe(1);
  });

  it('treats a missing field as null, unless the index is sparse or the document is outside its partial filter', async () => {
    const plain = await users();
    const sparse = fresh();
    await sparse.createIndex({ email: 1 }, { unique: true, sparse: true });
    const partial = fresh();
    await partial.createIndex({ code: 1 }, { unique: true, partialFilterExpression: { active: true } });

    await plain.insertOne({ name: 'no email' });
    const secondNull = await plain.insertOne({ name: 'no email either' }).catch((e: unknown) => e);
    await sparse.insertMany([{ name: 'a' }, { name: 'b' }]);
    await partial.insertMany([
      { code: 'x', active: false },
      { code: 'x', active: false },
      { code: 'x', active: true },
    ]);
    const activeTwice = await partial.insertOne({ code: 'x', active: true }).catch((e: unknown) => e);

    expect(serverError(secondNull).code).toBe(11000);
    expect(await sparse.countDocuments()).toBe(2);
    expect(serverError(activeTwice).code).toBe(11000);
  });

  it('reports the failing index of an ordered insertMany and stops there', async () => {
    const coll = await users();

    const error = await coll
      .insertMany([{ email: 'new1@x' }, { email: 'ada@contoso.com' }, { email: 'new2@x' }])
      .catch((e: unknown) => e);

    expect(error).toBeInstanceOf(MongoBulkWriteError);
    const bulk = error as MongoBulkWriteError;
    expect(bulk.result.insertedCount).toBe(1);
    expect(bulk.writeErrors).toMatchObject([{ index: 1, code: 11000 }]);
    expect(await coll.countDocuments()).toBe(2);
  });

  it('carries on after a duplicate in an unordered bulkWrite and reports each failing index', async () => {
    const coll = await users();

    const error = await coll
      .bulkWrite(
        [
          { insertOne: { document: { email: 'ada@contoso.com' } } },
          { insertOne: { document: { email: 'c@x' } } },
          { insertOne: { document: { email: 'c@x' } } },
          { updateOne: { filter: { email: 'c@x' }, update: { $set: { n: 3 } } } },
          { deleteOne: { filter: { n: 1 } } },
        ],
        { ordered: false },
      )
      .catch((e: unknown) => e);

    const bulk = error as MongoBulkWriteError;
    expect(bulk).toBeInstanceOf(MongoBulkWriteError);
    expect(bulk.result.insertedCount).toBe(1);
    expect(bulk.result.modifiedCount).toBe(1);
    expect(bulk.result.deletedCount).toBe(1);
    expect(
      (Array.isArray(bulk.writeErrors) ? bulk.writeErrors : [bulk.writeErrors]).map((e) => [e.index, e.code]),
    ).toEqual([
      [0, 11000],
      [2, 11000],
    ]);
  });
});
