import { afterEach, inject } from 'vitest';
import { fileURLToPath } from 'node:url';
import { fixedClock } from '../../../core/clock';
import { silentLogger } from '../../../core/logger';
import { createGraphTenantReader, type GraphReaderConfig } from '../../../core/graph/graph-tenant-reader';
import type { Sleep } from '../../../core/graph/rate-limiter';
import { startGraphSimulator, DEFAULT_APP, type GraphSimulatorOptions } from '../../../sim/graph/server';
import { loadTenantFolders } from '../../../sim/graph/tenant-data';

export const TENANTS_DIR = fileURLToPath(new URL('../../fixtures/graph-tenants', import.meta.url));
export const TENANT_A = '3f2b8c1e-6d4a-4f7b-9a1c-2e5d7f8b9c0a';
export const TENANT_B = '9a7c5e3b-1d2f-4a6b-8c9d-0e1f2a3b4c5d';

/**
 * The simulator and a reader sharing one fixed clock: the reader's sleep advances it, so a
 * Retry-After of 20 s passes instantly and the simulator's rate window sees it pass.
 */
export async function graphWorld(
  simOptions: GraphSimulatorOptions = {},
  readerOptions: Partial<GraphReaderConfig> = {},
) {
  const clock = fixedClock('2025-06-02T08:00:00Z');
  const sleeps: number[] = [];
  const sleep: Sleep = async (ms) => {
    sleeps.push(ms);
    clock.advance(ms);
  };
  const sim = await startGraphSimulator({
    ca: inject('graphSimCa'),
    tenantsDir: TENANTS_DIR,
    clock,
    ...simOptions,
  });
  const config: GraphReaderConfig = {
    clientId: DEFAULT_APP.clientId,
    clientSecret: DEFAULT_APP.clientSecret,
    baseUrl: sim.baseUrl,
    authorityHost: sim.authorityHost,
    retry: { random: () => 0 },
    ...readerOptions,
  };
  const reader = createGraphTenantReader(config, { logger: silentLogger, clock, sleep });
  return { sim, reader, clock, sleeps, config };
}

/**
 * graphWorld for a test file: registers an afterEach that closes the simulator the test started, so
 * each file does not keep its own copy of that bookkeeping.
 */
export function closingGraphWorlds(): typeof graphWorld {
  let close: (() => Promise<void>) | undefined;
  afterEach(async () => {
    await close?.();
    close = undefined;
  });
  return async (...args) => {
    const world = await graphWorld(...args);
    close = world.sim.close;
    return world;
  };
}

/** The objects of the fixture tenant, by policy type and id, as the folder holds them. */
export async function expectedObjects(
  tenantId: string,
): Promise<Record<string, Map<string, Record<string, unknown>>>> {
  const data = await loadTenantFolders(TENANTS_DIR);
  const out: Record<string, Map<string, Record<string, unknown>>> = {};
  for (const [type] of Object.entries(data.counts(tenantId))) {
    out[type] = new Map(data.objects(tenantId, type).map((o) => [String(o.id), o]));
  }
  return out;
}
