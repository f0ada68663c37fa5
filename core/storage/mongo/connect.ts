import { MongoClient, type Db } from 'mongodb';
import type { Logger } from '../../logger';

export type PingResult = { ok: true } | { ok: false; reason: string };

export interface MongoConnection {
  client: MongoClient;
  db: Db;
  /** One `ping` with a short deadline, for /readyz. */
  ping(): Promise<PingResult>;
  close(): Promise<void>;
}

export interface ConnectOptions {
  /** How long to look for a server before giving up (driver default: 30 s). */
  serverSelectionTimeoutMS?: number;
  /** How long /readyz waits for a ping. */
  pingTimeoutMS?: number;
}

/** Connects to MongoDB (fails fast with a reason that names the problem, never the credentials). */
export async function connectMongo(
  uri: string,
  dbName: string,
  logger: Logger,
  options: ConnectOptions = {},
): Promise<MongoConnection> {
  const pingTimeoutMS = options.pingTimeoutMS ?? 2000;
  let client: MongoClient;
  try {
    client = new MongoClient(uri, {
      appName: 'driftwatch',
      serverSelectionTimeoutMS: options.serverSelectionTimeoutMS ?? 10_000,
    });
    await client.connect();
  } catch (err) {
    throw new Error(`cannot connect to MongoDB at ${redact(uri)}: ${reasonOf(err)}`, { cause: err });
  }
  const db = client.db(dbName);
  logger.info({ db: dbName }, 'Connected to MongoDB');

  return {
    client,
    db,
    async ping() {
      let timer: NodeJS.Timeout | undefined;
      const deadline = new Promise<PingResult>((resolve) => {
        timer = setTimeout(
          () => resolve({ ok: false, reason: `database did not answer a ping within ${pingTimeoutMS} ms` }),
          pingTimeoutMS,
        );
      });
      const ping = db.command({ ping: 1 }).then(
        (): PingResult => ({ ok: true }),
        (err: unknown): PingResult => ({ ok: false, reason: `database: ${reasonOf(err)}` }),
      );
      try {
        return await Promise.race([ping, deadline]);
      } finally {
        clearTimeout(timer);
      }
    },
    async close() {
      await client.close();
    },
  };
}

/** The driver's message with any `user:password@` stripped (some messages echo the connection string). */
function reasonOf(err: unknown): string {
  const message = err instanceof Error ? err.message : String(err);
  return redact(message);
}

function redact(text: string): string {
  return text.replace(/(mongodb(?:\+srv)?:\/\/)[^@/\s]*@/g, '$1(credentials)@');
}
