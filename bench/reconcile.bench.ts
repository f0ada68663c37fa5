// Reconcile a tenant of N findings (pure), then store checks through the real driver against the
// MongoDB stand-in: the first check (N new), a quiet re-check (N unchanged) and a check where 10%
// drifted further. Run: node bin/run-ts.js bench/reconcile.bench.ts [count]
import { MongoClient } from 'mongodb';
import { startMongoStandIn } from '../sim/mongo';
import type { Drift } from '../core/model';
import { reconcileFindings } from '../core/findings/reconcile-findings';
import { updateFindings } from '../core/findings/update-findings';
import { ensureIndexes } from '../core/storage/mongo/ensure-indexes';
import { createMongoStores } from '../core/storage/mongo/create-mongo-stores';

const count = Number(process.argv[2] ?? 10_000);
const tenantId = '11111111-1111-4111-8111-111111111111';
const completeTypes = new Set(['conditionalAccessPolicy', 'deviceConfiguration']);

function drifts(generation: number, changedShare: number): Drift[] {
  return Array.from({ length: count }, (_, i) => ({
    kind: 'modified' as const,
    policyType: i % 2 === 0 ? 'conditionalAccessPolicy' : 'deviceConfiguration',
    key: `object-${i}`,
    displayName: `Policy ${i}`,
    severity: 'high' as const,
    changes: [
      { path: 'state', baseline: 'enabled', current: i < count * changedShare ? `v${generation}` : 'v0' },
      { path: 'conditions.users.excludeUsers', baseline: [], current: [`user-${i}`] },
    ],
  }));
}

const ms = (t0: number) => `${(performance.now() - t0).toFixed(0)} ms`;
const perSecond = (t0: number) =>
  `${Math.round((count / (performance.now() - t0)) * 1000).toLocaleString('en')} findings/s`;

const first = drifts(0, 0);
let t0 = performance.now();
const pure = reconcileFindings([], first, { tenantId, now: new Date(), completeTypes, runId: 'pure' });
console.log(`reconcile (pure, ${count} new): ${ms(t0)}, ${perSecond(t0)}`);
t0 = performance.now();
reconcileFindings(
  pure.changes.map((c) => c.finding),
  first,
  { tenantId, now: new Date(), completeTypes, runId: 'pure-2' },
);
console.log(`reconcile (pure, ${count} unchanged): ${ms(t0)}, ${perSecond(t0)}`);

const standIn = await startMongoStandIn();
const client = await new MongoClient(standIn.uri).connect();
const db = client.db('bench_reconcile');
await ensureIndexes(db);
const stores = createMongoStores(db);

for (const [label, batch, run] of [
  ['first check, all new', first, 'r1'],
  ['quiet re-check, all unchanged', first, 'r2'],
  ['10% drifted further', drifts(1, 0.1), 'r3'],
] as const) {
  t0 = performance.now();
  const { summary } = await updateFindings(stores.findings, batch, {
    tenantId,
    now: new Date(),
    completeTypes,
    runId: run,
  });
  console.log(
    `updateFindings via stand-in (${label}): ${ms(t0)}, ${perSecond(t0)} ` +
      `[new ${summary.new.length}, changed ${summary.changed.length}, unchanged ${summary.unchanged.length}]`,
  );
}
console.log(`peak RSS ${(process.resourceUsage().maxRSS / 1024).toFixed(0)} MiB`);

await client.close();
await standIn.close();
