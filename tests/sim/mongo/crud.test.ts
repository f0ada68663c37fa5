import { describe, expect, it } from 'vitest';
import { MongoServerError, ObjectId } from 'mongodb';
import { serverError, useTestDatabase } from '../../support/mongo';

const mongo = useTestDatabase();
let n = 0;
/** A fresh collection per test, so tests never see each other's documents. */
const fresh = () => mongo.db.collection(`crud_${(n += 1)}`);

describe('insert and find', () => {
  it('stores a document with its generated ObjectId first and finds it by _id', async () => {
    const coll = fresh();

    const { insertedId } = await coll.insertOne({ name: 'contoso', at: new Date('2025-01-01T00:00:00Z') });
    const found = await coll.findOne({ _id: insertedId });

    expect(insertedId).toBeInstanceOf(ObjectId);
    expect(Object.keys(found ?? {})).toEqual(['_id', 'name', 'at']);
    expect(found?.at).toEqual(new Date('2025-01-01T00:00:00Z'));
  });

  it('inserts many documents sent as a document sequence', async () => {
    const coll = fresh();

    const result = await coll.insertMany([{ i: 1 }, { i: 2 }, { i: 3 }]);

    expect(result.insertedCount).toBe(3);
    expect(await coll.countDocuments()).toBe(3);
  });

  it('refuses a duplicate _id with E11000 naming the _id_ index', async () => {
    const coll = fresh();
    await coll.insertOne({ _id: 'tenant-1' } as never);

    const error = await coll.insertOne({ _id: 'tenant-1' } as never).catch((e: unknown) => e);

    expect(error).toBeInstanceOf(MongoServerError);
    expect(error).toMatchObject({ code: 11000, keyPattern: { _id: 1 }, keyValue: { _id: 'tenant-1' } });
    expect((error as Error).message).toMatch(/E11000 duplicate key error.*index: _id_/);
  });

  it('filters with comparison, set, regex, element-match and dotted-path operators', async () => {
    const coll = fresh();
    await coll.insertMany([
      { n: 1, tag: 'alpha', items: [{ k: 'x', v: 1 }], meta: { on: true } },
      { n: 2, tag: 'beta', items: [{ k: 'y', v: 5 }], meta: { on: false } },
      { n: 3, tag: 'gamma', items: [], meta: { on: true } },
    ]);
    const ns = async (filter: object) =>
      (await coll.find(filter).sort({ n: 1 }).toArray()).map((d) => d.n as number);

    expect(await ns({ n: { $gt: 1 } })).toEqual([2, 3]);
    expect(await ns({ tag: { $in: ['alpha', 'gamma'] } })).toEqual([1, 3]);
    expect(await ns({ $or: [{ n: 1 }, { tag: /^g/ }] })).toEqual([1, 3]);
    expect(await ns({ items: { $elemMatch: { k: 'y', v: { $gte: 5 } } } })).toEqual([2]);
    expect(await ns({ 'meta.on': true, items: { $size: 0 } })).toEqual([3]);
    expect(await ns({ missing: null })).toEqual([1, 2, 3]);
    expect(await ns({ tag: { $exists: false } })).toEqual([]);
  });

  it('sorts, skips, limits and projects (sorting on a field the projection drops)', async () => {
    const coll = fresh();
    await coll.insertMany([5, 3, 9, 1, 7].map((rank) => ({ rank, label: `r${rank}` })));

    const page = await coll
      .find({}, { projection: { _id: 0, label: 1 } })
      .sort({ rank: -1 })
      .skip(1)
      .limit(3)
      .toArray();
    const excluded = await coll.findOne({ rank: 1 }, { projection: { label: 0 } });

    expect(page).toEqual([{ label: 'r7' }, { label: 'r5' }, { label: 'r3' }]);
    expect(Object.keys(excluded ?? {})).toEqual(['_id', 'rank']);
  });

  it('refuses an unknown query operator with code 2 BadValue', async () => {
    const coll = fresh();
    await coll.insertOne({ a: 1 });

    const error = await coll.findOne({ a: { $frob: 1 } } as never).catch((e: unknown) => e);

    expect(serverError(error)).toEqual({ code: 2, codeName: 'BadValue' });
  });
});

interface EveryField {
  s: string;
  gone?: number;
  count: number;
  price: number;
  low: number;
  high: number;
  list: number[];
  set: string[];
  pulled: number[];
  popped: number[];
  oldName?: string;
  newName?: string;
  nested?: { deep: boolean };
  touched?: Date;
}

describe('update', () => {
  it('applies every supported update operator', async () => {
    const coll = mongo.db.collection<EveryField>(`crud_${(n += 1)}`);
    const { insertedId } = await coll.insertOne({
      s: 'old',
      gone: 1,
      count: 1,
      price: 10,
      low: 5,
      high: 5,
      list: [1, 2],
      set: ['a'],
      pulled: [1, 2, 3, 2],
      popped: [1, 2, 3],
      oldName: 'x',
    });

    await coll.updateOne(
      { _id: insertedId },
      {
        $set: { s: 'new', 'nested.deep': true },
        $unset: { gone: '' },
        $inc: { count: 2 },
        $mul: { price: 1.5 },
        $min: { low: 3 },
        $max: { high: 8 },
        $push: { list: { $each: [3, 4], $slice: -3 } },
        $addToSet: { set: { $each: ['a', 'b'] } },
        $pull: { pulled: 2 },
        $pop: { popped: -1 },
        $rename: { oldName: 'newName' },
        $currentDate: { touched: true },
      },
    );
    const doc = await coll.findOne({ _id: insertedId });

    expect(doc).toMatchObject({
      s: 'new',
      nested: { deep: true },
      count: 3,
      price: 15,
      low: 3,
      high: 8,
      list: [2, 3, 4],
      set: ['a', 'b'],
      pulled: [1, 3],
      popped: [2, 3],
      newName: 'x',
    });
    expect(doc).not.toHaveProperty('gone');
    expect(doc).not.toHaveProperty('oldName');
    expect(doc?.touched).toBeInstanceOf(Date);
  });

  it('updates array elements through arrayFilters and the positional operator', async () => {
    const coll = fresh();
    await coll.insertOne({
      _id: 1,
      grades: [80, 95, 100],
      items: [
        { k: 'a', n: 1 },
        { k: 'b', n: 1 },
      ],
    } as never);

    await coll.updateOne(
      { _id: 1 } as never,
      { $set: { 'grades.$[g]': 100 } },
      { arrayFilters: [{ g: { $gte: 90 } }] },
    );
    await coll.updateOne({ _id: 1, 'items.k': 'b' } as never, { $inc: { 'items.$.n': 10 } });

    expect(await coll.findOne({ _id: 1 } as never)).toMatchObject({
      grades: [80, 100, 100],
      items: [
        { k: 'a', n: 1 },
        { k: 'b', n: 11 },
      ],
    });
  });

  it('counts matched and modified separately: a no-op $set modifies nothing', async () => {
    const coll = fresh();
    await coll.insertMany([
      { g: 1, v: 1 },
      { g: 1, v: 2 },
      { g: 2, v: 1 },
    ]);

    const many = await coll.updateMany({ g: 1 }, { $set: { v: 1 } });

    expect(many).toMatchObject({ matchedCount: 2, modifiedCount: 1, upsertedCount: 0 });
  });

  it('replaces a document but keeps its _id', async () => {
    const coll = fresh();
    const { insertedId } = await coll.insertOne({ a: 1, b: 2 });

    const result = await coll.replaceOne({ _id: insertedId }, { c: 3 });

    expect(result.modifiedCount).toBe(1);
    expect(await coll.findOne({ _id: insertedId })).toEqual({ _id: insertedId, c: 3 });
  });

  it('upserts from the query fields, applying $setOnInsert only when inserting', async () => {
    const coll = fresh();

    const first = await coll.updateOne(
      { tenant: 'contoso', 'key.type': 'policy' },
      { $set: { seen: 1 }, $setOnInsert: { createdBy: 'check' } },
      { upsert: true },
    );
    const second = await coll.updateOne(
      { tenant: 'contoso', 'key.type': 'policy' },
      { $set: { seen: 2 }, $setOnInsert: { createdBy: 'other' } },
      { upsert: true },
    );
    const doc = await coll.findOne({ tenant: 'contoso' }, { projection: { _id: 0 } });

    expect(first).toMatchObject({ upsertedCount: 1, matchedCount: 0 });
    expect(first.upsertedId).toBeInstanceOf(ObjectId);
    expect(second).toMatchObject({ upsertedCount: 0, matchedCount: 1, modifiedCount: 1 });
    expect(doc).toEqual({ tenant: 'contoso', key: { type: 'policy' }, seen: 2, createdBy: 'check' });
  });

  it.each([
    ['$inc on a string', { $inc: { s: 1 } }, 14],
    ['$push onto a non-array', { $push: { s: 1 } }, 2],
    ['two operators on one path', { $set: { n: 1 }, $inc: { n: 1 } }, 40],
    ['changing _id', { $set: { _id: 'other' } }, 66],
  ])('refuses %s with the server error code', async (_name, update, code) => {
    const coll = fresh();
    await coll.insertOne({ _id: 'doc', s: 'text', n: 1 } as never);

    const error = await coll.updateOne({ _id: 'doc' } as never, update as never).catch((e: unknown) => e);

    expect(serverError(error).code).toBe(code);
    expect(await coll.findOne({ _id: 'doc' } as never)).toEqual({ _id: 'doc', s: 'text', n: 1 });
  });

  it('refuses an unknown update modifier with code 9 (FailedToParse)', async () => {
    const coll = fresh();

    await coll.insertOne({ a: 1 });

    const error = await coll.updateOne({}, { $frob: { a: 1 } } as never).catch((e: unknown) => e);

    expect(serverError(error).code).toBe(9);
  });
});

describe('delete and findAndModify', () => {
  it('deletes one or many', async () => {
    const coll = fresh();
    await coll.insertMany([{ g: 1 }, { g: 1 }, { g: 1 }, { g: 2 }]);

    expect((await coll.deleteOne({ g: 1 })).deletedCount).toBe(1);
    expect((await coll.deleteMany({ g: 1 })).deletedCount).toBe(2);
    expect(await coll.countDocuments()).toBe(1);
  });

  it('returns the document before or after the update, choosing by sort', async () => {
    const coll = fresh();
    await coll.insertMany([
      { q: 'job', pri: 1 },
      { q: 'job', pri: 5 },
    ]);

    const before = await coll.findOneAndUpdate(
      { q: 'job' },
      { $set: { taken: true } },
      { sort: { pri: -1 } },
    );
    const after = await coll.findOneAndUpdate(
      { q: 'job', taken: { $exists: false } },
      { $set: { taken: true } },
      { returnDocument: 'after', projection: { _id: 0 } },
    );

    expect(before).toMatchObject({ pri: 5 });
    expect(before).not.toHaveProperty('taken');
    expect(after).toEqual({ q: 'job', pri: 1, taken: true });
  });

  it('upserts through findOneAndUpdate and reports the metadata', async () => {
    const coll = fresh();

    const result = await coll.findOneAndUpdate(
      { name: 'lock' },
      { $inc: { v: 1 } },
      { upsert: true, returnDocument: 'after', includeResultMetadata: true },
    );

    expect(result.value).toMatchObject({ name: 'lock', v: 1 });
    expect(result.lastErrorObject).toMatchObject({ n: 1, updatedExisting: false });
    expect(result.lastErrorObject?.upserted).toEqual(result.value?._id);
  });

  it('replaces and deletes through findOneAndReplace and findOneAndDelete', async () => {
    const coll = fresh();
    await coll.insertOne({ k: 1, v: 'a' });

    const replaced = await coll.findOneAndReplace({ k: 1 }, { k: 1, v: 'b' }, { returnDocument: 'after' });
    const deleted = await coll.findOneAndDelete({ k: 1 });
    const none = await coll.findOneAndDelete({ k: 1 });

    expect(replaced).toMatchObject({ v: 'b' });
    expect(deleted).toMatchObject({ v: 'b' });
    expect(none).toBeNull();
  });
});
