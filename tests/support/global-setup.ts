import type { TestProject } from 'vitest/node';

export type MongoKind = 'external' | 'memory-server' | 'stand-in';

declare module 'vitest' {
  export interface ProvidedContext {
    /** The MongoDB every test file shares (each with its own database: see tests/support/mongo.ts). */
    mongoUri: string;
    mongoKind: MongoKind;
  }
}

/**
 * One MongoDB for the whole run, chosen in order: MONGODB_URI (a real server), MONGOMS_SYSTEM_BINARY
 * (mongodb-memory-server-core starting that mongod), else the embedded stand-in.
 */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const { uri, kind, stop } = await startMongo();
  project.provide('mongoUri', uri);
  project.provide('mongoKind', kind);
  return stop;
}

async function startMongo(): Promise<{ uri: string; kind: MongoKind; stop: () => Promise<void> }> {
  const external = process.env.MONGODB_URI;
  if (external) return { uri: external, kind: 'external', stop: async () => undefined };
  if (process.env.MONGOMS_SYSTEM_BINARY) {
    const { MongoMemoryServer } = await import('mongodb-memory-server-core');
    const server = await MongoMemoryServer.create();
    return { uri: server.getUri(), kind: 'memory-server', stop: async () => void (await server.stop()) };
  }
  const { startMongoStandIn } = await import('../../sim/mongo');
  const standIn = await startMongoStandIn();
  return { uri: standIn.uri, kind: 'stand-in', stop: () => standIn.close() };
}
