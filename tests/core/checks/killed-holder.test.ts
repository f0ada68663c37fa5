import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { describe, expect, it } from 'vitest';
import { createCheckRunner } from '../../../core/checks/check-runner';
import { fixedClock } from '../../../core/clock';
import { silentLogger } from '../../../core/logger';
import { createMongoLeaseStore } from '../../../core/storage/mongo/mongo-lease-store';
import { createMongoRunStore } from '../../../core/storage/mongo/mongo-run-store';
import { InMemoryTenantDirectory } from '../../../core/tenants/in-memory-tenant-directory';
import { createInMemoryStores } from '../../support/fakes/in-memory-stores';
import { useTestDatabase } from '../../support/mongo';
import { compliancePolicy, FakeTenantReader } from './fake-tenant-reader';
import { RecordingNotifier } from './recording-notifier';

const database = useTestDatabase();
const TENANT = 'dddddddd-0000-0000-0000-000000000001';

/** Starts a replica in its own process that takes the lease and hangs mid-check; resolves its run id. */
async function startDoomedReplica() {
  const child = spawn(
    process.execPath,
    [
      'bin/run-ts.js',
      'tests/core/checks/fixtures/hold-a-lease.ts',
      database.uri,
      database.db.databaseName,
      TENANT,
    ],
    { stdio: ['ignore', 'pipe', 'inherit'] },
  );
  let out = '';
  child.stdout.setEncoding('utf8');
  const runId = await new Promise<string>((resolve, reject) => {
    child.stdout.on('data', (chunk: string) => {
      out += chunk;
      const match = /started (\S+)/.exec(out);
      if (match?.[1]) resolve(match[1]);
    });
    child.once('exit', (code) => reject(new Error(`the replica exited early (${code})`)));
  });
  return { child, runId };
}

describe('a replica killed mid-check', () => {
  it('blocks the tenant only until its lease expires; the next check completes and marks it abandoned', async () => {
    const { child, runId: doomedRun } = await startDoomedReplica();
    child.kill('SIGKILL');
    await once(child, 'exit');
    const clock = fixedClock(new Date());
    const reader = new FakeTenantReader();
    reader.set(TENANT, { compliancePolicy: [compliancePolicy('c1', 'Windows baseline')] });
    const runs = createMongoRunStore(database.db);
    const survivor = createCheckRunner({
      ...createInMemoryStores(),
      reader,
      tenants: new InMemoryTenantDirectory([{ id: TENANT, name: 'doomed', aliases: [], approvers: [] }]),
      runs,
      leases: createMongoLeaseStore(database.db),
      notifier: new RecordingNotifier(),
      clock,
      logger: silentLogger,
      holder: 'replica-survivor',
      maxConcurrentChecks: 1,
    });

    const whileLeaseLives = await survivor.run(TENANT, { trigger: 'schedule' });
    clock.advance(60_000);
    const afterExpiry = await survivor.run(TENANT, { trigger: 'schedule' });

    expect(whileLeaseLives).toEqual({
      ran: false,
      reason: 'already-running',
      runId: doomedRun,
      holder: 'replica-doomed',
    });
    expect(afterExpiry).toMatchObject({
      ran: true,
      result: { run: { status: 'complete', holder: 'replica-survivor' } },
    });
    expect(await runs.get(doomedRun)).toMatchObject({
      status: 'abandoned',
      holder: 'replica-doomed',
      note: expect.stringContaining('replica-doomed stopped renewing its lease'),
    });
  });
});
