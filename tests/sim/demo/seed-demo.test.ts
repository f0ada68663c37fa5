import { fileURLToPath } from 'node:url';
import { MongoClient, type Db } from 'mongodb';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { fixedClock } from '../../../core/clock';
import { createMongoBaselineStore } from '../../../core/storage/mongo/mongo-baseline-store';
import { createMongoBindingStore } from '../../../core/storage/mongo/mongo-binding-store';
import { createMongoTenantStore } from '../../../core/storage/mongo/mongo-tenant-store';
import { DEMO_TENANTS } from '../../../sim/demo/demo-tenants';
import { seedDemo } from '../../../sim/demo/seed-demo';
import { startMongoStandIn, type MongoStandIn } from '../../../sim/mongo';
import { PLAYGROUND_TEAMS } from '../../../sim/playground/playground-config';

const GOLDEN = fileURLToPath(new URL('../../../sim/demo/data/golden/', import.meta.url));
const clock = fixedClock(new Date('2026-03-02T09:00:00Z'));
const id = (name: string) => DEMO_TENANTS.find((t) => t.name === name)?.id ?? '';

let standIn: MongoStandIn;
let client: MongoClient;
let db: Db;

beforeEach(async () => {
  standIn = await startMongoStandIn();
  client = await MongoClient.connect(standIn.uri);
  db = client.db('driftwatch');
});
afterEach(async () => {
  await client.close();
  await standIn.close();
});

const seed = (serviceUrl = 'http://localhost:56150/_connector') =>
  seedDemo(db, { goldenDir: GOLDEN, serviceUrl, clock });

describe('seeding the demo', () => {
  it('registers the three tenants, gives contoso and fabrikam the golden baseline, and leaves northwind to capture its own', async () => {
    const result = await seed();
    const baselines = createMongoBaselineStore(db);

    expect((await createMongoTenantStore(db).list()).map((t) => t.name).sort()).toEqual([
      'contoso',
      'fabrikam',
      'northwind',
    ]);
    expect(result.goldenBaselines).toEqual(['contoso', 'fabrikam']);
    const contoso = await baselines.current(id('contoso'));
    expect(contoso?.source.kind).toBe('golden');
    expect(contoso?.objects.length).toBeGreaterThan(20);
    expect((await baselines.current(id('fabrikam')))?.objects).toEqual(contoso?.objects);
    expect(await baselines.current(id('northwind'))).toBeUndefined();
  });

  it("links the Playground team's General channel to contoso with the Playground's connector", async () => {
    await seed('http://localhost:56161/_connector');
    const bound = await createMongoBindingStore(db).get(PLAYGROUND_TEAMS.team.id);

    expect(bound?.binding).toMatchObject({ tenantId: id('contoso'), severityFloor: 'low' });
    expect(bound?.reference).toMatchObject({
      serviceUrl: 'http://localhost:56161/_connector',
      conversationId: PLAYGROUND_TEAMS.team.id,
      conversationType: 'channel',
      aadTenantId: PLAYGROUND_TEAMS.tenantId,
    });
  });

  it('is idempotent: a restart keeps baselines and a link changed in chat, and forgets the old Playground posts', async () => {
    await seed();
    const bindings = createMongoBindingStore(db);
    const first = await bindings.get(PLAYGROUND_TEAMS.team.id);
    if (!first?.binding) throw new Error('not bound');
    await bindings.bind(first.reference, { ...first.binding, tenantId: id('fabrikam') });
    await bindings.recordPost(PLAYGROUND_TEAMS.team.id, id('fabrikam'), {
      activityId: '1700000000000',
      at: clock.now().toISOString(),
      runId: 'run-1',
    });

    const again = await seed('http://localhost:56170/_connector');
    const after = await bindings.get(PLAYGROUND_TEAMS.team.id);

    expect(again.goldenBaselines).toEqual([]);
    expect(again.tenants.unchanged.sort()).toEqual(['contoso', 'fabrikam', 'northwind']);
    expect((await createMongoBaselineStore(db).versions(id('contoso'))).length).toBe(1);
    expect(after?.binding?.tenantId).toBe(id('fabrikam'));
    expect(after?.reference.serviceUrl).toBe('http://localhost:56170/_connector');
    expect(after?.lastPosts).toEqual({});
  });
});
