import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { existsSync } from 'node:fs';
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { MongoClient, ObjectId } from 'mongodb';
import { startMongoStandIn, type MongoStandIn } from '../../../sim/mongo';
import { serverError } from '../../support/mongo';

// Restarting the server is only possible for a stand-in this file owns, so these tests always start their own.
let dir = '';
const running: { standIn: MongoStandIn; client: MongoClient }[] = [];

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'driftwatch-mongo-'));
});
afterEach(async () => {
  for (const { standIn, client } of running.splice(0)) {
    await client.close();
    await standIn.close();
  }
  await rm(dir, { recursive: true, force: true });
});

async function start(dataFile: string) {
  const standIn = await startMongoStandIn({ dataFile });
  const client = await new MongoClient(standIn.uri).connect();
  running.push({ standIn, client });
  return { standIn, db: client.db('app'), client };
}

async function stop(handle: { standIn: MongoStandIn; client: MongoClient }) {
  running.splice(
    running.findIndex((r) => r.standIn === handle.standIn),
    1,
  );
  await handle.client.close();
  await handle.standIn.close();
}

describe('persistence across restarts', () => {
  it('keeps documents, their BSON types and unique indexes across a restart', async () => {
    const file = join(dir, 'mongo.json');
    const first = await start(file);
    const id = new ObjectId();
    await first.db.collection('tenants').createIndex({ slug: 1 }, { unique: true });
    await first.db
      .collection('tenants')
      .insertOne({ _id: id, slug: 'contoso', at: new Date('2025-01-02T03:04:05Z'), n: 1.5 });
    await stop(first);

    const second = await start(file);
    const doc = await second.db.collection('tenants').findOne({ _id: id });
    const duplicate = await second.db
      .collection('tenants')
      .insertOne({ slug: 'contoso' })
      .catch((e: unknown) => e);

    expect(doc).toEqual({ _id: id, slug: 'contoso', at: new Date('2025-01-02T03:04:05Z'), n: 1.5 });
    expect((await second.db.collection('tenants').indexes()).map((i) => i.name)).toEqual(['_id_', 'slug_1']);
    expect(serverError(duplicate).code).toBe(11000);
  });

  it('accepts the same TTL and partial indexes again after a restart, as an application does at every start', async () => {
    const file = join(dir, 'mongo.json');
    const ensureIndexes = (db: ReturnType<MongoClient['db']>) =>
      Promise.all([
        db.collection('claims').createIndex({ at: 1 }, { expireAfterSeconds: 3600, name: 'claims_ttl' }),
        db
          .collection('claims')
          .createIndex({ a: 1, b: -1 }, { unique: true, partialFilterExpression: { a: { $exists: true } } }),
      ]);
    const first = await start(file);
    await ensureIndexes(first.db);
    await stop(first);

    const second = await start(file);

    await expect(ensureIndexes(second.db)).resolves.toEqual(['claims_ttl', 'a_1_b_-1']);
    const ttl = (await second.db.collection('claims').indexes()).find((i) => i.name === 'claims_ttl');
    expect(ttl?.expireAfterSeconds).toBe(3600);
  });

  it('saves shortly after a change, without waiting for close, leaving no temporary file', async () => {
    const file = join(dir, 'nested', 'mongo.json');
    const { db } = await start(file);

    await db.collection('checks').insertOne({ run: 1 });

    await expect
      .poll(async () => (existsSync(file) ? await readFile(file, 'utf8') : ''), { timeout: 2000 })
      .toContain('"run"');
    expect(await readdir(join(dir, 'nested'))).toEqual(['mongo.json']);
  });

  it('forgets dropped data after a restart', async () => {
    const file = join(dir, 'mongo.json');
    const first = await start(file);
    await first.db.collection('a').insertOne({ x: 1 });
    await first.db.collection('b').insertOne({ x: 1 });
    await first.db.collection('a').drop();
    await stop(first);

    const second = await start(file);

    expect((await second.db.listCollections().toArray()).map((c) => c.name)).toEqual(['b']);
  });

  it('refuses to start on a corrupt data file and leaves it untouched', async () => {
    const file = join(dir, 'mongo.json');
    await writeFile(file, '{ not json');

    await expect(startMongoStandIn({ dataFile: file })).rejects.toThrow(/not valid Extended JSON/);
    expect(await readFile(file, 'utf8')).toBe('{ not json');
  });
});
