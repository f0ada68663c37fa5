import { systemClock, type Clock } from '../clock';
import type { Logger } from '../logger';
import type { Coverage } from '../model';
import { POLICY_TYPES, type PolicyTypeDefinition } from '../registry';
import { createTokenSource, TokenError, type TokenSource } from './graph-credentials';
import { createGraphTransport } from './graph-transport';
import { mapPool } from './map-pool';
import { RateLimiter, realSleep, type Sleep } from './rate-limiter';
import { readAuditEvents } from './read-audit-events';
import { readPolicyType, type TypeOutcome } from './read-policy-type';
import { DEFAULT_RETRY, type RetryPolicy } from './retry-policy';
import type { AuditRead, ReadOptions, TenantRead, TenantReader } from './tenant-reader';

export interface GraphReaderConfig {
  clientId?: string;
  clientSecret?: string;
  certificatePath?: string;
  baseUrl: string;
  authorityHost: string;
  /** Sustained Graph requests per second per tenant (default 25: half of Intune's 1,000 / 20 s per app, so a retry storm still fits). */
  requestsPerSecond?: number;
  /** Requests a tenant may send at once before pacing starts (default 20: one full `$batch`). */
  burst?: number;
  /** Minimum gap between Conditional Access requests per tenant (default 1,100 ms: CA allows 1 request/s). */
  serialIntervalMs?: number;
  /** Policy types read at once per tenant (default 4), and `$batch` envelopes in flight per type (default 4). */
  concurrency?: number;
  /** Safety cap on pages per collection (default 1,000 = 25,000 settings-catalog policies). */
  maxPages?: number;
  /** One Graph request unanswered after this long is retried (default 60 s). */
  requestTimeoutMs?: number;
  retry?: Partial<RetryPolicy>;
}

export interface GraphReaderDeps {
  logger: Logger;
  clock?: Clock;
  sleep?: Sleep;
  policyTypes?: readonly PolicyTypeDefinition[];
}

export class UnknownPolicyTypeError extends Error {
  readonly code = 'graph.unknown-type' as const;
  constructor(
    readonly keys: string[],
    known: string[],
  ) {
    super(`Unknown policy type${keys.length > 1 ? 's' : ''} ${keys.join(', ')}; known: ${known.join(', ')}`);
    this.name = 'UnknownPolicyTypeError';
  }
}

/** The Graph implementation of TenantReader: app-only, one credential and one request budget per tenant. */
export function createGraphTenantReader(config: GraphReaderConfig, deps: GraphReaderDeps): TenantReader {
  if (!config.clientId || (!config.clientSecret && !config.certificatePath)) {
    throw new Error('createGraphTenantReader needs clientId and clientSecret or certificatePath');
  }
  const clock = deps.clock ?? systemClock;
  const sleep = deps.sleep ?? realSleep;
  const registry = deps.policyTypes ?? POLICY_TYPES;
  const retry: RetryPolicy = { ...DEFAULT_RETRY, ...config.retry };
  const rate = config.requestsPerSecond ?? 25;
  const burst = config.burst ?? 20;
  const serialGap = config.serialIntervalMs ?? 1100;
  const concurrency = config.concurrency ?? 4;
  const maxPages = config.maxPages ?? 1000;
  const tokens: TokenSource = createTokenSource({
    clientId: config.clientId,
    clientSecret: config.clientSecret,
    certificatePath: config.certificatePath,
    authorityHost: config.authorityHost,
  });
  const scope = `${new URL(config.baseUrl).origin}/.default`;
  const limiters = new Map<string, { tenant: RateLimiter; serial: RateLimiter }>();
  const limitersOf = (tenantId: string) => {
    let l = limiters.get(tenantId);
    if (!l) {
      l = {
        tenant: new RateLimiter(rate, burst, clock, sleep),
        serial: new RateLimiter(1000 / serialGap, 1, clock, sleep),
      };
      limiters.set(tenantId, l);
    }
    return l;
  };

  const typesFor = (keys?: string[]): readonly PolicyTypeDefinition[] => {
    if (!keys) return registry;
    const unknown = keys.filter((k) => !registry.some((t) => t.key === k));
    if (unknown.length)
      throw new UnknownPolicyTypeError(
        unknown,
        registry.map((t) => t.key),
      );
    return registry.filter((t) => keys.includes(t.key));
  };

  return {
    async read(tenantId: string, options: ReadOptions = {}): Promise<TenantRead> {
      const types = typesFor(options.types);
      const log = deps.logger.child({ tenantId });
      const startedAt = clock.now().toISOString();
      let graphRequests = 0;
      const coverage: Coverage = {};
      const objects: Record<string, Record<string, unknown>[]> = {};
      const finish = (type: PolicyTypeDefinition, outcome: TypeOutcome) => {
        coverage[type.key] = outcome.coverage;
        objects[type.key] = outcome.objects;
        options.onProgress?.({
          policyType: type.key,
          status: outcome.coverage.status,
          objects: outcome.coverage.objects,
        });
        if (outcome.coverage.status !== 'complete') {
          log.warn(
            { policyType: type.key, status: outcome.coverage.status, reason: outcome.coverage.reason },
            'Policy type not read completely',
          );
        }
      };

      // One token first: a credential problem is one clear answer, not twenty failed types.
      try {
        await tokens.token(tenantId, scope, options.signal);
      } catch (err) {
        if (!(err instanceof TokenError)) throw err;
        log.error({ aadsts: err.aadsts }, err.message);
        for (const type of types)
          finish(type, { coverage: { status: 'failed', objects: 0, reason: err.message }, objects: [] });
        return {
          tenantId,
          startedAt,
          finishedAt: clock.now().toISOString(),
          graphRequests,
          coverage,
          objects,
        };
      }

      const { tenant, serial } = limitersOf(tenantId);
      const transportFor = (lane: RateLimiter[]) =>
        createGraphTransport({
          baseUrl: config.baseUrl,
          accessToken: () => tokens.token(tenantId, scope, options.signal),
          freshToken: () => tokens.refresh(tenantId, scope, options.signal),
          limiters: lane,
          count: (n) => (graphRequests += n),
          retry,
          clock,
          sleep,
          signal: options.signal,
          ...(config.requestTimeoutMs ? { requestTimeoutMs: config.requestTimeoutMs } : {}),
        });
      const parallelDeps = {
        transport: transportFor([tenant]),
        retry,
        sleep,
        clock,
        concurrency,
        maxPages,
        signal: options.signal,
      };
      const serialDeps = { ...parallelDeps, transport: transportFor([serial, tenant]), concurrency: 1 };
      const read = async (type: PolicyTypeDefinition, d: typeof parallelDeps) => {
        options.onProgress?.({ policyType: type.key, status: 'started', objects: 0 });
        finish(type, await readPolicyType(type, d));
      };
      // Conditional Access allows one request per second per tenant (all apps): its own lane, one at a time.
      const serialTypes = types.filter((t) => t.serial);
      await Promise.all([
        mapPool(
          types.filter((t) => !t.serial),
          concurrency,
          (t) => read(t, parallelDeps),
        ),
        mapPool(serialTypes, 1, (t) => read(t, serialDeps)),
      ]);
      const ordered: Coverage = {};
      for (const type of types) ordered[type.key] = coverage[type.key] as Coverage[string];
      log.info({ graphRequests, types: types.length }, 'Tenant read');
      return {
        tenantId,
        startedAt,
        finishedAt: clock.now().toISOString(),
        graphRequests,
        coverage: ordered,
        objects,
      };
    },

    async readAuditEvents(
      tenantId: string,
      since: Date,
      options: { signal?: AbortSignal } = {},
    ): Promise<AuditRead> {
      let graphRequests = 0;
      const transport = createGraphTransport({
        baseUrl: config.baseUrl,
        accessToken: () => tokens.token(tenantId, scope, options.signal),
        freshToken: () => tokens.refresh(tenantId, scope, options.signal),
        limiters: [limitersOf(tenantId).tenant],
        count: (n) => (graphRequests += n),
        retry,
        clock,
        sleep,
        signal: options.signal,
        ...(config.requestTimeoutMs ? { requestTimeoutMs: config.requestTimeoutMs } : {}),
      });
      const outcome = await readAuditEvents(transport, since, maxPages, options.signal);
      if (outcome.status !== 'complete')
        deps.logger.child({ tenantId }).warn({ reason: outcome.reason }, 'Changes not attributed');
      return { ...outcome, graphRequests };
    },
  };
}
