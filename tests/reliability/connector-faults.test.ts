import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { useTestDatabase } from '../support/mongo';
import { createTally, reportTally } from '../support/reliability/ledger';
import { CONTOSO_CHANNEL, CONTOSO_ID, startWorld, type World } from '../support/reliability/world';

const database = useTestDatabase();
const tally = createTally();
let world: World;

beforeAll(async () => {
  world = await startWorld({ db: database.db });
  await world.bind(CONTOSO_CHANNEL, CONTOSO_ID);
  const first = await world.checks.runner.run(CONTOSO_ID, { trigger: 'manual' });
  expect(first).toMatchObject({ ran: true, result: { run: { status: 'complete' } } });
});
afterAll(async () => {
  await world?.close();
  reportTally('connector faults', tally);
});

/** Each check finds one more unapproved profile: news, so a new post. */
function addProfile(n: number): void {
  const [profile] = world.sim.control.objects(CONTOSO_ID, 'deviceConfiguration');
  world.sim.control.upsertObject(CONTOSO_ID, 'deviceConfiguration', {
    ...profile,
    id: `b3f1c2d4-0000-4000-8000-${String(n).padStart(12, '0')}`,
    displayName: `Unapproved profile ${n}`,
  });
}

const FAULTS: { status: number; count: number; retryAfterSeconds?: number }[] = [
  { status: 429, count: 3, retryAfterSeconds: 2 },
  { status: 502, count: 2 },
  { status: 504, count: 4 },
  { status: 412, count: 1 },
  { status: 503, count: 2 },
  { status: 429, count: 4 },
  { status: 502, count: 1 },
];

describe('the Bot Connector answering 429 and 5xx', () => {
  it('delivers every post once, in the order of the checks', async () => {
    const runIds: string[] = [];
    for (const [i, fault] of FAULTS.entries()) {
      addProfile(i + 1);
      world.capture.failNext(fault.count, fault.status, {
        method: 'POST',
        ...(fault.retryAfterSeconds ? { retryAfterSeconds: fault.retryAfterSeconds } : {}),
      });
      tally.faultsInjected += fault.count;
      const outcome = await world.checks.runner.run(CONTOSO_ID, { trigger: 'manual' });
      expect(outcome).toMatchObject({ ran: true, result: { run: { status: 'complete' } } });
      if (outcome.ran) runIds.push(outcome.result.run.id);
      tally.casesTried += 1;
    }
    await world.bot.idle();

    const posted = world.capture
      .posts()
      .filter((c) => c.conversationId === CONTOSO_CHANNEL)
      .map((c) => /run-[0-9a-f-]{36}/.exec(JSON.stringify(c.body))?.[0]);
    const perRun = runIds.map((id) => posted.filter((p) => p === id).length);
    tally.postsLost += perRun.filter((n) => n === 0).length;
    tally.postsDuplicated += perRun.reduce((sum, n) => sum + Math.max(0, n - 1), 0);
    expect(perRun).toEqual(runIds.map(() => 1));
    expect(posted).toEqual(runIds);
    const binding = await world.bindings.get(CONTOSO_CHANNEL);
    expect(Object.keys(binding?.lastPosts ?? {})).toHaveLength(1);
  });

  it('a 500 (the post may have been made) is not sent twice: the failure is recorded for "debug"', async () => {
    const before = world.capture.posts().length;
    addProfile(100);
    world.capture.failNext(1, 500, { method: 'POST' });
    tally.faultsInjected += 1;
    tally.casesTried += 1;

    await world.checks.runner.run(CONTOSO_ID, { trigger: 'manual' });
    await world.bot.idle();

    const attempts = world.capture.calls().filter((c) => c.method === 'POST' && c.status === 500);
    expect(attempts).toHaveLength(1);
    expect(world.capture.posts().length).toBe(before);
    expect((await world.bindings.get(CONTOSO_CHANNEL))?.lastDeliveryError).toMatchObject({ status: 500 });
  });
});
