import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MongoClient } from 'mongodb';
import { policyTypeKeys } from '../../core/registry';
import { startMongoStandIn, type MongoStandIn } from '../../sim/mongo';
import type { GraphObject } from '../../sim/graph/tenant-data';
import { createTally, reportTally } from '../support/reliability/ledger';
import {
  CONTOSO_CHANNEL,
  CONTOSO_ID,
  duplicatesOf,
  findingFacts,
  startWorld,
  type World,
} from '../support/reliability/world';

const tally = createTally();
let restarted: Promise<void> | undefined;
let finishedTypes = 0;
let trial = { thenMs: 0, downMs: 150 };
function drop(): void {
  restarted ??= new Promise((r) => setTimeout(r, trial.thenMs)).then(() => restartStandIn(trial.downMs));
}
let dir: string;
let dataFile: string;
let standIn: MongoStandIn;
let port: number;
let client: MongoClient;
// Gives up on a missing server after 1 s (the service's default is 10 s): an outage of 3 s outlasts the
// driver's server selection and its one retry, so the check fails instead of waiting the outage out.
let impatient: MongoClient;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'driftwatch-mongo-restart-'));
  dataFile = join(dir, 'data.json');
  standIn = await startMongoStandIn({ dataFile });
  port = standIn.port;
  client = new MongoClient(standIn.uri, { serverSelectionTimeoutMS: 20_000, heartbeatFrequencyMS: 500 });
  await client.connect();
  impatient = new MongoClient(standIn.uri, { serverSelectionTimeoutMS: 1_000, heartbeatFrequencyMS: 500 });
  await impatient.connect();
});
afterAll(async () => {
  await client?.close();
  await impatient?.close();
  await standIn?.close();
  await rm(dir, { recursive: true, force: true });
  reportTally('mongodb restart', tally);
});

/** Closes the stand-in (it writes its data file) and starts it again on the same port from that file. */
async function restartStandIn(downMs: number): Promise<void> {
  await standIn.close();
  await new Promise((r) => setTimeout(r, downMs));
  standIn = await startMongoStandIn({ dataFile, port });
}

function drift(world: World): void {
  const [compliance] = world.sim.control.objects(CONTOSO_ID, 'compliancePolicy') as GraphObject[];
  world.sim.control.upsertObject(CONTOSO_ID, 'compliancePolicy', { ...compliance, passwordMinimumLength: 4 });
  const [location] = world.sim.control.objects(CONTOSO_ID, 'namedLocation');
  world.sim.control.deleteObject(CONTOSO_ID, 'namedLocation', String(location?.id));
  const [profile] = world.sim.control.objects(CONTOSO_ID, 'deviceConfiguration');
  world.sim.control.upsertObject(CONTOSO_ID, 'deviceConfiguration', {
    ...profile,
    id: 'b3f1c2d4-0000-4000-8000-00000000add1',
    displayName: 'Unapproved profile',
  });
}

// Where the drop lands differs per trial: at the start, during the Graph read, just after it (the
// inventory, findings and run writes), and during the notification. What must hold does not depend on it.
const TRIALS: {
  name: string;
  typesRead: number;
  thenMs: number;
  downMs?: number;
  afterFindings?: boolean;
  /** Use the client that gives up after 1 s, so the outage fails the check. */
  outlastsDriver?: boolean;
}[] = [
  {
    name: 'right after the findings were written, back at once',
    typesRead: -1,
    thenMs: 0,
    downMs: 0,
    afterFindings: true,
  },
  { name: 'at the start', typesRead: 0, thenMs: 0 },
  { name: 'during the read', typesRead: 5, thenMs: 0 },
  ...[0, 2, 5, 10, 20, 40, 80].map((thenMs) => ({
    name: `${thenMs} ms after the read`,
    typesRead: -1,
    thenMs,
  })),
  // The check fails after its findings were stored and before the notifier is told; the next check
  // sees them unchanged, and only the notification log knows no channel was told about them.
  {
    name: 'right after the findings were written, down longer than the driver retries',
    typesRead: -1,
    thenMs: 0,
    downMs: 3_000,
    afterFindings: true,
    outlastsDriver: true,
  },
];

describe('the MongoDB connection dropped and restored mid-check', () => {
  it.each(TRIALS)(
    'stand-in restarted $name: every finding once, its news posted once',
    async ({ typesRead, thenMs, downMs, afterFindings, outlastsDriver }) => {
      const db = (outlastsDriver ? impatient : client).db(
        `restart_${typesRead}_${thenMs}_${Date.now() % 100_000}`,
      );
      let armed = false;
      const world = await startWorld({
        db,
        checkStores: (stores) => ({
          ...stores,
          findings: {
            ...stores.findings,
            applyReconcile: async (result) => {
              const outcome = await stores.findings.applyReconcile(result);
              if (armed && afterFindings) drop();
              return outcome;
            },
          },
        }),
      });
      try {
        await world.bind(CONTOSO_CHANNEL, CONTOSO_ID);
        const first = await world.checks.runner.run(CONTOSO_ID, { trigger: 'manual' });
        expect(first).toMatchObject({ ran: true, result: { run: { status: 'complete' } } });
        drift(world);
        world.sim.control.setFaults(CONTOSO_ID, { latencyMs: 15 });

        armed = true;
        restarted = undefined;
        finishedTypes = 0;
        trial = { thenMs, downMs: downMs ?? 150 };
        if (typesRead === 0) drop();
        const check = world.checks.runner
          .run(CONTOSO_ID, {
            trigger: 'manual',
            onProgress: (e) => {
              if (e.status === 'started') return;
              finishedTypes += 1;
              if (afterFindings) return;
              if (finishedTypes === typesRead || finishedTypes === policyTypeKeys().length) drop();
            },
          })
          .then(
            (outcome) => ({ outcome }),
            (error: unknown) => ({ error }),
          );
        const interrupted = await check;
        await restarted;
        tally.faultsInjected += 1;
        world.sim.control.clearFaults(CONTOSO_ID);

        // Whatever the drop interrupted, the next checks (after the lease of a lost run expired) finish it.
        world.clock.advance(61_000);
        const next = await world.checks.runner.run(CONTOSO_ID, { trigger: 'manual' });
        expect(next).toMatchObject({ ran: true, result: { run: { status: 'complete' } } });
        await world.bot.idle();
        tally.casesTried += 1;

        const findings = await world.findings();
        const posts = world.capture.posts().filter((c) => c.conversationId === CONTOSO_CHANNEL);
        // The news (3 new findings) must be posted exactly once; a "Check failed" card may come before it.
        const news = posts.filter((p) => JSON.stringify(p.body).includes('3 new'));
        const others = posts.filter((p) => !news.includes(p));
        tally.findingsDuplicated += duplicatesOf(findings);
        tally.findingsLost += Math.max(0, 3 - new Set(findings.map((f) => f.key)).size);
        tally.postsLost += news.length === 0 ? 1 : 0;
        tally.postsDuplicated += Math.max(0, news.length - 1);
        expect(findingFacts(findings).map((f) => f.split(' ').slice(0, 3).join(' '))).toEqual(
          expect.arrayContaining([
            expect.stringMatching(/^compliancePolicy\/.* modified open$/),
            expect.stringMatching(/^namedLocation\/.* missing open$/),
            expect.stringMatching(/^deviceConfiguration\/.* added open$/),
          ]),
        );
        expect(findings).toHaveLength(3);
        expect(news, `interrupted check: ${JSON.stringify(interrupted).slice(0, 300)}`).toHaveLength(1);
        for (const other of others) expect(JSON.stringify(other.body)).toContain('Check failed');
      } finally {
        await world.close();
      }
    },
  );
});
