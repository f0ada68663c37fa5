/**
 * Graph read benchmark: the real reader (Graph client + @azure/identity) against the HTTPS simulator.
 *   1. one tenant of 1,000 objects (the fixture exports replicated), 100 ms latency, Intune throttle
 *      (1,000 requests / 20 s per app per tenant): wall time, requests, ratio to the least time possible;
 *   2. 200 tenants × 200 objects in one process: wall time and peak RSS.
 * Run: node bin/run-ts.js bench/graph-read.bench.ts
 */
import { spawnSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { silentLogger } from '../core/logger';
import { createGraphTenantReader, type GraphReaderConfig } from '../core/graph/graph-tenant-reader';
import { createCertificateAuthority, type CertificateAuthority } from '../sim/graph/ca';
import { INTUNE_RATE } from '../sim/graph/faults';
import { DEFAULT_APP, startGraphSimulator, type GraphSimulator } from '../sim/graph/server';
import { loadTenantFolders, type GraphObject } from '../sim/graph/tenant-data';

const SOURCE_TENANT = '3f2b8c1e-6d4a-4f7b-9a1c-2e5d7f8b9c0a';
const TENANTS = fileURLToPath(new URL('../tests/fixtures/graph-tenants', import.meta.url));

// NODE_EXTRA_CA_CERTS is read when node starts: make a CA, then run the benchmark in a child that trusts it.
if (!process.env.DRIFTWATCH_BENCH_CA) {
  const ca = createCertificateAuthority('Driftwatch bench CA');
  const dir = await mkdtemp(join(tmpdir(), 'driftwatch-bench-'));
  await writeFile(join(dir, 'ca.pem'), ca.certPem);
  await writeFile(join(dir, 'ca.json'), JSON.stringify(ca));
  const child = spawnSync(
    process.execPath,
    [fileURLToPath(new URL('../bin/run-ts.js', import.meta.url)), fileURLToPath(import.meta.url)],
    {
      stdio: 'inherit',
      env: {
        ...process.env,
        NODE_EXTRA_CA_CERTS: join(dir, 'ca.pem'),
        DRIFTWATCH_BENCH_CA: join(dir, 'ca.json'),
      },
    },
  );
  process.exit(child.status ?? 1);
}
const ca = JSON.parse(await readFile(process.env.DRIFTWATCH_BENCH_CA, 'utf8')) as CertificateAuthority;

const source = await loadTenantFolders(TENANTS);
const templates = Object.keys(source.counts(SOURCE_TENANT)).flatMap((type) =>
  source.objects(SOURCE_TENANT, type).map((object) => ({ type, object })),
);

/** `count` objects for `tenantId`: the fixture objects round-robin, each with a fresh id. */
function seed(sim: GraphSimulator, tenantId: string, count: number): void {
  sim.control.addTenant(tenantId);
  for (let i = 0; i < count; i += 1) {
    const t = templates[i % templates.length] as { type: string; object: GraphObject };
    sim.control.upsertObject(tenantId, t.type, { ...t.object, id: randomUUID() });
  }
}

function readerFor(sim: GraphSimulator, extra: Partial<GraphReaderConfig> = {}) {
  return createGraphTenantReader(
    {
      clientId: DEFAULT_APP.clientId,
      clientSecret: DEFAULT_APP.clientSecret,
      baseUrl: sim.baseUrl,
      authorityHost: sim.authorityHost,
      ...extra,
    },
    { logger: silentLogger },
  );
}

async function oneTenant(label: string, readerConfig: Partial<GraphReaderConfig>) {
  const sim = await startGraphSimulator({ ca, defaultFaults: { latencyMs: 100, rate: { ...INTUNE_RATE } } });
  const tenantId = randomUUID();
  seed(sim, tenantId, 1000);
  const started = performance.now();
  const read = await readerFor(sim, readerConfig).read(tenantId);
  const wallS = (performance.now() - started) / 1000;
  const stats = sim.control.stats(tenantId);
  const needed = stats.requests - stats.throttled;
  const leastS = needed / (INTUNE_RATE.requests / (INTUNE_RATE.windowMs / 1000));
  const objects = Object.values(read.coverage).reduce((n, c) => n + c.objects, 0);
  const incomplete = Object.entries(read.coverage).filter(([, c]) => c.status !== 'complete');
  console.log(
    `1 tenant × 1,000 objects, 100 ms latency, Intune throttle — ${label}: ${wallS.toFixed(1)} s wall, ` +
      `${read.graphRequests} Graph requests (${stats.throttled} answered 429), ${objects} objects, ` +
      `least possible ${leastS.toFixed(1)} s (${needed} requests ÷ 50/s), ratio ${(wallS / leastS).toFixed(2)}` +
      (incomplete.length ? `, INCOMPLETE: ${incomplete.map(([k]) => k).join(', ')}` : ''),
  );
  await sim.close();
}

async function fleet(tenants: number, perTenant: number) {
  const sim = await startGraphSimulator({ ca, defaultFaults: { latencyMs: 100, rate: { ...INTUNE_RATE } } });
  const ids = Array.from({ length: tenants }, () => randomUUID());
  for (const id of ids) seed(sim, id, perTenant);
  const reader = readerFor(sim);
  let peak = process.memoryUsage().rss;
  const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 100);
  const started = performance.now();
  const reads = await Promise.all(ids.map((id) => reader.read(id)));
  const wallS = (performance.now() - started) / 1000;
  clearInterval(sampler);
  const requests = reads.reduce((n, r) => n + r.graphRequests, 0);
  const failures = reads.flatMap((r) =>
    Object.entries(r.coverage)
      .filter(([, c]) => c.status !== 'complete')
      .map(([k, c]) => `${k}: ${c.reason ?? ''}`),
  );
  const incomplete = reads.filter((r) =>
    Object.values(r.coverage).some((c) => c.status !== 'complete'),
  ).length;
  if (failures.length) console.log(`first failure: ${failures[0]}`);
  console.log(
    `${tenants} tenants × ${perTenant} objects in one process (default reader pacing 25 req/s per tenant, 100 ms latency): ` +
      `${wallS.toFixed(1)} s wall, ${requests} Graph requests, peak RSS ${(Math.max(peak, process.resourceUsage().maxRSS * 1024) / 2 ** 20).toFixed(0)} MiB ` +
      `(simulator in the same process), ${incomplete} incomplete reads`,
  );
  await sim.close();
}

await oneTenant('reader at the throttle rate (50 req/s, burst 20)', { requestsPerSecond: 50, burst: 20 });
await oneTenant('reader defaults (25 req/s, burst 20)', {});
await fleet(200, 200);
