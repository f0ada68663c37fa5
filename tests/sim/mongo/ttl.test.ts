import { afterEach, describe, expect, it } from 'vitest';
import { MongoClient } from 'mongodb';
import { fixedClock } from '../../../core/clock';
import { startMongoStandIn, type MongoStandIn } from '../../../sim/mongo';

// mongod's TTL monitor runs every 60 s on its own clock, so expiry is tested on a stand-in with an injected clock.
let standIn: MongoStandIn | undefined;
let client: MongoClient | undefined;

afterEach(async () => {
  await client?.close();
  await standIn?.close();
});

async function start() {
  const clock = fixedClock('2025-06-01T12:00:00Z');
  standIn = await startMongoStandIn({ clock });
  client = await new MongoClient(standIn.uri).connect();
  const sessions = client.db('ttl').collection('sessions');
  await sessions.createIndex({ createdAt: 1 }, { expireAfterSeconds: 60 });
  return { clock, sessions, standIn };
}

describe('TTL indexes on the stand-in', () => {
  it('removes a document once its date is older than expireAfterSeconds', async () => {
    const { clock, sessions, standIn } = await start();
    await sessions.insertMany([
      { name: 'old', createdAt: new Date('2025-06-01T11:58:30Z') },
      { name: 'fresh', createdAt: new Date('2025-06-01T12:00:00Z') },
    ]);

    const firstPass = standIn.removeExpired();
    clock.advance(61_000);
    const secondPass = standIn.removeExpired();

    expect([firstPass, secondPass]).toEqual([1, 1]);
    expect(await sessions.countDocuments()).toBe(0);
  });

  it('never expires documents whose field is missing or not a date', async () => {
    const { clock, sessions, standIn } = await start();
    await sessions.insertMany([{ name: 'no date' }, { name: 'text', createdAt: '2000-01-01' }]);

    clock.advance(86_400_000);

    expect(standIn.removeExpired()).toBe(0);
    expect(await sessions.countDocuments()).toBe(2);
  });

  it('runs the monitor on its own at the configured interval', async () => {
    const clock = fixedClock('2025-06-01T12:00:00Z');
    standIn = await startMongoStandIn({ clock, ttlIntervalMs: 20 });
    client = await new MongoClient(standIn.uri).connect();
    const sessions = client.db('ttl').collection('sessions');
    await sessions.createIndex({ createdAt: 1 }, { expireAfterSeconds: 0 });
    await sessions.insertOne({ createdAt: new Date('2025-06-01T11:00:00Z') });

    await expect.poll(() => sessions.countDocuments(), { timeout: 2000 }).toBe(0);
  });
});
