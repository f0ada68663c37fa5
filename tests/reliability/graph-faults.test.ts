import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TenantFaults } from '../../sim/graph/faults';
import { useTestDatabase } from '../support/mongo';
import { createTally, reportTally } from '../support/reliability/ledger';
import {
  CONTOSO_CHANNEL,
  CONTOSO_ID,
  duplicatesOf,
  findingFacts,
  startWorld,
  type World,
} from '../support/reliability/world';

const database = useTestDatabase();
const tally = createTally();
let world: World;
let expected: string[];

const postsToChannel = () => world.capture.posts().filter((c) => c.conversationId === CONTOSO_CHANNEL);

beforeAll(async () => {
  world = await startWorld({ db: database.db, reader: { requestTimeoutMs: 250 } });
  await world.bind(CONTOSO_CHANNEL, CONTOSO_ID);
  const first = await world.checks.runner.run(CONTOSO_ID, { trigger: 'manual' });
  expect(first).toMatchObject({ ran: true, result: { run: { status: 'complete', baselineCaptured: true } } });
  // Drift of every kind: a weakened compliance policy, a deleted settings-catalog policy, a new profile.
  const [compliance] = world.sim.control.objects(CONTOSO_ID, 'compliancePolicy');
  world.sim.control.upsertObject(CONTOSO_ID, 'compliancePolicy', { ...compliance, passwordMinimumLength: 4 });
  const settings = world.sim.control.objects(CONTOSO_ID, 'settingsCatalog');
  world.sim.control.deleteObject(CONTOSO_ID, 'settingsCatalog', String(settings.at(-1)?.id));
  const [profile] = world.sim.control.objects(CONTOSO_ID, 'deviceConfiguration');
  world.sim.control.upsertObject(CONTOSO_ID, 'deviceConfiguration', {
    ...profile,
    id: 'b3f1c2d4-0000-4000-8000-00000000add1',
    displayName: 'Unapproved profile',
  });
  const second = await world.checks.runner.run(CONTOSO_ID, { trigger: 'manual' });
  expect(second).toMatchObject({ ran: true, result: { run: { status: 'complete' } } });
  expected = findingFacts(await world.findings());
  await world.bot.idle();
});
afterAll(async () => {
  await world?.close();
  reportTally('graph faults', tally);
});

const settingsTypes = ['settingsCatalog'];
const SCENARIOS: {
  name: string;
  faults: TenantFaults;
  status: 'complete' | 'partial' | 'failed';
  failedTypes?: string[];
  /** Injected faults this scenario counts (rate throttles are counted by the simulator). */
  injected: (requests: number) => number;
}[] = [
  {
    name: 'a 429 storm (a tight rate window and every third request throttled)',
    faults: { rate: { requests: 8, windowMs: 1000 }, fail: { status: 429, every: 3, retryAfterSeconds: 2 } },
    status: 'complete',
    injected: (n) => Math.floor(n / 3),
  },
  {
    name: 'intermittent 503s (every fourth request)',
    faults: { fail: { status: 503, every: 4 } },
    status: 'complete',
    injected: (n) => Math.floor(n / 4),
  },
  {
    name: '503s outlasting every retry',
    faults: { fail: { status: 503, next: 100_000 } },
    status: 'failed',
    injected: (n) => n,
  },
  {
    name: 'truncated pages of the settings catalog',
    faults: { truncatePaging: settingsTypes },
    status: 'partial',
    failedTypes: settingsTypes,
    injected: () => 1,
  },
  {
    name: 'paging that never ends',
    faults: { endlessPaging: settingsTypes },
    status: 'partial',
    failedTypes: settingsTypes,
    injected: () => 1,
  },
  {
    name: 'a 403 for the compliance policies',
    faults: { forbidden: ['compliancePolicy'] },
    status: 'partial',
    failedTypes: ['compliancePolicy'],
    injected: () => 1,
  },
  {
    name: 'Graph answering slower than the request timeout',
    faults: { latencyMs: 2000 },
    status: 'failed',
    injected: (n) => n,
  },
];

describe('Graph faults during checks, through the real Graph client against the simulator', () => {
  it.each(SCENARIOS)(
    '$name: no false finding, coverage says what was not read, the next complete run heals',
    async (scenario) => {
      const postsBefore = postsToChannel().length;
      const before = world.sim.control.stats(CONTOSO_ID);
      world.sim.control.setFaults(CONTOSO_ID, scenario.faults);

      const faulty = await world.checks.runner.run(CONTOSO_ID, { trigger: 'manual' });

      const after = world.sim.control.stats(CONTOSO_ID);
      world.sim.control.clearFaults(CONTOSO_ID);
      tally.casesTried += 1;
      tally.faultsInjected +=
        after.throttled - before.throttled + scenario.injected(after.requests - before.requests);
      expect(faulty.ran).toBe(true);
      if (!faulty.ran) return;
      const run = faulty.result.run;
      expect(run.status).toBe(scenario.status);
      for (const type of scenario.failedTypes ?? []) expect(run.coverage[type]?.status).toBe('failed');
      if (scenario.status === 'partial') {
        const complete = Object.values(run.coverage).filter((c) => c.status === 'complete');
        expect(complete.length).toBeGreaterThan(0);
      }
      expect(faulty.result.newFindingIds).toEqual([]);
      expect(faulty.result.resolvedFindingIds).toEqual([]);
      const during = await world.findings();
      tally.findingsDuplicated += duplicatesOf(during);
      const lostOrFalse = symmetricDifference(expected, findingFacts(during));
      tally.findingsLost += lostOrFalse;
      expect(findingFacts(during)).toEqual(expected);

      const healed = await world.checks.runner.run(CONTOSO_ID, { trigger: 'manual' });
      expect(healed).toMatchObject({ ran: true, result: { run: { status: 'complete' } } });
      expect(findingFacts(await world.findings())).toEqual(expected);
      await world.bot.idle();
      // Nothing new happened: the summary is updated in place, never posted again.
      const duplicatedPosts = postsToChannel().length - postsBefore;
      tally.postsDuplicated += duplicatedPosts;
      expect(duplicatedPosts).toBe(0);
    },
  );

  it('posted the drift exactly once, when it first appeared', () => {
    expect(postsToChannel()).toHaveLength(1);
    expect(expected).toHaveLength(3);
  });
});

function symmetricDifference(a: readonly string[], b: readonly string[]): number {
  const sa = new Set(a);
  const sb = new Set(b);
  return [...sa].filter((x) => !sb.has(x)).length + [...sb].filter((x) => !sa.has(x)).length;
}
