import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { Query } from 'mingo';
import { ObjectId, type Document } from 'mongodb';
import { planIdLookup } from '../../../sim/mongo/id-plan';
import { matching } from '../../../sim/mongo/query';
import { Collection } from '../../../sim/mongo/store';

const oidA = new ObjectId('65a000000000000000000001');
const oidB = new ObjectId('65a000000000000000000002');
// Ids that look alike but are not equal (1 / '1' / true, ObjectId / its hex), plus embedded documents.
const ID_POOL: unknown[] = [
  0,
  1,
  2,
  1.5,
  '1',
  'a',
  true,
  null,
  oidA,
  oidB,
  oidA.toHexString(),
  { t: 'x', n: 1 },
  { t: 'x', n: 2 },
  { t: 'x', n: 0 },
];
const anyId = fc.constantFrom(...ID_POOL);
const states = fc.constantFrom('open', 'closed');

function collectionOf(docs: Document[]): Collection {
  const collection = new Collection('db', 'c', () => undefined);
  for (const doc of docs) collection.insert(doc);
  return collection;
}

const storedDocs = fc
  .uniqueArray(anyId, { selector: (id) => ID_POOL.indexOf(id), maxLength: ID_POOL.length })
  .chain((ids) =>
    fc.tuple(...ids.map((_id) => states.map((state) => ({ _id, state })))).map((docs) => docs as Document[]),
  );

const idClause = fc.oneof(
  anyId,
  anyId.map((v) => ({ $eq: v })),
  fc.array(anyId, { maxLength: 6 }).map((vs) => ({ $in: vs })),
  fc.tuple(fc.array(anyId, { maxLength: 6 }), anyId).map(([vs, v]) => ({ $in: vs, $ne: v })),
);

const filters = fc
  .tuple(idClause, fc.option(states, { nil: undefined }), fc.boolean())
  .map(([clause, state, nested]): Document => {
    const rest = state === undefined ? {} : { state };
    return nested ? { $and: [rest, { _id: clause }] } : { _id: clause, ...rest };
  });

describe('planning a lookup by _id', () => {
  it('gives the same documents, in the same order, as testing every document with mingo', () => {
    fc.assert(
      fc.property(storedDocs, filters, (docs, filter) => {
        const collection = collectionOf(docs);
        const query = new Query(filter);
        const scanned = [...collection.docs.values()].filter((doc) => query.test(doc));

        expect(matching(collection, filter)).toEqual(scanned);
      }),
      { numRuns: 500 },
    );
  });

  it('pins the ids of equality, $eq and $in, once each, and keeps the other conditions', () => {
    const byValue = planIdLookup({ _id: 1, state: 'open' });
    const byIn = planIdLookup({ _id: { $in: [1, 1.0, 'x', 'x'], $ne: 'x' } });
    const inAnd = planIdLookup({ $and: [{ state: 'open' }, { _id: { $eq: oidA } }] });

    expect(byValue).toEqual({ keys: new Set(['n:1']), residual: { state: 'open' } });
    expect(byIn).toEqual({ keys: new Set(['n:1', 's:x']), residual: { _id: { $ne: 'x' } } });
    expect(inAnd?.keys).toEqual(new Set([`o:${oidA.toHexString()}`]));
    expect(inAnd?.residual).toEqual({ $and: [{ state: 'open' }, {}] });
  });

  it('leaves filters whose _id values need the query rules to the full scan', () => {
    const unplanned = [
      { _id: { $in: [/^a/] } },
      { _id: { $gt: 1 } },
      { _id: [1, 2] },
      { _id: { a: { $gt: 1 } } },
      { _id: { n: 0 } },
      { $or: [{ _id: 1 }] },
      { 'x._id': 1 },
    ];

    expect(unplanned.map(planIdLookup)).toEqual(unplanned.map(() => undefined));
  });

  it('returns documents looked up by _id in natural order, a re-inserted one last', () => {
    const collection = collectionOf([{ _id: 3 }, { _id: 1 }, { _id: 2 }]);
    collection.remove({ _id: 3 });
    collection.insert({ _id: 3, again: true });

    expect(matching(collection, { _id: { $in: [3, 2, 1] } })).toEqual([
      { _id: 1 },
      { _id: 2 },
      { _id: 3, again: true },
    ]);
  });
});
