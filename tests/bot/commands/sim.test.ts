import { describe, expect, it } from 'vitest';
import { MongoClient } from 'mongodb';
import { main } from '../../../bot/cli';
import { testIo } from '../../support/capture';

describe('driftwatch sim', () => {
  it('`sim mongo --port 0` prints its mongodb:// URI, serves the driver, and stops on SIGTERM', async () => {
    const { io, stdout, stop } = testIo({ LOG_LEVEL: 'silent' });

    const exit = main(['sim', 'mongo', '--port', '0'], io);
    await expect.poll(() => stdout.text(), { timeout: 5000 }).toMatch(/^mongodb:\/\/127\.0\.0\.1:\d+\n/);
    const uri = stdout.text().split('\n')[0]!;
    const client = await new MongoClient(uri).connect();
    const pong = await client.db('admin').command({ ping: 1 });
    await client.close();
    stop('SIGTERM');

    expect(pong).toMatchObject({ ok: 1 });
    expect(await exit).toBe(0);
  });

  it.each([
    [['sim'], /Name a stand-in: mongo/],
    [['sim', 'postgres'], /Unknown stand-in "postgres"/],
    [['sim', 'mongo', '--verbose'], /Unknown option '--verbose'/],
    [['sim', 'mongo', '--port', 'abc'], /--port expects a number/],
  ])('%j is a usage error (exit 2)', async (argv, message) => {
    const { io, stderr } = testIo();

    expect(await main(argv, io)).toBe(2);
    expect(stderr.text()).toMatch(message);
  });
});
