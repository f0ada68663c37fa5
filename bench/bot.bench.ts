// `status` messages and acknowledge invokes through the real restify server + TeamsAdapter (auth off),
// MongoDB stand-in and the connector capture, at rising concurrency. Prints p50, p99 and throughput.
// Run: node bin/run-ts.js bench/bot.bench.ts [requestsPerLevel]
import { MongoClient } from 'mongodb';
import { startMongoStandIn } from '../sim/mongo';
import { startConnectorCapture } from '../sim/teams/connector-capture';
import { createHttpServer } from '../bot/server';
import { createBot } from '../bot/teams/create-bot';
import { systemClock } from '../core/clock';
import { silentLogger } from '../core/logger';
import { SEVERITIES, type Drift, type Tenant } from '../core/model';
import { reconcileFindings } from '../core/findings/reconcile-findings';
import { createMongoStores } from '../core/storage/mongo/create-mongo-stores';
import { createMongoBindingStore } from '../core/storage/mongo/mongo-binding-store';
import { ensureIndexes } from '../core/storage/mongo/ensure-indexes';
import { InMemoryTenantDirectory } from '../core/tenants/in-memory-tenant-directory';

const perLevel = Number(process.argv[2] ?? 400);
const LEVELS = [1, 4, 16, 64];
const ADMIN = { id: 'aaaaaaaa-0000-4000-8000-000000000001', name: 'Bench Admin' };
const tenant: Tenant = {
  id: '11111111-1111-4111-8111-111111111111',
  name: 'Contoso',
  aliases: [],
  approvers: [],
};
const CHANNEL = '19:bench@thread.tacv2';

const standIn = await startMongoStandIn();
const client = await new MongoClient(standIn.uri).connect();
const db = client.db('bench_bot');
await ensureIndexes(db);
const capture = await startConnectorCapture();
const stores = createMongoStores(db);
const bot = createBot({
  auth: { mode: 'off' },
  tenants: new InMemoryTenantDirectory([tenant]),
  stores,
  bindings: createMongoBindingStore(db),
  checks: { requestCheck: async () => ({ started: true, runId: 'r' }), lastRun: async () => undefined },
  admins: [ADMIN.id],
  clock: systemClock,
  logger: silentLogger,
});
const http = createHttpServer({
  version: 'bench',
  logger: silentLogger,
  readiness: async () => ({ ok: true }),
});
bot.mount(http.server);
const { url } = await http.listen(0, '127.0.0.1');

// One finding per acknowledge, so every invoke is a real write.
const total = perLevel * LEVELS.length;
const drifts: Drift[] = Array.from({ length: total + 20 }, (_, i) => ({
  kind: 'modified',
  policyType: 'deviceConfiguration',
  key: `cfg-${i}`,
  displayName: `Configuration ${i}`,
  severity: SEVERITIES[i % 4] ?? 'low',
  changes: [{ path: 'setting', baseline: 'on', current: 'off' }],
}));
const seeded = reconcileFindings([], drifts, {
  tenantId: tenant.id,
  now: new Date(),
  completeTypes: new Set(['deviceConfiguration']),
  runId: 'bench',
});
await stores.findings.applyReconcile(seeded);
const findingIds = seeded.changes.map((c) => c.finding.id);

let n = 0;
function activity(fields: Record<string, unknown>, conversationId = CHANNEL) {
  n += 1;
  return JSON.stringify({
    id: `b-${n}`,
    channelId: 'msteams',
    serviceUrl: capture.serviceUrl,
    from: { id: '29:admin', name: ADMIN.name, aadObjectId: ADMIN.id },
    recipient: { id: '28:bot', name: 'Driftwatch' },
    conversation: { id: conversationId, conversationType: 'channel' },
    ...fields,
  });
}
async function send(body: string): Promise<number> {
  const t0 = performance.now();
  const res = await fetch(`${url}/api/messages`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body,
  });
  await res.text();
  if (res.status !== 200) throw new Error(`HTTP ${res.status}`);
  return performance.now() - t0;
}

await send(activity({ type: 'message', text: 'link contoso' }));

async function level(concurrency: number, next: () => string) {
  const latencies: number[] = [];
  let remaining = perLevel;
  const t0 = performance.now();
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (remaining > 0) {
        remaining -= 1;
        latencies.push(await send(next()));
      }
    }),
  );
  const elapsed = performance.now() - t0;
  latencies.sort((a, b) => a - b);
  const pct = (p: number) =>
    latencies[Math.min(latencies.length - 1, Math.floor((p / 100) * latencies.length))] ?? 0;
  return { p50: pct(50), p99: pct(99), rps: (latencies.length / elapsed) * 1000 };
}

const print = (what: string, c: number, r: { p50: number; p99: number; rps: number }) =>
  console.log(
    `${what.padEnd(12)} c=${String(c).padStart(2)}  p50 ${r.p50.toFixed(1).padStart(6)} ms  p99 ${r.p99.toFixed(1).padStart(6)} ms  ${r.rps.toFixed(0).padStart(5)} req/s`,
  );

console.log(
  `bot bench: ${perLevel} requests per level, ${findingIds.length} findings, auth off, MongoDB stand-in, connector capture`,
);
for (const c of LEVELS)
  print('status', c, await level(c, () => activity({ type: 'message', text: 'status contoso' })));
let next = 0;
for (const c of LEVELS) {
  print(
    'acknowledge',
    c,
    await level(c, () =>
      activity(
        {
          type: 'invoke',
          name: 'adaptiveCard/action',
          replyToId: 'card-1',
          value: {
            action: {
              type: 'Action.Execute',
              verb: 'finding.acknowledge',
              data: { tenantId: tenant.id, findingId: findingIds[next++], version: 1 },
            },
          },
        },
        `${CHANNEL};messageid=card-1`,
      ),
    ),
  );
}
await bot.idle();
const acknowledged = (await stores.findings.list(tenant.id, { states: ['acknowledged'] })).length;
console.log(`acknowledged findings: ${acknowledged}; connector calls: ${capture.calls().length}`);
await http.close(100);
await capture.close();
await client.close();
await standIn.close();
