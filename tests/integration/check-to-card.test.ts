import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { MongoClient, type Db } from 'mongodb';
import { loadConfig } from '../../bot/config';
import { startService, type RunningService } from '../../bot/main';
import { silentLogger } from '../../core/logger';
import { createMongoBindingStore } from '../../core/storage/mongo/mongo-binding-store';
import { createMongoStores } from '../../core/storage/mongo/create-mongo-stores';
import { createMongoRunStore } from '../../core/storage/mongo/mongo-run-store';
import { createMongoTenantStore } from '../../core/storage/mongo/mongo-tenant-store';
import { startGraphSimulator, DEFAULT_APP, type GraphSimulator } from '../../sim/graph/server';
import {
  startConnectorCapture,
  type CapturedCall,
  type ConnectorCapture,
} from '../../sim/teams/connector-capture';
import { TENANTS_DIR, TENANT_B } from '../core/graph/graph-fixture';
import { ADMIN, invoke, message, post } from '../bot/support/bot-harness';
import { mongoServer, testDatabaseName } from '../support/mongo';

/**
 * The whole path through real parts: startService (restify, teams-ai, the check runner and its
 * scheduler) over MongoDB, reading the Graph simulator over HTTPS with the real Graph client and
 * @azure/identity, and talking to a Bot Connector capture as the channel's serviceUrl.
 */

const CHANNEL = '19:contoso-ops@thread.tacv2';
const ADMIN_CHAT = 'a:1-admin-personal-chat';
const CA_POLICY = '4192875f-8b4c-4bc6-b797-f7629f71c709';

let sim: GraphSimulator;
let capture: ConnectorCapture;
let client: MongoClient;
let db: Db;
let service: RunningService;

beforeAll(async () => {
  sim = await startGraphSimulator({ ca: inject('graphSimCa'), tenantsDir: TENANTS_DIR });
  capture = await startConnectorCapture();
  const { uri } = mongoServer();
  const dbName = testDatabaseName();
  client = await new MongoClient(uri).connect();
  db = client.db(dbName);

  // Registered and linked before the service starts, so its start-up check is the tenant's first.
  await createMongoTenantStore(db).upsert({
    id: TENANT_B,
    name: 'Contoso',
    aliases: ['contoso'],
    approvers: [],
    policyTypes: ['conditionalAccessPolicy'],
  });
  await createMongoBindingStore(db).bind(
    {
      serviceUrl: capture.serviceUrl,
      channelId: 'msteams',
      conversationId: CHANNEL,
      conversationType: 'channel',
      aadTenantId: 'msp-tenant',
      bot: { id: '28:bot', name: 'Driftwatch' },
    },
    { tenantId: TENANT_B, severityFloor: 'low', boundBy: ADMIN, boundAt: new Date().toISOString() },
  );

  const config = loadConfig({
    PORT: '0',
    MONGODB_URI: uri,
    MONGODB_DB: dbName,
    GRAPH_CLIENT_ID: DEFAULT_APP.clientId,
    GRAPH_CLIENT_SECRET: DEFAULT_APP.clientSecret,
    GRAPH_BASE_URL: sim.baseUrl,
    GRAPH_AUTHORITY_HOST: sim.authorityHost,
    // Once a year: the only checks are the start-up catch-up and the one asked for in chat.
    DRIFTWATCH_SCHEDULE: '0 0 0 1 1 *',
    DRIFTWATCH_ADMINS: ADMIN.id,
  });
  service = await startService(config, { host: '127.0.0.1', logger: silentLogger });
});

afterAll(async () => {
  await service?.stop();
  await db?.dropDatabase();
  await client?.close();
  await capture?.close();
  await sim?.close();
});

async function eventually<T>(
  read: () => Promise<T | undefined>,
  what: string,
  timeoutMs = 20_000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await read();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

/** The first Action.Execute with `verb` in a captured card post. */
function actionData(call: CapturedCall | undefined, verb: string): unknown {
  const found: unknown[] = [];
  const walk = (node: unknown): void => {
    if (Array.isArray(node)) node.forEach(walk);
    else if (node && typeof node === 'object') {
      const record = node as Record<string, unknown>;
      if (record.type === 'Action.Execute' && record.verb === verb) found.push(record.data);
      Object.values(record).forEach(walk);
    }
  };
  walk(call?.body);
  return found[0];
}

const toChannel = (c: CapturedCall) => c.conversationId === CHANNEL && c.method === 'POST';

describe('from a change in the tenant to a card in Teams and back', () => {
  it('baseline first and quiet; a change posts a new summary; Acknowledge updates the finding and the card in place', async () => {
    const runs = createMongoRunStore(db);
    const bindings = createMongoBindingStore(db);

    // 1. The start-up check captures the baseline: no findings, nothing posted in the channel.
    const first = await eventually(() => runs.latestComplete(TENANT_B), 'the start-up check');
    expect(first).toMatchObject({ trigger: 'startup', baselineCaptured: true, counts: { open: 0 } });

    // 2. Someone disables a Conditional Access policy in the tenant (through the simulator's control API).
    const policy = sim.control.objects(TENANT_B, 'conditionalAccessPolicy').find((o) => o.id === CA_POLICY);
    const control = await fetch(
      `${sim.baseUrl}/_control/tenants/${TENANT_B}/objects/conditionalAccessPolicy`,
      {
        method: 'PUT',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ ...policy, state: 'disabled' }),
      },
    );
    expect(control.status).toBe(200);

    // 3. An admin asks for a check from a personal chat: the channel gets a new summary post, the chat the result.
    const ask = message(capture.serviceUrl, ADMIN_CHAT, ADMIN, 'check contoso');
    const asked = await post(service.url, {
      ...ask,
      conversation: { id: ADMIN_CHAT, conversationType: 'personal', tenantId: 'msp-tenant' },
      channelData: { tenant: { id: 'msp-tenant' } },
    });
    expect(asked.status).toBe(200);
    await capture.waitFor(
      (calls) => calls.some(toChannel) && calls.filter((c) => c.conversationId === ADMIN_CHAT).length >= 2,
      20_000,
    );
    const channelPosts = capture.posts().filter(toChannel);
    expect(channelPosts).toHaveLength(1);
    const summary = JSON.stringify(channelPosts[0]?.body);
    expect(summary).toContain('DRIFTWATCH · Contoso');
    expect(summary).toContain('Since the last post: 1 new.');
    const chat = capture
      .posts()
      .filter((c) => c.conversationId === ADMIN_CHAT)
      .map((c) => JSON.stringify(c.body));
    expect(chat[0]).toContain('Checking Contoso now');
    expect(chat[1]).toContain('DRIFTWATCH · Contoso');

    // 4. Acknowledge on that card, as Teams sends it: an invoke in the post's thread with the card's data.
    const last = await eventually(
      async () => (await bindings.get(CHANNEL))?.lastPosts[TENANT_B],
      'the post id',
    );
    const data = actionData(channelPosts[0], 'finding.acknowledge') as { findingId: string; version: number };
    expect(data).toMatchObject({ tenantId: TENANT_B });
    const clicked = await post(
      service.url,
      invoke(capture.serviceUrl, CHANNEL, ADMIN, 'finding.acknowledge', data, last.activityId),
    );
    expect(clicked.status).toBe(200);
    expect(JSON.stringify(clicked.json)).toContain('modified: state · Acknowledged');

    const finding = await createMongoStores(db).findings.get(data.findingId);
    expect(finding).toMatchObject({ state: 'acknowledged', version: data.version + 1 });
    expect(finding?.history.at(-1)).toMatchObject({ action: 'acknowledge', actor: { id: ADMIN.id } });
    await capture.waitFor((calls) => calls.some((c) => c.method === 'PUT'));
    const update = capture.puts()[0];
    expect(update).toMatchObject({
      conversationId: `${CHANNEL};messageid=${last.activityId}`,
      activityId: last.activityId,
    });
    // Still one post in the channel: the baseline check and the click made none.
    expect(capture.posts().filter(toChannel)).toHaveLength(1);
  });
});
