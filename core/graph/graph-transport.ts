import {
  AuthenticationHandler,
  Client,
  GraphError,
  HTTPMessageHandler,
  type Context,
  type Middleware,
} from '@microsoft/microsoft-graph-client';
import type { Clock } from '../clock';
import type { RateLimiter, Sleep } from './rate-limiter';
import { RETRYABLE, parseRetryAfter, retryDelay, type RetryPolicy } from './retry-policy';

/** The only importer of the Graph client: GETs and `$batch` POSTs, paced, counted and retried. */

export type ApiVersion = 'beta' | 'v1.0';

export interface SubResponse {
  id: string;
  status: number;
  headers: Record<string, string>;
  body: unknown;
}

/** A Graph answer that was not 2xx after retries (or a transport failure: status 0). */
export class GraphCallError extends Error {
  constructor(
    readonly status: number,
    readonly graphCode: string | undefined,
    message: string,
  ) {
    super(message);
    this.name = 'GraphCallError';
  }
}

export interface GraphTransport {
  get(url: string, version: ApiVersion): Promise<Record<string, unknown>>;
  /** One `$batch` envelope; sub-responses as Graph returned them (the caller retries failed ones). */
  batch(version: ApiVersion, requests: { id: string; url: string }[]): Promise<SubResponse[]>;
}

export interface TransportOptions {
  baseUrl: string;
  accessToken: () => Promise<string>;
  /** A token past the cache: asked for once per request when Graph answers 401 to the cached one. */
  freshToken?: () => Promise<string>;
  /** Every request takes its weight (1, or the sub-request count of a batch) from each limiter in turn. */
  limiters: RateLimiter[];
  /** Called with each request's weight, retries included. */
  count: (weight: number) => void;
  retry: RetryPolicy;
  clock: Clock;
  sleep: Sleep;
  signal?: AbortSignal;
  /** One attempt that has not answered after this long is abandoned and retried like a dropped connection. */
  requestTimeoutMs?: number;
}

/** Graph answers in well under a second; a minute without an answer is a stuck connection, not a slow page. */
export const DEFAULT_REQUEST_TIMEOUT_MS = 60_000;

function weightOf(context: Context): number {
  const url = typeof context.request === 'string' ? context.request : context.request.url;
  if (!/\/\$batch(\?|$)/.test(url)) return 1;
  const body = context.options?.body;
  try {
    const parsed = JSON.parse(typeof body === 'string' ? body : '{}') as { requests?: unknown[] };
    return Math.max(1, parsed.requests?.length ?? 1);
  } catch {
    return 1;
  }
}

/** Rate limit, count, and retry 429/5xx honouring Retry-After: what RetryHandler cannot do with an injected clock. */
class PacingHandler implements Middleware {
  private next: Middleware | undefined;

  constructor(private readonly opts: TransportOptions) {}

  setNext(next: Middleware): void {
    this.next = next;
  }

  async execute(context: Context): Promise<void> {
    const { limiters, retry, sleep, clock, signal, count } = this.opts;
    const weight = weightOf(context);
    const timeoutMs = this.opts.requestTimeoutMs ?? DEFAULT_REQUEST_TIMEOUT_MS;
    let refreshed = false;
    for (let attempt = 0; ; attempt += 1) {
      for (const limiter of limiters) await limiter.take(weight, signal);
      count(weight);
      // Without a deadline a request Graph never answers holds the check, and the tenant's lease, for good.
      const deadline = AbortSignal.timeout(timeoutMs);
      context.options = {
        ...context.options,
        signal: signal ? AbortSignal.any([signal, deadline]) : deadline,
      };
      try {
        await (this.next as Middleware).execute(context);
      } catch (err) {
        // A dropped connection (a reused keep-alive socket the server closed, a reset) is as transient
        // as a 503: every request we send is a read, so sending it again is safe.
        if (signal?.aborted || attempt >= retry.maxRetries) throw err;
        await sleep(retryDelay(retry, attempt, undefined), signal);
        continue;
      }
      const response = context.response;
      // A cached token Graph no longer accepts (revoked, or expired early by clock skew): one fresh token,
      // then the request again; a second 401 is the answer.
      if (response?.status === 401 && !refreshed && this.opts.freshToken) {
        refreshed = true;
        await response.body?.cancel().catch(() => undefined);
        setAuthorization(context, await this.opts.freshToken());
        continue;
      }
      if (!response || !RETRYABLE.has(response.status) || attempt >= retry.maxRetries) return;
      const wait = retryDelay(
        retry,
        attempt,
        parseRetryAfter(response.headers.get('retry-after'), clock.now()),
      );
      await response.body?.cancel().catch(() => undefined);
      await sleep(wait, signal);
    }
  }
}

/** Replaces the bearer token the authentication handler put on the request. */
function setAuthorization(context: Context, token: string): void {
  const value = `Bearer ${token}`;
  if (typeof context.request !== 'string') {
    context.request.headers.set('Authorization', value);
    return;
  }
  const options = (context.options ??= {});
  const headers = new Headers(options.headers as ConstructorParameters<typeof Headers>[0]);
  headers.set('Authorization', value);
  options.headers = headers;
}

/** Intune wraps its error text in a JSON string (`{"_version":3,"Message":"… - Operation ID …"}`): unwrap it. */
export function graphMessage(message: string): string {
  try {
    const inner = JSON.parse(message) as { Message?: unknown };
    if (typeof inner.Message === 'string') return inner.Message.replace(/\s+- Operation ID[\s\S]*$/, '');
  } catch {
    // Not JSON: Graph's own text.
  }
  return message;
}

function toCallError(err: unknown): GraphCallError {
  if (err instanceof GraphCallError) return err;
  if (err instanceof GraphError) {
    const status = err.statusCode > 0 ? err.statusCode : 0;
    return new GraphCallError(status, err.code ?? undefined, graphMessage(err.message));
  }
  return new GraphCallError(0, undefined, err instanceof Error ? err.message : String(err));
}

export function createGraphTransport(opts: TransportOptions): GraphTransport {
  const host = new URL(opts.baseUrl).hostname;
  const client = Client.initWithMiddleware({
    baseUrl: opts.baseUrl,
    // customHosts makes the authentication handler attach tokens on a non-Graph host (the simulator).
    customHosts: new Set([host]),
    middleware: [
      new AuthenticationHandler({ getAccessToken: opts.accessToken }),
      new PacingHandler(opts),
      new HTTPMessageHandler(),
    ],
  });
  const withSignal = opts.signal ? { signal: opts.signal } : {};
  return {
    async get(url, version) {
      try {
        return (await client.api(url).version(version).options(withSignal).get()) as Record<string, unknown>;
      } catch (err) {
        throw toCallError(err);
      }
    },
    async batch(version, requests) {
      try {
        const body = (await client
          .api('/$batch')
          .version(version)
          .options(withSignal)
          .post({ requests: requests.map((r) => ({ id: r.id, method: 'GET', url: r.url })) })) as {
          responses?: SubResponse[];
        };
        return body.responses ?? [];
      } catch (err) {
        throw toCallError(err);
      }
    },
  };
}
