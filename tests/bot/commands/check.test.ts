import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { main } from '../../../bot/cli';
import { createMongoBindingStore } from '../../../core/storage/mongo/mongo-binding-store';
import { createMongoTenantStore } from '../../../core/storage/mongo/mongo-tenant-store';
import { startGraphSimulator, DEFAULT_APP, type GraphSimulator } from '../../../sim/graph/server';
import { startConnectorCapture, type ConnectorCapture } from '../../../sim/teams/connector-capture';
import { TENANTS_DIR, TENANT_B } from '../../core/graph/graph-fixture';
import { testIo } from '../../support/capture';
import { useTestDatabase } from '../../support/mongo';
import { ADMIN } from '../support/bot-harness';

const database = useTestDatabase();
const CHANNEL = '19:contoso-ops@thread.tacv2';
const CA_POLICY = '4192875f-8b4c-4bc6-b797-f7629f71c709';

let sim: GraphSimulator;
let capture: ConnectorCapture;
let env: Record<string, string>;

beforeAll(async () => {
  sim = await startGraphSimulator({ ca: inject('graphSimCa'), tenantsDir: TENANTS_DIR });
  capture = await startConnectorCapture();
  env = {
    MONGODB_URI: database.uri,
    MONGODB_DB: database.db.databaseName,
    GRAPH_CLIENT_ID: DEFAULT_APP.clientId,
    GRAPH_CLIENT_SECRET: DEFAULT_APP.clientSecret,
    GRAPH_BASE_URL: sim.baseUrl,
    GRAPH_AUTHORITY_HOST: sim.authorityHost,
  };
});
afterAll(async () => {
  await capture.close();
  await sim.close();
});

describe('driftwatch check and the linked Teams channels', () => {
  it('posts to the linked channel from the command line as the service would: quiet baseline, then news', async () => {
    await createMongoTenantStore(database.db).upsert({
      id: TENANT_B,
      name: 'Contoso',
      aliases: ['contoso'],
      approvers: [],
      policyTypes: ['conditionalAccessPolicy'],
    });
    await createMongoBindingStore(database.db).bind(
      {
        serviceUrl: capture.serviceUrl,
        channelId: 'msteams',
        conversationId: CHANNEL,
        conversationType: 'channel',
        bot: { id: '28:bot' },
      },
      { tenantId: TENANT_B, severityFloor: 'low', boundBy: ADMIN, boundAt: '2025-06-02T09:00:00.000Z' },
    );

    const first = testIo(env);
    expect(await main(['check', '--tenant', 'contoso'], first.io)).toBe(0);
    expect(first.stdout.text()).toContain('captured version 1');
    expect(capture.calls()).toHaveLength(0);

    const policy = sim.control.objects(TENANT_B, 'conditionalAccessPolicy').find((o) => o.id === CA_POLICY);
    sim.control.upsertObject(TENANT_B, 'conditionalAccessPolicy', {
      ...policy,
      id: CA_POLICY,
      state: 'disabled',
    });
    const second = testIo(env);
    expect(await main(['check', '--tenant', 'contoso'], second.io)).toBe(1);

    // The command waits for the post before it exits.
    expect(capture.posts().map((c) => c.conversationId)).toEqual([CHANNEL]);
    expect(JSON.stringify(capture.posts()[0]?.body)).toContain('Since the last post: 1 new.');
    const binding = await createMongoBindingStore(database.db).get(CHANNEL);
    expect(binding?.lastPosts[TENANT_B]?.activityId).toBeDefined();

    // A third check that changes nothing updates that post in place.
    const third = testIo(env);
    expect(await main(['check', '--tenant', 'contoso'], third.io)).toBe(1);
    expect(capture.posts()).toHaveLength(1);
    expect(capture.puts().map((c) => c.activityId)).toEqual([binding?.lastPosts[TENANT_B]?.activityId]);
  });
});
