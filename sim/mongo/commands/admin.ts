import { BSON, type Document } from 'mongodb';
import { MAX_MESSAGE_BYTES } from '../wire';
import type { CommandContext, CommandHandler } from './context';

/** The version reported by buildInfo: MongoDB 7.0's wire version (21) is what the stand-in speaks. */
export const REPORTED_VERSION = '7.0.0';

/** A standalone server's hello: no setName, no topologyVersion (no streaming monitor), no compression. */
export function helloReply(body: Document, ctx: CommandContext): Document {
  const legacy = body.hello === undefined;
  return {
    ...(legacy ? { ismaster: true } : { isWritablePrimary: true }),
    helloOk: true,
    maxBsonObjectSize: 16 * 1024 * 1024,
    maxMessageSizeBytes: MAX_MESSAGE_BYTES,
    maxWriteBatchSize: 100_000,
    localTime: ctx.clock.now(),
    logicalSessionTimeoutMinutes: 30,
    connectionId: ctx.connectionId,
    minWireVersion: 0,
    maxWireVersion: 21,
    readOnly: false,
    ok: 1,
  };
}

const buildInfo: CommandHandler = () => ({
  version: REPORTED_VERSION,
  gitVersion: 'driftwatch-mongo-stand-in',
  versionArray: [7, 0, 0, 0],
  bits: 64,
  debug: false,
  maxBsonObjectSize: 16 * 1024 * 1024,
  storageEngines: ['memory'],
  ok: 1,
});

const listDatabases: CommandHandler = (body, ctx) => {
  const databases = [...ctx.store.databases.entries()].map(([name, collections]) => {
    let sizeOnDisk = 0;
    for (const c of collections.values())
      for (const d of c.docs.values()) sizeOnDisk += BSON.calculateObjectSize(d);
    return { name, sizeOnDisk, empty: sizeOnDisk === 0 };
  });
  if (body.nameOnly === true) return { databases: databases.map(({ name }) => ({ name })), ok: 1 };
  return { databases, totalSize: databases.reduce((n, d) => n + d.sizeOnDisk, 0), totalSizeMb: 0, ok: 1 };
};

export const adminCommands: Record<string, CommandHandler> = {
  hello: helloReply,
  ismaster: helloReply,
  ping: () => ({ ok: 1 }),
  buildinfo: buildInfo,
  listdatabases: listDatabases,
  // Sessions are accepted (every command carries an lsid) but hold no state: a standalone has no transactions.
  endsessions: () => ({ ok: 1 }),
  killallsessions: () => ({ ok: 1 }),
  connectionstatus: () => ({ authInfo: { authenticatedUsers: [], authenticatedUserRoles: [] }, ok: 1 }),
};
