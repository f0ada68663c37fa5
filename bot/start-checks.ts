import { hostname } from 'node:os';
import { randomBytes } from 'node:crypto';
import type { Db } from 'mongodb';
import type { Config } from './config';
import { captureTenantBaseline } from '../core/checks/capture-tenant-baseline';
import { createCheckRunner, type CheckRunner } from '../core/checks/check-runner';
import type { RunStore } from '../core/checks/run-store';
import { systemClock, type Clock } from '../core/clock';
import type { LifecycleStores } from '../core/findings/lifecycle-stores';
import { createGraphTenantReader } from '../core/graph/graph-tenant-reader';
import type { TenantRead, TenantReader } from '../core/graph/tenant-reader';
import type { Logger } from '../core/logger';
import type { Actor } from '../core/model';
import type { Notifier } from '../core/notifications/notifier';
import { getPolicyType, policyTypeKeys } from '../core/registry';
import { createRunCoordinator } from '../core/scheduling/create-run-coordinator';
import { createScheduler, type Scheduler } from '../core/scheduling/scheduler';
import { ensureCheckIndexes } from '../core/storage/mongo/check-indexes';
import { createMongoStores } from '../core/storage/mongo/create-mongo-stores';
import { createMongoFireClaimStore } from '../core/storage/mongo/mongo-fire-claim-store';
import { createMongoLeaseStore } from '../core/storage/mongo/mongo-lease-store';
import { createMongoRunStore } from '../core/storage/mongo/mongo-run-store';
import { createMongoTenantStore } from '../core/storage/mongo/mongo-tenant-store';
import { applyTenants } from '../core/tenants/apply-tenants';
import type { TenantDirectory } from '../core/tenants/tenant-directory';
import { loadTenantsFile } from '../core/tenants/tenants-file';

export interface ChecksDeps {
  config: Config;
  db: Db;
  logger: Logger;
  /** Told about every finished check (the Teams notifier in the bot). */
  notifier: Notifier;
  stores?: LifecycleStores;
  /** Default: the Graph reader from GRAPH_* (or one that says Graph is not configured). */
  reader?: TenantReader;
  clock?: Clock;
  /** This replica's name on leases and runs (default host:pid:random). */
  holder?: string;
}

export interface Checks {
  tenants: TenantDirectory;
  runs: RunStore;
  runner: CheckRunner;
  reader: TenantReader;
  /** The bot's BaselineCapturer: a complete read becomes a new baseline version. */
  capturer: {
    capture(
      tenantId: string,
      request: { actor: Actor; conversationId?: string },
    ): ReturnType<typeof captureTenantBaseline>;
  };
  holder: string;
}

export interface RunningChecks extends Checks {
  scheduler: Scheduler;
  /** Stops the schedule, then lets running checks finish recording (call before closing the database). */
  stop(): Promise<void>;
}

/** The check runner and its stores over one database: what `serve` and the CLI commands share. */
export function createChecks(deps: ChecksDeps): Checks {
  const clock = deps.clock ?? systemClock;
  const stores = deps.stores ?? createMongoStores(deps.db);
  const holder = deps.holder ?? `${hostname()}:${process.pid}:${randomBytes(3).toString('hex')}`;
  const reader = deps.reader ?? readerFor(deps.config, deps.logger, clock);
  const tenants = createMongoTenantStore(deps.db);
  const runs = createMongoRunStore(deps.db);
  const leases = createMongoLeaseStore(deps.db);
  const runner = createCheckRunner({
    ...stores,
    reader,
    tenants,
    runs,
    leases,
    notifier: deps.notifier,
    clock,
    logger: deps.logger,
    holder,
    maxConcurrentChecks: deps.config.maxConcurrentChecks,
  });
  const capturer = {
    capture: (tenantId: string, request: { actor: Actor }) =>
      captureTenantBaseline(
        { tenants, reader, baselines: stores.baselines, leases, clock, holder },
        tenantId,
        { actor: request.actor },
      ),
  };
  return { tenants, runs, runner, reader, capturer, holder };
}

/**
 * `serve`: registers DRIFTWATCH_TENANTS_FILE (an invalid file refuses the start), then schedules every
 * tenant with a MongoDB-backed coordinator so replicas sharing the database run each fire once.
 */
export async function startChecks(deps: ChecksDeps): Promise<RunningChecks> {
  const clock = deps.clock ?? systemClock;
  await ensureCheckIndexes(deps.db);
  const checks = createChecks(deps);
  if (deps.config.tenantsFile) {
    const applied = await applyTenants(checks.tenants, await loadTenantsFile(deps.config.tenantsFile));
    deps.logger.info({ file: deps.config.tenantsFile, ...applied }, 'Registered the tenants file');
  }
  const scheduler = createScheduler({
    tenants: checks.tenants,
    lastCompleteAt: async (tenantId) => {
      const run = await checks.runs.latestComplete(tenantId);
      return run ? new Date(run.finishedAt ?? run.startedAt) : undefined;
    },
    check: (tenantId, options) => checks.runner.run(tenantId, options),
    coordinator: createRunCoordinator(createMongoFireClaimStore(deps.db), { holder: checks.holder, clock }),
    defaults: { schedule: deps.config.schedule, timezone: deps.config.timezone },
    clock,
    logger: deps.logger,
  });
  if (graphConfigured(deps.config) || deps.reader) await scheduler.start();
  else deps.logger.warn({}, 'Graph is not configured (GRAPH_CLIENT_ID): scheduled checks are off');
  return {
    ...checks,
    scheduler,
    async stop() {
      await scheduler.stop();
      await checks.runner.stop();
    },
  };
}

function graphConfigured(config: Config): boolean {
  return Boolean(config.graph.clientId && (config.graph.clientSecret || config.graph.certificatePath));
}

function readerFor(config: Config, logger: Logger, clock: Clock): TenantReader {
  if (graphConfigured(config)) return createGraphTenantReader(config.graph, { logger, clock });
  // Without credentials every type fails with the fix, so a manual check explains itself.
  return {
    async read(tenantId, options = {}): Promise<TenantRead> {
      const at = clock.now().toISOString();
      const types = options.types ?? policyTypeKeys();
      const reason =
        'Graph is not configured: set GRAPH_CLIENT_ID and GRAPH_CLIENT_SECRET or GRAPH_CERTIFICATE_PATH';
      const coverage = Object.fromEntries(
        types
          .filter((t) => getPolicyType(t))
          .map((t) => [t, { status: 'failed' as const, objects: 0, reason }]),
      );
      return { tenantId, startedAt: at, finishedAt: at, graphRequests: 0, coverage, objects: {} };
    },
  };
}

/** A notifier that only logs: for a process without a Teams bot (the bot passes its own). */
export function loggingNotifier(logger: Logger): Notifier {
  return {
    async checkCompleted(result) {
      logger.info(
        {
          tenantId: result.tenant.id,
          runId: result.run.id,
          status: result.run.status,
          counts: result.run.counts,
        },
        'Check completed',
      );
    },
  };
}
