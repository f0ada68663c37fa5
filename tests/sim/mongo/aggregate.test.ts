import { beforeAll, describe, expect, it } from 'vitest';
import { serverError, useTestDatabase } from '../../support/mongo';

const mongo = useTestDatabase();

beforeAll(async () => {
  await mongo.db.collection('findings').insertMany([
    { tenant: 'contoso', severity: 'high', tags: ['ca', 'mfa'], score: 8 },
    { tenant: 'contoso', severity: 'low', tags: ['ca'], score: 2 },
    { tenant: 'fabrikam', severity: 'high', tags: [], score: 9 },
    { tenant: 'fabrikam', severity: 'medium', tags: ['intune'], score: 5 },
    { tenant: 'northwind', severity: 'low', tags: ['mfa'], score: 1 },
  ]);
  await mongo.db.collection('tenants').insertMany([
    { _id: 'contoso', name: 'Contoso Ltd' },
    { _id: 'fabrikam', name: 'Fabrikam Inc' },
  ] as never[]);
});

describe('aggregate', () => {
  it('matches, groups, sorts, projects, skips and limits', async () => {
    const rows = await mongo.db
      .collection('findings')
      .aggregate([
        { $match: { score: { $gte: 2 } } },
        { $group: { _id: '$tenant', total: { $sum: '$score' }, n: { $sum: 1 } } },
        { $sort: { total: -1 } },
        { $project: { _id: 0, tenant: '$_id', total: 1, n: 1 } },
        { $skip: 1 },
        { $limit: 1 },
      ])
      .toArray();

    expect(rows).toEqual([{ total: 10, n: 2, tenant: 'contoso' }]);
  });

  it('unwinds arrays and counts', async () => {
    const [row] = await mongo.db
      .collection('findings')
      .aggregate([{ $unwind: '$tags' }, { $match: { tags: 'mfa' } }, { $count: 'mfa' }])
      .toArray();

    expect(row).toEqual({ mfa: 2 });
  });

  it('joins with $lookup and fans out with $facet', async () => {
    const [facets] = await mongo.db
      .collection('findings')
      .aggregate([
        { $lookup: { from: 'tenants', localField: 'tenant', foreignField: '_id', as: 'tenantDoc' } },
        {
          $facet: {
            named: [{ $match: { 'tenantDoc.0': { $exists: true } } }, { $count: 'n' }],
            bySeverity: [{ $group: { _id: '$severity', n: { $sum: 1 } } }, { $sort: { _id: 1 } }],
          },
        },
      ])
      .toArray();

    expect(facets?.named).toEqual([{ n: 4 }]);
    expect(facets?.bySeverity).toEqual([
      { _id: 'high', n: 2 },
      { _id: 'low', n: 2 },
      { _id: 'medium', n: 1 },
    ]);
  });

  it('leaves the stored documents untouched by stages that rewrite fields', async () => {
    await mongo.db
      .collection('findings')
      .aggregate([{ $set: { score: 0, tags: 'x' } }])
      .toArray();

    const stored = await mongo.db.collection('findings').find({ score: 0 }).toArray();

    expect(stored).toEqual([]);
  });

  it('refuses an unknown stage with code 40324', async () => {
    const error = await mongo.db
      .collection('findings')
      .aggregate([{ $frob: {} }])
      .toArray()
      .catch((e: unknown) => e);

    expect(serverError(error).code).toBe(40324);
  });

  it('requires the cursor option, as mongod does (code 9)', async () => {
    const error = await mongo.db.command({ aggregate: 'findings', pipeline: [] }).catch((e: unknown) => e);

    expect(serverError(error).code).toBe(9);
  });
});

describe('count and distinct', () => {
  it('counts documents with a filter, skip and limit, and estimates the collection size', async () => {
    const findings = mongo.db.collection('findings');

    expect(await findings.countDocuments({ severity: 'high' })).toBe(2);
    expect(await findings.countDocuments({}, { skip: 1, limit: 3 })).toBe(3);
    expect(await findings.countDocuments({ tenant: 'nobody' })).toBe(0);
    expect(await findings.estimatedDocumentCount()).toBe(5);
    expect(await mongo.db.collection('absent').estimatedDocumentCount()).toBe(0);
  });

  it('returns distinct values, unwinding arrays, optionally filtered', async () => {
    const findings = mongo.db.collection('findings');

    expect((await findings.distinct('tenant')).sort()).toEqual(['contoso', 'fabrikam', 'northwind']);
    expect((await findings.distinct('tags')).sort()).toEqual(['ca', 'intune', 'mfa']);
    expect(await findings.distinct('severity', { tenant: 'northwind' })).toEqual(['low']);
  });
});
