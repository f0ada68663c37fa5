import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { useTestDatabase } from '../support/mongo';
import { createTally, reportTally } from '../support/reliability/ledger';
import {
  CONTOSO_CHANNEL,
  CONTOSO_ID,
  GRAPH_CLIENT_ID,
  GRAPH_SECRET,
  startWorld,
  type World,
} from '../support/reliability/world';

const database = useTestDatabase();
const tally = createTally();
let world: World;

beforeAll(async () => {
  world = await startWorld({ db: database.db, holder: 'replica-survivor' });
  await world.bind(CONTOSO_CHANNEL, CONTOSO_ID);
});
afterAll(async () => {
  await world?.close();
  reportTally('killed holder', tally);
});

/** Starts the doomed replica; resolves once it has read some types (it is mid-check), with its run id. */
async function startDoomedReplica() {
  const child = spawn(
    process.execPath,
    [
      'bin/run-ts.js',
      'tests/support/reliability/hold-a-check.ts',
      database.uri,
      database.db.databaseName,
      CONTOSO_ID,
      world.sim.baseUrl,
      GRAPH_SECRET,
      GRAPH_CLIENT_ID,
    ],
    { stdio: ['ignore', 'pipe', 'inherit'] },
  );
  let out = '';
  child.stdout.setEncoding('utf8');
  const runId = await new Promise<string>((resolve, reject) => {
    child.stdout.on('data', (chunk: string) => {
      out += chunk;
      const started = /started (\S+)/.exec(out)?.[1];
      if (started && (out.match(/^read /gm) ?? []).length >= 2) resolve(started);
    });
    child.once('exit', (code) => reject(new Error(`the replica exited early (${code}): ${out}`)));
  });
  return { child, runId };
}

describe('a replica killed mid-check, through the real Graph client and driver', () => {
  it('the next holder completes the check once the lease expires and marks the killed run abandoned', async () => {
    // Slow Graph answers keep the doomed replica mid-read.
    world.sim.control.setFaults(CONTOSO_ID, { latencyMs: 150 });
    const { child, runId } = await startDoomedReplica();
    child.kill('SIGKILL');
    await once(child, 'exit');
    tally.faultsInjected += 1;
    world.sim.control.clearFaults(CONTOSO_ID);
    // The lease was taken on the replica's real clock: the survivor's clock starts there.
    world.clock.set(new Date());

    const whileLeaseLives = await world.checks.runner.run(CONTOSO_ID, { trigger: 'schedule' });
    world.clock.advance(61_000);
    const afterExpiry = await world.checks.runner.run(CONTOSO_ID, { trigger: 'schedule' });
    tally.casesTried += 1;

    expect(whileLeaseLives).toMatchObject({
      ran: false,
      reason: 'already-running',
      holder: 'replica-doomed',
    });
    expect(afterExpiry).toMatchObject({
      ran: true,
      result: { run: { status: 'complete', holder: 'replica-survivor', baselineCaptured: true } },
    });
    expect(await world.checks.runs.get(runId)).toMatchObject({
      status: 'abandoned',
      note: expect.stringContaining('replica-doomed stopped renewing its lease'),
    });
    expect(await world.findings()).toEqual([]);
  });
});
