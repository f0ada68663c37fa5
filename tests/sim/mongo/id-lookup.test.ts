import { describe, expect, it } from 'vitest';
import { Double, Int32, Long, MongoServerError, ObjectId, type Document } from 'mongodb';
import { useTestDatabase } from '../../support/mongo';

// Filters that pin _id are answered from the _id map; these cases are where a lookup by key could give a
// different answer than the query rules, so each is checked against what mongod returns.
const mongo = useTestDatabase();
let n = 0;
/** Ids of several BSON types are the point here, so the schema allows each of them. */
type Id =
  number | string | boolean | null | ObjectId | Int32 | Double | Long | { tenant: string; seq?: number };
interface AnyId extends Document {
  _id: Id;
}
const fresh = () => mongo.db.collection<AnyId>(`ids_${(n += 1)}`);
const idsOf = (docs: Document[]) => docs.map((d) => d._id as unknown);

describe('finding by _id', () => {
  it('treats int32, double and int64 ids with the same value as one _id', async () => {
    const coll = fresh();
    await coll.insertMany([
      { _id: new Int32(1), tag: 'int' },
      { _id: new Double(2), tag: 'double' },
      { _id: Long.fromNumber(3), tag: 'long' },
      { _id: 4.5, tag: 'fraction' },
    ]);

    const one = await coll.findOne({ _id: Long.fromNumber(1) });
    const two = await coll.findOne({ _id: new Int32(2) });
    const some = await coll
      .find({ _id: { $in: [new Double(1), Long.fromNumber(2), new Int32(3), 4.5, 5] } })
      .sort({ _id: 1 })
      .toArray();
    const duplicate = await coll.insertOne({ _id: new Double(3) }).catch((e: unknown) => e);

    expect(one?.tag).toBe('int');
    expect(two?.tag).toBe('double');
    expect(some.map((d) => d.tag as string)).toEqual(['int', 'double', 'long', 'fraction']);
    expect(duplicate).toBeInstanceOf(MongoServerError);
    expect(duplicate).toMatchObject({ code: 11000 });
  });

  it('never matches an ObjectId with its hex string, nor a number with its string', async () => {
    const coll = fresh();
    const oid = new ObjectId();
    await coll.insertMany([
      { _id: oid, kind: 'oid' },
      { _id: oid.toHexString(), kind: 'hex' },
      { _id: 7, kind: 'number' },
    ]);

    const byOid = await coll.find({ _id: oid }).toArray();
    const byHex = await coll.find({ _id: { $in: [oid.toHexString()] } }).toArray();
    const byText = await coll.find({ _id: { $in: ['7', true] } }).toArray();

    expect(byOid.map((d) => d.kind as string)).toEqual(['oid']);
    expect(byHex.map((d) => d.kind as string)).toEqual(['hex']);
    expect(byText).toEqual([]);
  });

  it('finds an embedded-document _id by the whole document, and by its fields through a scan', async () => {
    const coll = fresh();
    await coll.insertMany([
      { _id: { tenant: 't1', seq: 1 }, v: 'a' },
      { _id: { tenant: 't1', seq: 2 }, v: 'b' },
      { _id: { tenant: 't2', seq: 1 }, v: 'c' },
    ]);

    const exact = await coll.findOne({ _id: { tenant: 't1', seq: 2 } });
    const listed = await coll
      .find({
        _id: {
          $in: [
            { tenant: 't2', seq: 1 },
            { tenant: 't1', seq: 1 },
            { tenant: 't9', seq: 1 },
          ],
        },
      })
      .sort({ v: 1 })
      .toArray();
    const partial = await coll.findOne({ _id: { tenant: 't1' } });
    const byField = await coll.find({ '_id.tenant': 't1' }).sort({ v: 1 }).toArray();

    expect(exact?.v).toBe('b');
    expect(listed.map((d) => d.v as string)).toEqual(['a', 'c']);
    expect(partial).toBeNull();
    expect(byField.map((d) => d.v as string)).toEqual(['a', 'b']);
  });

  it('answers $in with repeated and unknown ids once per stored document', async () => {
    const coll = fresh();
    await coll.insertMany([1, 2, 3, 4].map((i) => ({ _id: i, i })));

    const found = await coll
      .find({ _id: { $in: [3, 3, 99, 1, 1, 'x', null] } })
      .sort({ _id: 1 })
      .toArray();
    const counted = await coll.countDocuments({ _id: { $in: [2, 2, 2, 42] } });
    const none = await coll.find({ _id: { $in: [] } }).toArray();

    expect(idsOf(found)).toEqual([1, 3]);
    expect(counted).toBe(1);
    expect(none).toEqual([]);
  });

  it('still checks every other condition AND-ed with the _id', async () => {
    const coll = fresh();
    await coll.insertMany([
      { _id: 1, state: 'open', sev: 'high' },
      { _id: 2, state: 'closed', sev: 'high' },
      { _id: 3, state: 'open', sev: 'low' },
    ]);

    const closedOne = await coll.findOne({ _id: 1, state: 'closed' });
    const notTwo = await coll
      .find({ _id: { $in: [1, 2, 3], $ne: 2 } })
      .sort({ _id: 1 })
      .toArray();
    const viaAnd = await coll
      .find({ $and: [{ sev: 'high' }, { _id: { $in: [1, 2, 3] } }], state: 'open' })
      .toArray();
    const viaEq = await coll.find({ _id: { $eq: 3 }, sev: { $in: ['low'] } }).toArray();

    expect(closedOne).toBeNull();
    expect(idsOf(notTwo)).toEqual([1, 3]);
    expect(idsOf(viaAnd)).toEqual([1]);
    expect(idsOf(viaEq)).toEqual([3]);
  });

  it('sorts, skips, limits and projects the documents picked by _id', async () => {
    const coll = fresh();
    await coll.insertMany([1, 2, 3, 4, 5, 6].map((i) => ({ _id: i, rank: i % 4, label: `l${i}` })));

    const page = await coll
      .find({ _id: { $in: [6, 5, 4, 3, 2] } }, { projection: { _id: 0, label: 1 } })
      .sort({ rank: -1, label: 1 })
      .skip(1)
      .limit(3)
      .toArray();

    expect(page).toEqual([{ label: 'l2' }, { label: 'l6' }, { label: 'l5' }]);
  });

  it('keeps regular-expression $in values working (they match strings, not one key)', async () => {
    const coll = fresh();
    await coll.insertMany([{ _id: 'alpha' }, { _id: 'beta' }, { _id: 'gamma' }]);

    const found = await coll
      .find({ _id: { $in: [/^g/, 'alpha'] } })
      .sort({ _id: 1 })
      .toArray();

    expect(idsOf(found)).toEqual(['alpha', 'gamma']);
  });

  it('finds thousands of ids in one $in', async () => {
    const coll = fresh();
    await coll.insertMany(Array.from({ length: 3000 }, (_, i) => ({ _id: i, even: i % 2 === 0 })));
    const wanted = Array.from({ length: 2000 }, (_, i) => i * 2);

    const found = await coll
      .find({ _id: { $in: wanted }, even: true })
      .sort({ _id: 1 })
      .toArray();

    expect(found).toHaveLength(1500);
    expect(found[0]?._id).toBe(0);
    expect(found.at(-1)?._id).toBe(2998);
  });
});

describe('writing by _id', () => {
  it('updates and deletes only the documents that also meet the other conditions', async () => {
    const coll = fresh();
    await coll.insertMany([
      { _id: 1, state: 'open', hits: 0 },
      { _id: 2, state: 'closed', hits: 0 },
      { _id: 3, state: 'open', hits: 0 },
    ]);

    const missed = await coll.updateOne({ _id: 2, state: 'open' }, { $inc: { hits: 1 } });
    const many = await coll.updateMany({ _id: { $in: [1, 2, 3, 3] }, state: 'open' }, { $inc: { hits: 1 } });
    const removed = await coll.deleteMany({ _id: { $in: [1, 2, 9] }, state: 'closed' });
    const left = await coll.find().sort({ _id: 1 }).toArray();

    expect(missed.matchedCount).toBe(0);
    expect(many).toMatchObject({ matchedCount: 2, modifiedCount: 2 });
    expect(removed.deletedCount).toBe(1);
    expect(left).toEqual([
      { _id: 1, state: 'open', hits: 1 },
      { _id: 3, state: 'open', hits: 1 },
    ]);
  });

  it('findOneAndUpdate by an int64 _id finds the int32 one, and upserts when the _id is absent', async () => {
    const coll = fresh();
    await coll.insertOne({ _id: 10, v: 1 });

    const before = await coll.findOneAndUpdate({ _id: Long.fromNumber(10) }, { $inc: { v: 1 } });
    const upserted = await coll.findOneAndUpdate(
      { _id: 11 },
      { $set: { v: 5 } },
      { upsert: true, returnDocument: 'after' },
    );
    const gone = await coll.findOneAndDelete({ _id: { $in: [12, 10] } });

    expect(before).toEqual({ _id: 10, v: 1 });
    expect(upserted).toEqual({ _id: 11, v: 5 });
    expect(gone).toEqual({ _id: 10, v: 2 });
    expect(await coll.countDocuments()).toBe(1);
  });

  it('still refuses a unique-key collision made by an update by _id', async () => {
    const coll = fresh();
    await coll.createIndex({ email: 1 }, { unique: true });
    await coll.insertMany([
      { _id: 1, email: 'a@contoso.com' },
      { _id: 2, email: 'b@contoso.com' },
    ]);

    const error = await coll
      .updateOne({ _id: 2 }, { $set: { email: 'a@contoso.com' } })
      .catch((e: unknown) => e);

    expect(error).toMatchObject({ code: 11000 });
    expect(await coll.findOne({ _id: 2 })).toEqual({ _id: 2, email: 'b@contoso.com' });
  });

  it('finds a document by _id again after it was deleted and inserted anew', async () => {
    const coll = fresh();
    await coll.insertMany([{ _id: 'a' }, { _id: 'b' }]);
    await coll.deleteOne({ _id: 'a' });
    await coll.insertOne({ _id: 'a', back: true });

    const found = await coll
      .find({ _id: { $in: ['a', 'b'] } })
      .sort({ _id: 1 })
      .toArray();

    expect(found).toEqual([{ _id: 'a', back: true }, { _id: 'b' }]);
  });
});
