import { createServer, type Socket } from 'node:net';
import { systemClock, type Clock } from '../../core/clock';
import { silentLogger, type Logger } from '../../core/logger';
import { helloReply, runCommand, type CommandContext } from './commands';
import { CursorRegistry } from './cursors';
import { persistTo, loadSnapshot, type Persister } from './persistence';
import { Store } from './store';
import { removeExpired } from './ttl';
import {
  MessageFramer,
  ProtocolError,
  encodeLegacyReply,
  encodeMsgReply,
  parseMessage,
  type Request,
} from './wire';
import type { Document } from 'mongodb';

export interface MongoStandInOptions {
  /** 0 (the default) picks a free port. */
  port?: number;
  /** Loopback only by default: this is a test double, never a network service. */
  host?: string;
  /** Extended JSON file the data is loaded from at start and saved to (debounced) after changes. */
  dataFile?: string;
  logger?: Logger;
  /** Drives TTL expiry, hello's localTime and $currentDate. */
  clock?: Clock;
  /** How often the TTL monitor runs (mongod: 60 s). */
  ttlIntervalMs?: number;
}

export interface MongoStandIn {
  uri: string;
  port: number;
  /** Runs one TTL monitor pass now; returns the number of documents removed. */
  removeExpired(): number;
  /** Closes every connection, stops the TTL monitor and writes the data file. */
  close(): Promise<void>;
}

/** Starts the MongoDB-wire-compatible stand-in (a standalone mongod 7.0 as far as the driver can tell). */
export async function startMongoStandIn(options: MongoStandInOptions = {}): Promise<MongoStandIn> {
  const logger = options.logger ?? silentLogger;
  const clock = options.clock ?? systemClock;
  let persister: Persister | undefined;
  const store = new Store(() => persister?.schedule());
  if (options.dataFile) {
    const loaded = await loadSnapshot(options.dataFile, store);
    persister = persistTo(options.dataFile, store, logger);
    // Write at once, so the file (and a data folder that cannot be written) shows up at start, not at first change.
    persister.schedule();
    await persister.flush();
    logger.info({ file: options.dataFile, documents: loaded }, 'MongoDB stand-in loaded its data file');
  }
  const cursors = new CursorRegistry(() => clock.now().getTime());
  const sockets = new Set<Socket>();
  let connections = 0;

  const server = createServer((socket) => {
    connections += 1;
    const connectionId = connections;
    sockets.add(socket);
    socket.setNoDelay(true);
    socket.on('close', () => sockets.delete(socket));
    socket.on('error', () => socket.destroy());
    const framer = new MessageFramer();
    const ctx = { store, cursors, clock, connectionId };
    socket.on('data', (chunk: Buffer) => {
      // A bad message must never throw out of this handler: it would take the whole process down.
      try {
        for (const message of framer.push(chunk)) {
          const reply = answer(parseMessage(message), ctx);
          if (reply) socket.write(reply);
        }
      } catch (err) {
        const reason = err instanceof ProtocolError ? err.message : String(err);
        logger.warn(
          { connectionId, remote: socket.remoteAddress, reason },
          'MongoDB stand-in closed a connection after bad input',
        );
        socket.destroy();
      }
    });
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, options.host ?? '127.0.0.1', () => {
      server.off('error', reject);
      resolve();
    });
  });
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  const host = options.host ?? '127.0.0.1';
  const ttlTimer = setInterval(() => removeExpired(store, clock.now()), options.ttlIntervalMs ?? 60_000);
  ttlTimer.unref();
  logger.info({ port }, 'MongoDB stand-in listening');

  return {
    uri: `mongodb://${host.includes(':') ? `[${host}]` : host}:${port}`,
    port,
    removeExpired: () => removeExpired(store, clock.now()),
    async close() {
      clearInterval(ttlTimer);
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      // Live sockets would hold close() open (a test that forgot client.close() would hang teardown).
      for (const socket of sockets) socket.destroy();
      await closed;
      await persister?.flush();
    },
  };
}

function answer(request: Request, base: Omit<CommandContext, 'db'>): Buffer | undefined {
  if (request.kind === 'query') {
    const name = Object.keys(request.command)[0]?.toLowerCase();
    const db = request.namespace.split('.')[0] ?? 'admin';
    const reply: Document =
      request.namespace.endsWith('.$cmd') && (name === 'ismaster' || name === 'hello')
        ? helloReply(request.command, { ...base, db })
        : {
            ok: 0,
            errmsg: `Unsupported OP_QUERY command: ${name ?? '(none)'}. The client driver may require an upgrade.`,
            code: 352,
            codeName: 'UnsupportedOpQueryCommand',
          };
    return encodeLegacyReply(request.requestId, reply);
  }
  const db = request.command.$db;
  const reply =
    typeof db === 'string' && db !== ''
      ? runCommand(request.command, { ...base, db })
      : {
          ok: 0,
          errmsg: "BSON field '$db' is missing but a required field",
          code: 40414,
          codeName: 'Location40414',
        };
  // moreToCome (w:0 writes, endSessions at client.close()) means the client reads no reply.
  return request.moreToCome ? undefined : encodeMsgReply(request.requestId, reply);
}
