import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connect, type Socket } from 'node:net';
import { BSON } from 'mongodb';
import { MongoClient } from 'mongodb';
import type { Logger } from '../../../core/logger';
import { startMongoStandIn, type MongoStandIn } from '../../../sim/mongo';

// Robustness of the stand-in itself (mongod's answers to broken bytes vary by version), on its own instance.
const warnings: { obj: Record<string, unknown>; msg: string }[] = [];
const recordingLogger: Logger = {
  child: () => recordingLogger,
  debug: () => undefined,
  info: () => undefined,
  warn: (obj, msg) => void warnings.push({ obj, msg }),
  error: () => undefined,
};
let standIn: MongoStandIn;
let bystander: MongoClient;

beforeAll(async () => {
  standIn = await startMongoStandIn({ logger: recordingLogger });
  bystander = await new MongoClient(standIn.uri, { maxPoolSize: 1 }).connect();
});
afterAll(async () => {
  await bystander.close();
  await standIn.close();
});

/** Sends raw bytes on a fresh connection; resolves with whether the server closed it and what it sent back. */
function sendRaw(bytes: Buffer): Promise<{ closed: boolean; received: number }> {
  return new Promise((resolve) => {
    const socket: Socket = connect(standIn.port, '127.0.0.1');
    let received = 0;
    const timer = setTimeout(() => {
      socket.destroy();
      resolve({ closed: false, received });
    }, 2000);
    socket.on('data', (d) => (received += d.length));
    socket.on('close', () => {
      clearTimeout(timer);
      resolve({ closed: true, received });
    });
    socket.on('error', () => undefined);
    socket.write(bytes);
  });
}

function message(opCode: number, payload: Buffer, length = 16 + payload.length): Buffer {
  const head = Buffer.alloc(16);
  head.writeInt32LE(length, 0);
  head.writeInt32LE(7, 4);
  head.writeInt32LE(0, 8);
  head.writeInt32LE(opCode, 12);
  return Buffer.concat([head, payload]);
}

const body = (doc: object) => Buffer.from(BSON.serialize(doc));

describe('bad input', () => {
  it.each([
    [
      'a malformed OP_MSG (BSON length past the end)',
      message(2013, Buffer.from([0, 0, 0, 0, 0, 0xff, 0xff, 0, 0, 1])),
    ],
    ['an unknown opcode', message(9999, body({ ping: 1 }))],
    ['a message over 48 MB (refused from its header alone)', message(2013, Buffer.alloc(0), 49_000_000)],
    ['a message length below the header size', message(2013, Buffer.alloc(0), 3)],
  ])('closes the connection that sent %s, logs it, and keeps serving others', async (_what, bytes) => {
    warnings.length = 0;

    const outcome = await sendRaw(bytes);

    expect(outcome).toEqual({ closed: true, received: 0 });
    expect(warnings).toHaveLength(1);
    expect(warnings[0]?.msg).toMatch(/closed a connection after bad input/);
    expect(await bystander.db('admin').command({ ping: 1 })).toMatchObject({ ok: 1 });
  });

  it('answers a well-formed OP_MSG ping on a raw connection', async () => {
    const ping = Buffer.concat([Buffer.alloc(4), Buffer.from([0]), body({ ping: 1, $db: 'admin' })]);

    const outcome = await new Promise<Buffer>((resolve) => {
      const socket = connect(standIn.port, '127.0.0.1', () => socket.write(message(2013, ping)));
      socket.once('data', (d) => {
        socket.destroy();
        resolve(d);
      });
    });

    expect(outcome.readInt32LE(8)).toBe(7);
    expect(BSON.deserialize(outcome.subarray(21))).toEqual({ ok: 1 });
  });
});
