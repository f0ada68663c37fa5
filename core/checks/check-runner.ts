import { randomUUID } from 'node:crypto';
import type { Logger } from '../logger';
import type { Actor } from '../model';
import type { Notifier } from '../notifications/notifier';
import type { TenantDirectory } from '../tenants/tenant-directory';
import type { CheckLeaseStore } from './check-lease-store';
import type { CheckReplyTo, CheckResult, CheckRun, CheckTrigger } from './check-run';
import type { CheckRequestResult, CheckService } from './check-service';
import { checkTenant, type CheckTenantDeps, type CheckTenantOptions } from './check-tenant';
import { createConcurrencyLimit } from './concurrency-limit';
import type { RunStore } from './run-store';

export interface CheckRunnerDeps extends CheckTenantDeps {
  tenants: TenantDirectory;
  runs: RunStore;
  leases: CheckLeaseStore;
  notifier: Notifier;
  logger: Logger;
  /** This process (replica), recorded on its runs and leases. */
  holder: string;
  maxConcurrentChecks: number;
  /** A lease lives this long unless renewed (every third of it) while the check runs. Default 60 s. */
  leaseTtlMs?: number;
  newRunId?: () => string;
}

export interface RunCheckOptions extends CheckTenantOptions {
  trigger: CheckTrigger;
  actor?: Actor;
  conversationId?: string;
  /** Recorded on the run: the notifier answers this conversation when the check finishes. */
  replyTo?: CheckReplyTo;
  /** Catch-up: do nothing if a complete check finished after this (another replica caught up first). */
  notCompletedSince?: Date;
  /** Called once the lease is held and the run recorded as running. */
  onStarted?: (run: CheckRun) => void;
}

export type CheckOutcome =
  | { ran: true; result: CheckResult }
  | { ran: false; reason: 'unknown-tenant' }
  | { ran: false; reason: 'already-running'; runId: string; holder: string }
  | { ran: false; reason: 'up-to-date'; runId: string }
  | { ran: false; reason: 'stopping' };

/** The check runner: the CheckService the bot uses, and `run` for the scheduler and the CLI. */
export interface CheckRunner extends CheckService {
  /** Checks a tenant now under its lease; resolves when the run is recorded and the notifier told. */
  run(tenantId: string, options: RunCheckOptions): Promise<CheckOutcome>;
  /** Takes no new checks; aborts running ones before they write findings and waits until each is recorded. */
  stop(): Promise<void>;
  inFlight(): number;
}

const EMPTY_COUNTS = { new: 0, reopened: 0, resolved: 0, unchanged: 0, open: 0 };

export function createCheckRunner(deps: CheckRunnerDeps): CheckRunner {
  const ttl = deps.leaseTtlMs ?? 60_000;
  const newRunId = deps.newRunId ?? (() => `run-${randomUUID()}`);
  const limit = createConcurrencyLimit(deps.maxConcurrentChecks);
  const stopping = new AbortController();
  const inFlight = new Set<Promise<unknown>>();
  const log = deps.logger.child({ component: 'check-runner', holder: deps.holder });
  const expiry = () => new Date(deps.clock.now().getTime() + ttl);

  async function run(tenantId: string, options: RunCheckOptions): Promise<CheckOutcome> {
    if (stopping.signal.aborted) return { ran: false, reason: 'stopping' };
    const tenant = await deps.tenants.get(tenantId);
    if (!tenant) return { ran: false, reason: 'unknown-tenant' };

    const runId = newRunId();
    const lease = await deps.leases.acquire(
      { tenantId: tenant.id, holder: deps.holder, runId, expiresAt: expiry() },
      deps.clock.now(),
    );
    if (!lease.acquired) return { ran: false, reason: 'already-running', ...lease.heldBy };
    if (lease.previous) {
      const reason = `interrupted: ${lease.previous.holder} stopped renewing its lease (the process ended or hung)`;
      if (await deps.runs.markAbandoned(lease.previous.runId, deps.clock.now(), reason)) {
        log.warn(
          { tenantId: tenant.id, runId: lease.previous.runId, holder: lease.previous.holder },
          'Marked an interrupted check abandoned',
        );
      }
    }
    if (options.notCompletedSince) {
      const last = await deps.runs.latestComplete(tenant.id);
      if (last && new Date(last.finishedAt ?? last.startedAt) > options.notCompletedSince) {
        await deps.leases.release(tenant.id, runId, deps.clock.now());
        return { ran: false, reason: 'up-to-date', runId: last.id };
      }
    }

    const started: CheckRun = {
      id: runId,
      tenantId: tenant.id,
      trigger: options.trigger,
      status: 'running',
      startedAt: deps.clock.now().toISOString(),
      holder: deps.holder,
      coverage: {},
      graphRequests: 0,
      counts: EMPTY_COUNTS,
      ...(options.actor && { requestedBy: options.actor }),
      ...(options.replyTo && { replyTo: options.replyTo }),
    };
    await deps.runs.insert(started);
    options.onStarted?.(started);

    const aborter = new AbortController();
    const onStop = () => aborter.abort(new Error('Driftwatch is shutting down'));
    stopping.signal.addEventListener('abort', onStop, { once: true });
    const signal = options.signal ? AbortSignal.any([aborter.signal, options.signal]) : aborter.signal;
    const heartbeat = setInterval(
      () => {
        deps.leases.renew(tenant.id, runId, expiry()).then(
          (held) => held || aborter.abort(new Error('lost the lease: another replica took over this check')),
          (err: unknown) => log.warn({ tenantId: tenant.id, runId, err }, 'Could not renew the check lease'),
        );
      },
      Math.max(1000, Math.floor(ttl / 3)),
    );
    heartbeat.unref();

    const runLog = log.child({ tenantId: tenant.id, runId, trigger: options.trigger });
    let outcome: Omit<CheckResult, 'tenant'>;
    try {
      const release = await limit.acquire(signal);
      try {
        const previous = await deps.runs.latestComplete(tenant.id);
        outcome = await checkTenant(tenant, started, deps, {
          ...options,
          signal,
          ...(previous && { previousCheckAt: previous.startedAt }),
        });
      } finally {
        release();
      }
    } catch (err) {
      const aborted = signal.aborted;
      const message = errorMessage(aborted ? signal.reason : err);
      if (!aborted) runLog.error({ err }, 'Check failed');
      outcome = {
        run: {
          ...started,
          status: aborted ? 'abandoned' : 'failed',
          finishedAt: deps.clock.now().toISOString(),
          ...(aborted
            ? { note: `stopped before it finished: ${message}` }
            : { error: { code: 'internal', message } }),
        },
        newFindingIds: [],
        reopenedFindingIds: [],
        resolvedFindingIds: [],
      };
    } finally {
      clearInterval(heartbeat);
      stopping.signal.removeEventListener('abort', onStop);
    }

    const recorded = await deps.runs.finish(outcome.run);
    await deps.leases.release(tenant.id, runId, deps.clock.now());
    if (!recorded) {
      runLog.warn({}, 'The run was taken over by another replica; its result is not recorded');
      return { ran: false, reason: 'already-running', runId, holder: deps.holder };
    }
    runLog.info(
      { status: outcome.run.status, counts: outcome.run.counts, graphRequests: outcome.run.graphRequests },
      'Check finished',
    );
    const result: CheckResult = { tenant, ...outcome };
    if (outcome.run.status !== 'abandoned') {
      try {
        await deps.notifier.checkCompleted(result);
      } catch (err) {
        runLog.error({ err }, 'The notifier failed');
      }
    }
    return { ran: true, result };
  }

  function tracked(tenantId: string, options: RunCheckOptions): Promise<CheckOutcome> {
    const p = run(tenantId, options);
    inFlight.add(p);
    void p.finally(() => inFlight.delete(p)).catch(() => undefined);
    return p;
  }

  return {
    run: tracked,
    requestCheck(tenantId, request): Promise<CheckRequestResult> {
      return new Promise((resolve, reject) => {
        tracked(tenantId, {
          trigger: 'manual',
          ...(request.actor && { actor: request.actor }),
          ...(request.conversationId && { conversationId: request.conversationId }),
          ...(request.replyTo && { replyTo: request.replyTo }),
          onStarted: (r) => resolve({ started: true, runId: r.id }),
        }).then((outcome) => {
          if (outcome.ran) return;
          if (outcome.reason === 'unknown-tenant') resolve({ started: false, reason: 'unknown-tenant' });
          else
            resolve({
              started: false,
              reason: 'already-running',
              ...('runId' in outcome && { runId: outcome.runId }),
            });
        }, reject);
      });
    },
    lastRun: (tenantId) => deps.runs.latest(tenantId),
    async stop() {
      stopping.abort(new Error('Driftwatch is shutting down'));
      await Promise.allSettled([...inFlight]);
    },
    inFlight: () => inFlight.size,
  };
}

function errorMessage(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}
