import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TenantFaults } from '../../sim/graph/faults';
import { useTestDatabase } from '../support/mongo';
import { createTally, reportTally, SUITE_SECTIONS } from '../support/reliability/ledger';
import { reliabilityScale, reliabilitySeed } from '../support/reliability/seed';
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
const seed = reliabilitySeed('soak');
const ROUNDS = 40 * reliabilityScale();
let world: World;
let expected: string[];

const faults: fc.Arbitrary<TenantFaults> = fc.record(
  {
    rate: fc.record({ requests: fc.integer({ min: 3, max: 30 }), windowMs: fc.constantFrom(500, 1000) }),
    fail: fc.record({
      status: fc.constantFrom(429 as const, 500 as const, 502 as const, 503 as const, 504 as const),
      every: fc.integer({ min: 2, max: 9 }),
    }),
    forbidden: fc.subarray(['compliancePolicy', 'deviceConfiguration', 'namedLocation']),
    truncatePaging: fc.subarray(['settingsCatalog']),
  },
  { requiredKeys: [] },
);

beforeAll(async () => {
  world = await startWorld({ db: database.db });
  await world.bind(CONTOSO_CHANNEL, CONTOSO_ID);
  await world.checks.runner.run(CONTOSO_ID, { trigger: 'manual' });
  const [compliance] = world.sim.control.objects(CONTOSO_ID, 'compliancePolicy');
  world.sim.control.upsertObject(CONTOSO_ID, 'compliancePolicy', { ...compliance, passwordMinimumLength: 4 });
  await world.checks.runner.run(CONTOSO_ID, { trigger: 'manual' });
  expected = findingFacts(await world.findings());
});
afterAll(async () => {
  await world?.close();
  reportTally('soak: random Graph faults', tally, [...SUITE_SECTIONS, 'soak: random Graph faults']);
});

describe('soak: rounds of random Graph faults, each followed by a clean check', () => {
  it(`${ROUNDS} rounds: findings never change, never duplicate, and every clean run is complete`, async () => {
    const plans = fc.sample(faults, { seed, numRuns: ROUNDS });
    for (const plan of plans) {
      world.sim.control.setFaults(CONTOSO_ID, plan);
      const faulty = await world.checks.runner.run(CONTOSO_ID, { trigger: 'schedule' });
      world.sim.control.clearFaults(CONTOSO_ID);
      tally.faultsInjected += Object.keys(plan).length;
      expect(faulty.ran).toBe(true);
      const during = await world.findings();
      tally.findingsDuplicated += duplicatesOf(during);
      expect(findingFacts(during)).toEqual(expected);
      const clean = await world.checks.runner.run(CONTOSO_ID, { trigger: 'schedule' });
      expect(clean).toMatchObject({ ran: true, result: { run: { status: 'complete' } } });
      expect(findingFacts(await world.findings())).toEqual(expected);
      tally.casesTried += 1;
    }
    await world.bot.idle();
    const posts = world.capture.posts().filter((c) => c.conversationId === CONTOSO_CHANNEL);
    tally.postsDuplicated += Math.max(0, posts.length - 1);
    expect(posts).toHaveLength(1);
  });
});
