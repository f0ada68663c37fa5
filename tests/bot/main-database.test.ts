import { afterEach, describe, expect, it } from 'vitest';
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfig } from '../../bot/config';
import { startService, type RunningService } from '../../bot/main';
import { silentLogger } from '../../core/logger';
import { startMongoStandIn } from '../../sim/mongo';

let service: RunningService | undefined;
let dataDir = '';

afterEach(async () => {
  await service?.stop();
  service = undefined;
  if (dataDir) await rm(dataDir, { recursive: true, force: true });
});

async function readyz(url: string) {
  const res = await fetch(`${url}/readyz`);
  return { status: res.status, body: (await res.json()) as Record<string, unknown> };
}

describe('startService and the database', () => {
  it('/readyz answers 200 while MONGODB_URI answers, and 503 with the reason once it does not', async () => {
    const standIn = await startMongoStandIn();
    service = await startService(loadConfig({ MONGODB_URI: standIn.uri, PORT: '0' }), {
      logger: silentLogger,
      host: '127.0.0.1',
    });

    const up = await readyz(service.url);
    await standIn.close();
    const down = await readyz(service.url);

    expect(up).toEqual({ status: 200, body: { status: 'ready' } });
    expect(down.status).toBe(503);
    expect(down.body).toMatchObject({ status: 'unavailable', reason: expect.stringMatching(/database/) });
  });

  it('without MONGODB_URI runs the embedded stand-in and keeps its data file in the data folder', async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'driftwatch-main-'));
    service = await startService(loadConfig({ DRIFTWATCH_DATA_DIR: dataDir, PORT: '0' }), {
      logger: silentLogger,
      host: '127.0.0.1',
    });

    const up = await readyz(service.url);
    await service.stop();
    service = undefined;

    expect(up.status).toBe(200);
    expect(existsSync(join(dataDir, 'mongo-standin.json'))).toBe(true);
  });
});
