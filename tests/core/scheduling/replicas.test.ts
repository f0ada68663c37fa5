import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { MongoClient } from 'mongodb';
import { systemClock } from '../../../core/clock';
import { silentLogger, type Logger } from '../../../core/logger';
import type { Tenant } from '../../../core/model';
import { createRunCoordinator } from '../../../core/scheduling/create-run-coordinator';
import type { RunCoordinator } from '../../../core/scheduling/cron';
import { createScheduler } from '../../../core/scheduling/scheduler';
import { ensureCheckIndexes } from '../../../core/storage/mongo/check-indexes';
import { createMongoFireClaimStore } from '../../../core/storage/mongo/mongo-fire-claim-store';
import { InMemoryTenantDirectory } from '../../../core/tenants/in-memory-tenant-directory';
import { useTestDatabase } from '../../support/mongo';

const database = useTestDatabase();
const START = new Date('2026-03-02T10:00:00.000Z');
const FIRES = 40;

const tenants: Tenant[] = [1, 2, 3].map((n) => ({
  id: `0000000${n}-0000-0000-0000-000000000000`,
  name: `tenant${n}`,
  aliases: [],
  approvers: [],
  schedule: '* * * * * *',
}));

// Each replica has its own client, as separate processes would.
let second: MongoClient;
beforeAll(async () => {
  second = new MongoClient(database.uri);
  await second.connect();
});
afterAll(async () => {
  await second?.close();
});

/**
 * Waits until `done` holds. The driver needs its timers to make progress, so fake time creeps on by
 * a millisecond per poll, but never near the next fire (a second later): fires stay distinct.
 */
async function until(done: () => boolean, fireAt: number): Promise<void> {
  const deadline = performance.now() + 5000;
  while (!done()) {
    if (performance.now() > deadline) throw new Error('the replicas did not decide the fire in time');
    if (Date.now() < fireAt + 900) await vi.advanceTimersByTimeAsync(1);
    else await new Promise<void>((resolve) => setImmediate(resolve));
  }
}

/** node-cron finishes a fire with onComplete; the next fire must not find it still running (noOverlap). */
function countingCompletions(coordinator: RunCoordinator, onCompleted: () => void): RunCoordinator {
  return {
    shouldRun: (key, ttlMs) => coordinator.shouldRun(key, ttlMs),
    async onComplete(key) {
      await coordinator.onComplete?.(key);
      onCompleted();
    },
  };
}

function recordingLogger(onSkip: () => void): Logger {
  const logger: Logger = {
    ...silentLogger,
    child: () => logger,
    debug: (_obj, msg) => {
      if (msg === 'Fire skipped') onSkip();
    },
  };
  return logger;
}

describe('schedulers on several replicas sharing one database', () => {
  it('run each scheduled fire exactly once', async () => {
    await ensureCheckIndexes(database.db);
    const dbs = [database.db, second.db(database.db.databaseName)];
    const ran: string[] = [];
    let skipped = 0;
    let completed = 0;
    // Only Date and timers are faked: the driver's sockets and the stand-in keep running for real.
    vi.useFakeTimers({
      now: START,
      toFake: ['Date', 'setTimeout', 'clearTimeout', 'setInterval', 'clearInterval'],
    });
    const replicas = dbs.map((db, i) =>
      createScheduler({
        tenants: new InMemoryTenantDirectory(tenants),
        lastCompleteAt: async () => START,
        check: async (tenantId) => {
          ran.push(`${tenantId}@${new Date().toISOString()}`);
        },
        coordinator: countingCompletions(
          createRunCoordinator(createMongoFireClaimStore(db), { holder: `replica-${i}`, clock: systemClock }),
          () => completed++,
        ),
        defaults: { schedule: '0 */30 * * * *', timezone: 'UTC' },
        clock: systemClock,
        logger: recordingLogger(() => skipped++),
        random: () => 0,
        refreshIntervalMs: 0,
      }),
    );
    try {
      for (const r of replicas) await r.start();

      for (let fire = 1; fire <= FIRES; fire++) {
        const fireAt = START.getTime() + fire * 1000;
        await vi.advanceTimersByTimeAsync(fireAt - Date.now());
        // Each replica decides every fire over the wire before time moves on to the next.
        await until(
          () => ran.length + skipped >= fire * tenants.length * replicas.length && completed === ran.length,
          fireAt,
        ).catch((e: unknown) => {
          throw new Error(
            `fire ${fire}: ran ${ran.length} skipped ${skipped} at ${new Date().toISOString()}`,
            { cause: e },
          );
        });
      }
    } finally {
      for (const r of replicas) await r.stop();
      vi.useRealTimers();
    }

    expect(ran).toHaveLength(FIRES * tenants.length);
    expect(new Set(ran).size).toBe(ran.length);
    expect(skipped).toBe(FIRES * tenants.length);
  });
});
