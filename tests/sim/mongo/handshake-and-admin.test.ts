import { describe, expect, it } from 'vitest';
import { MongoClient } from 'mongodb';
import { serverError, useTestDatabase } from '../../support/mongo';

const mongo = useTestDatabase();

describe('handshake and admin commands', () => {
  it('reports a writable server the current driver accepts', async () => {
    const hello = await mongo.db.admin().command({ hello: 1 });

    expect(hello.isWritablePrimary).toBe(true);
    expect(hello.maxWireVersion).toBeGreaterThanOrEqual(9);
    expect(hello.minWireVersion).toBeLessThanOrEqual(hello.maxWireVersion);
    expect(hello.maxBsonObjectSize).toBe(16 * 1024 * 1024);
    expect(hello.logicalSessionTimeoutMinutes).toBeGreaterThan(0);
  });

  it('answers ping and buildInfo', async () => {
    expect(await mongo.db.command({ ping: 1 })).toMatchObject({ ok: 1 });

    const info = await mongo.db.admin().command({ buildInfo: 1 });

    expect(info.version).toMatch(/^\d+\.\d+\.\d+/);
    expect(info.versionArray).toHaveLength(4);
  });

  it('lists a database once it holds data', async () => {
    await mongo.db.collection('listed').insertOne({ a: 1 });

    const { databases } = await mongo.db.admin().listDatabases();

    expect(databases.map((d) => d.name)).toContain(mongo.db.databaseName);
  });

  it('refuses an unknown command with code 59 CommandNotFound', async () => {
    const error = await mongo.db.command({ frobnicate: 1 }).catch((e: unknown) => e);

    expect(serverError(error)).toEqual({ code: 59, codeName: 'CommandNotFound' });
  });

  it('refuses transactions on a standalone server with code 20, and commits them on a replica set', async () => {
    const hello = await mongo.db.admin().command({ hello: 1 });
    const session = mongo.client.startSession();
    const coll = mongo.db.collection('txn');

    const outcome = await session
      .withTransaction(async () => {
        await coll.insertOne({ inTxn: true }, { session });
      })
      .then(
        () => 'committed',
        (e: unknown) => e,
      );
    await session.endSession();

    if (hello.setName === undefined && hello.msg !== 'isdbgrid') {
      // The driver rewords mongod's code 20 (IllegalOperation) and keeps the original error beside it.
      expect((outcome as Error).message).toMatch(/does not support retryable writes/);
      expect(serverError((outcome as { originalError?: unknown }).originalError)).toEqual({
        code: 20,
        codeName: 'IllegalOperation',
      });
      expect(await coll.countDocuments({ inTxn: true })).toBe(0);
    } else {
      expect(outcome).toBe('committed');
    }
  });

  it('applies unacknowledged (w:0) writes, which get no reply on the wire', async () => {
    const client = new MongoClient(mongo.uri, { maxPoolSize: 1 });
    const coll = client.db(mongo.db.databaseName).collection('fire-and-forget');

    const result = await coll.insertOne({ k: 'w0' }, { writeConcern: { w: 0 } });
    const found = await coll.findOne({ k: 'w0' });
    await client.close();

    expect(result.acknowledged).toBe(false);
    expect(found).toMatchObject({ k: 'w0' });
  });
});
