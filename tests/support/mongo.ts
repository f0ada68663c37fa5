import { basename } from 'node:path';
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, expect, inject } from 'vitest';
import { MongoClient, MongoServerError, type Db } from 'mongodb';

export interface TestDatabase {
  readonly db: Db;
  readonly client: MongoClient;
  readonly uri: string;
  /** True when the shared server is the embedded stand-in (not a real mongod). */
  readonly standIn: boolean;
}

/** The shared server's URI and kind (from tests/support/global-setup.ts). */
export function mongoServer() {
  return { uri: inject('mongoUri'), kind: inject('mongoKind') };
}

/** A database name unique to this test file and run: the file name plus a random suffix. */
export function testDatabaseName(): string {
  const file = basename(expect.getState().testPath ?? 'test').replace(/\.test\.ts$/, '');
  const safe = file.replace(/[^A-Za-z0-9_]/g, '_').slice(0, 40);
  return `t_${safe}_${randomBytes(4).toString('hex')}`;
}

/**
 * Gives the calling test file its own database on the shared server, dropped after the file's tests.
 * Call at the top level of a test file; read `.db` inside tests.
 */
export function useTestDatabase(): TestDatabase {
  let client: MongoClient | undefined;
  let db: Db | undefined;
  const { uri, kind } = mongoServer();
  beforeAll(async () => {
    client = new MongoClient(uri, { serverSelectionTimeoutMS: 5000 });
    await client.connect();
    db = client.db(testDatabaseName());
  });
  afterAll(async () => {
    await db?.dropDatabase();
    await client?.close();
  });
  const ready = <T>(value: T | undefined): T => {
    if (value === undefined) throw new Error('useTestDatabase(): the database is ready inside tests only');
    return value;
  };
  return {
    get db() {
      return ready(db);
    },
    get client() {
      return ready(client);
    },
    uri,
    standIn: kind === 'stand-in',
  };
}

/** The code and codeName of a server error (fails the test when `error` is anything else). */
export function serverError(error: unknown): { code: number | undefined; codeName: string | undefined } {
  if (!(error instanceof MongoServerError)) {
    throw new Error(
      `expected a MongoServerError, got ${error instanceof Error ? error.message : String(error)}`,
    );
  }
  return { code: typeof error.code === 'number' ? error.code : undefined, codeName: error.codeName };
}
