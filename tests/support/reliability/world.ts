import { Writable } from 'node:stream';
import { fileURLToPath } from 'node:url';
import { inject } from 'vitest';
import type { Db } from 'mongodb';
import { loadConfig } from '../../../bot/config';
import { createLogger } from '../../../bot/logging';
import { createHttpServer, type HttpServer } from '../../../bot/server';
import { createChecks, type Checks } from '../../../bot/start-checks';
import { createBot, type Bot } from '../../../bot/teams/create-bot';
import { forwardingNotifier } from '../../../bot/teams/service-bot';
import type { ConversationRef } from '../../../core/bindings/channel-binding';
import { fixedClock } from '../../../core/clock';
import type { LifecycleStores } from '../../../core/findings/lifecycle-stores';
import type { Finding, Tenant } from '../../../core/model';
import { createGraphTenantReader, type GraphReaderConfig } from '../../../core/graph/graph-tenant-reader';
import { createMongoStores } from '../../../core/storage/mongo/create-mongo-stores';
import { ensureIndexes } from '../../../core/storage/mongo/ensure-indexes';
import { createMongoBindingStore } from '../../../core/storage/mongo/mongo-binding-store';
import { startGraphSimulator, type GraphSimulator } from '../../../sim/graph/server';
import type { SimulatedApp } from '../../../sim/graph/token-service';
import { startConnectorCapture, type ConnectorCapture } from '../../../sim/teams/connector-capture';

export const TENANTS_DIR = fileURLToPath(new URL('../../fixtures/graph-tenants', import.meta.url));
/** The fixture tenant with every policy type the simulator serves (about 50 objects). */
export const CONTOSO_ID = '3f2b8c1e-6d4a-4f7b-9a1c-2e5d7f8b9c0a';
export const CONTOSO_CHANNEL = '19:contoso-reliability@thread.tacv2';
export const GRAPH_CLIENT_ID = '0d1f5e9c-3a7b-4c2d-9e8f-1a2b3c4d5e6f';
/** A secret no fixture, log line or card could contain by chance. */
export const GRAPH_SECRET = 'GrAph~Secr3t.Q8v2-reliability-7f1e';
export const ADMIN = { id: 'aaaaaaaa-0000-4000-8000-0000000000a1', name: 'Alice Admin' };

export interface WorldOptions {
  db: Db;
  /** Graph credentials: the secret (default) or a certificate file with its registered PEM. */
  app?: { clientSecret?: string; certificatePath?: string; certificatePem?: string };
  /** The secret the simulated Entra accepts, when it should differ from the configured one. */
  simSecret?: string;
  reader?: Partial<GraphReaderConfig>;
  tenants?: Tenant[];
  holder?: string;
  /** Lets a test wrap the check runner's stores (to inject a fault at an exact step). */
  checkStores?: (stores: LifecycleStores) => LifecycleStores;
}

/** Every Driftwatch part for real (restify, TeamsAdapter, driver, Graph client) against the stand-ins. */
export interface World {
  db: Db;
  sim: GraphSimulator;
  capture: ConnectorCapture;
  bot: Bot;
  http: HttpServer;
  url: string;
  checks: Checks;
  stores: ReturnType<typeof createMongoStores>;
  bindings: ReturnType<typeof createMongoBindingStore>;
  clock: ReturnType<typeof fixedClock>;
  /** Every log line written so far (pino JSON). */
  logs: string[];
  contoso: Tenant;
  /** Binds `conversationId` to `tenantId` as an admin's "link" would. */
  bind(conversationId: string, tenantId: string): Promise<void>;
  findings(tenantId?: string): Promise<Finding[]>;
  close(): Promise<void>;
}

export function channelRef(serviceUrl: string, conversationId: string): ConversationRef {
  return {
    serviceUrl,
    channelId: 'msteams',
    conversationId,
    conversationType: 'channel',
    aadTenantId: 'msp-tenant',
    bot: { id: '28:bot', name: 'Driftwatch' },
  };
}

export async function startWorld(options: WorldOptions): Promise<World> {
  const clock = fixedClock('2025-06-02T08:00:00Z');
  // Every wait (Graph Retry-After, connector back-off, pacing) passes at once on the shared clock.
  const sleep = async (ms: number) => clock.advance(ms);
  const logs: string[] = [];
  const sink = new Writable({
    write(chunk: Buffer, _enc, done) {
      logs.push(chunk.toString('utf8'));
      done();
    },
  });
  const app = options.app ?? { clientSecret: GRAPH_SECRET };
  const simApp: SimulatedApp = {
    clientId: GRAPH_CLIENT_ID,
    ...(app.clientSecret ? { clientSecret: options.simSecret ?? app.clientSecret } : {}),
    ...(app.certificatePem ? { certificatePem: app.certificatePem } : {}),
  };
  const sim = await startGraphSimulator({
    ca: inject('graphSimCa'),
    tenantsDir: TENANTS_DIR,
    clock,
    apps: [simApp],
  });
  const config = loadConfig({
    GRAPH_CLIENT_ID,
    ...(app.clientSecret ? { GRAPH_CLIENT_SECRET: app.clientSecret } : {}),
    ...(app.certificatePath ? { GRAPH_CERTIFICATE_PATH: app.certificatePath } : {}),
    GRAPH_BASE_URL: sim.baseUrl,
    GRAPH_AUTHORITY_HOST: sim.authorityHost,
    DRIFTWATCH_ADMINS: ADMIN.id,
    LOG_LEVEL: 'debug',
  });
  const logger = createLogger(config, sink);
  const reader = createGraphTenantReader(
    {
      ...config.graph,
      retry: { random: () => 0, baseDelayMs: 500 },
      maxPages: 40,
      ...options.reader,
    },
    { logger, clock, sleep },
  );
  await ensureIndexes(options.db);
  const notifier = forwardingNotifier(logger);
  const checks = createChecks({
    config,
    db: options.db,
    logger,
    notifier,
    reader,
    clock,
    holder: options.holder ?? 'replica-reliability',
    ...(options.checkStores ? { stores: options.checkStores(createMongoStores(options.db)) } : {}),
  });
  const stores = createMongoStores(options.db);
  const bindings = createMongoBindingStore(options.db);
  const bot = createBot({
    auth: { mode: 'off' },
    tenants: checks.tenants,
    stores,
    bindings,
    checks: checks.runner,
    baselineCapturer: checks.capturer,
    admins: config.admins,
    clock,
    logger,
    sleep,
  });
  notifier.attach(bot.notifier);
  const http = createHttpServer({ version: 'reliability', logger, readiness: async () => ({ ok: true }) });
  bot.mount(http.server);
  const { url } = await http.listen(0, '127.0.0.1');
  const capture = await startConnectorCapture();
  const contoso: Tenant = { id: CONTOSO_ID, name: 'Contoso', aliases: ['cso'], approvers: [] };
  for (const tenant of options.tenants ?? [contoso]) await checks.tenants.upsert(tenant);

  return {
    db: options.db,
    sim,
    capture,
    bot,
    http,
    url,
    checks,
    stores,
    bindings,
    clock,
    logs,
    contoso,
    async bind(conversationId, tenantId) {
      await bindings.bind(channelRef(capture.serviceUrl, conversationId), {
        tenantId,
        severityFloor: 'low',
        boundBy: ADMIN,
        boundAt: clock.now().toISOString(),
      });
    },
    async findings(tenantId = CONTOSO_ID) {
      return stores.findings.list(tenantId);
    },
    async close() {
      await http.close(100);
      await bot.idle();
      await checks.runner.stop();
      await capture.close();
      await sim.close();
    },
  };
}

/** What must survive any fault: each finding once, with its kind, state and drift signature. */
export function findingFacts(findings: readonly Finding[]): string[] {
  return findings.map((f) => `${f.policyType}/${f.key} ${f.kind} ${f.state} ${f.signature}`).sort();
}

/** Findings that share an identity (tenant + type + key): must be none. */
export function duplicatesOf(findings: readonly Finding[]): number {
  const keys = findings.map((f) => `${f.tenantId}/${f.policyType}/${f.key}`);
  return keys.length - new Set(keys).size;
}
