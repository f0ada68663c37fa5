import { existsSync } from 'node:fs';
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { loadConfig } from '../../../bot/config';
import { run, startMode } from '../../../bot/commands/start';
import { startMongoStandIn, type MongoStandIn } from '../../../sim/mongo';
import { testIo } from '../../support/capture';

let dataDir = '';
let standIn: MongoStandIn | undefined;

afterEach(async () => {
  await standIn?.close();
  standIn = undefined;
  if (dataDir) await rm(dataDir, { recursive: true, force: true });
  dataDir = '';
});

/** Runners that record which one `start` chose instead of starting anything. */
function recordingRunners() {
  const chosen: string[] = [];
  const runner = (name: string) => async () => async () => (chosen.push(name), 0);
  return { chosen, runners: { demo: runner('demo'), serve: runner('serve') } };
}

describe('npm start', () => {
  it('runs the demo when nothing points at a real service', async () => {
    const { chosen, runners } = recordingRunners();
    expect(await run([], testIo({}).io, runners)).toBe(0);
    expect(chosen).toEqual(['demo']);
    expect(startMode(loadConfig({ PORT: '4000', LOG_LEVEL: 'debug' }))).toBe('demo');
  });

  it.each([
    ['MONGODB_URI', { MONGODB_URI: 'mongodb://db.example.net:27017' }],
    [
      'BOT_ID',
      {
        BOT_ID: '11111111-2222-4333-8444-555555555555',
        BOT_TENANT_ID: '11111111-2222-4333-8444-666666666666',
        BOT_PASSWORD: 'x',
      },
    ],
    [
      'GRAPH_CLIENT_ID',
      { GRAPH_CLIENT_ID: '11111111-2222-4333-8444-777777777777', GRAPH_CLIENT_SECRET: 'x' },
    ],
  ])('runs serve once %s is configured', async (_name, env) => {
    const { chosen, runners } = recordingRunners();
    await run([], testIo(env).io, runners);
    expect(chosen).toEqual(['serve']);
  });

  it('refuses arguments it does not know, like every command', async () => {
    const { runners } = recordingRunners();
    await expect(run(['--demo'], testIo({}).io, runners)).rejects.toThrow(/Unknown option/);
  });

  it('configured, serves on the given database and starts neither the Graph simulator nor the Playground', async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'driftwatch-start-'));
    standIn = await startMongoStandIn();
    const { io, stdout, stop } = testIo({
      MONGODB_URI: standIn.uri,
      PORT: '0',
      DRIFTWATCH_DATA_DIR: dataDir,
      LOG_LEVEL: 'silent',
    });
    const exit = run([], io);
    await pollUntil(() => /listening on http:\/\/\S+/.test(stdout.text()), 20_000);
    const url = /listening on (http:\/\/\S+)/.exec(stdout.text())?.[1] ?? '';
    const health = await fetch(`${url}/healthz`);
    stop('SIGTERM');

    expect(await exit).toBe(0);
    expect(health.status).toBe(200);
    expect(stdout.text()).not.toMatch(/Agents Playground|Graph simulator/);
    // No demo CA, Playground config or stand-in data file: nothing it was not asked for.
    expect(existsSync(dataDir) ? await readdir(dataDir) : []).toEqual([]);
  });
});

async function pollUntil(done: () => boolean, timeoutMs: number): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (!done()) {
    if (Date.now() > until) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 50));
  }
}
