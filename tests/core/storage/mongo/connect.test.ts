import { describe, expect, it } from 'vitest';
import { connectMongo } from '../../../../core/storage/mongo/connect';
import { silentLogger } from '../../../../core/logger';
import { startMongoStandIn } from '../../../../sim/mongo';
import { mongoServer, testDatabaseName } from '../../../support/mongo';

describe('connectMongo', () => {
  it('connects to the shared server, pings it and names the client driftwatch', async () => {
    const connection = await connectMongo(mongoServer().uri, testDatabaseName(), silentLogger);

    const ping = await connection.ping();
    await connection.close();

    expect(ping).toEqual({ ok: true });
    expect(connection.client.options.appName).toBe('driftwatch');
  });

  it('reports a reason once the server is gone', async () => {
    const standIn = await startMongoStandIn();
    const connection = await connectMongo(standIn.uri, 'gone', silentLogger, { pingTimeoutMS: 500 });

    await standIn.close();
    const ping = await connection.ping();
    await connection.close();

    expect(ping.ok).toBe(false);
    expect(ping.ok === false && ping.reason).toMatch(/database/);
  });

  it('fails fast on an unreachable server without echoing the credentials', async () => {
    const standIn = await startMongoStandIn();
    const port = standIn.port;
    await standIn.close();

    const error = await connectMongo(
      `mongodb://app:s3cret-pass@127.0.0.1:${port}/?authSource=admin`,
      'x',
      silentLogger,
      {
        serverSelectionTimeoutMS: 300,
      },
    ).catch((e: unknown) => e as Error);

    expect(error).toBeInstanceOf(Error);
    expect((error as Error).message).toMatch(
      /cannot connect to MongoDB at mongodb:\/\/\(credentials\)@127\.0\.0\.1/,
    );
    expect((error as Error).message).not.toContain('s3cret-pass');
  });
});
