import type { Sleep } from './rate-limiter';

/**
 * Statuses Teams asks bots to retry (teams-platform §5), and 503: the connector says it did not take
 * the request, so sending it again cannot duplicate a post, and not sending it loses the post for good
 * (the next check has no news to say it again). 500 stays final: the post may have been made.
 */
const RETRYABLE = new Set([412, 429, 502, 503, 504]);

export interface RetryPolicy {
  attempts: number;
  baseDelayMs: number;
  maxDelayMs: number;
  /** 0..1 → jitter factor; injected so tests are deterministic. */
  random: () => number;
}

export const DEFAULT_RETRY: RetryPolicy = {
  attempts: 5,
  baseDelayMs: 250,
  maxDelayMs: 8000,
  random: Math.random,
};

/** The HTTP status of a connector error, whatever shape the SDK gave it. */
export function statusOf(err: unknown): number | undefined {
  if (typeof err !== 'object' || err === null) return undefined;
  const e = err as { statusCode?: unknown; status?: unknown; response?: { status?: unknown } };
  for (const candidate of [e.statusCode, e.status, e.response?.status]) {
    if (typeof candidate === 'number') return candidate;
  }
  return undefined;
}

function retryAfterMs(err: unknown): number | undefined {
  const headers = (err as { response?: { headers?: { get?: (name: string) => string | undefined } } })
    ?.response?.headers;
  const value = typeof headers?.get === 'function' ? headers.get('retry-after') : undefined;
  const seconds = value === undefined ? NaN : Number(value);
  return Number.isFinite(seconds) && seconds >= 0 ? seconds * 1000 : undefined;
}

export function isRetryable(err: unknown): boolean {
  const status = statusOf(err);
  if (status !== undefined) return RETRYABLE.has(status);
  // No status: the connection failed (reset, refused, timed out): worth another try.
  const code = (err as { code?: unknown })?.code;
  return typeof code === 'string' && /^(ECONNRESET|ECONNREFUSED|ETIMEDOUT|EPIPE|UND_ERR)/.test(code);
}

/** Runs `action`, retrying Teams' retryable failures with exponential backoff and jitter (or Retry-After). */
export async function withRetry<T>(
  action: () => Promise<T>,
  sleep: Sleep,
  policy: RetryPolicy = DEFAULT_RETRY,
  onRetry?: (err: unknown, attempt: number, delayMs: number) => void,
): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await action();
    } catch (err) {
      if (attempt >= policy.attempts || !isRetryable(err)) throw err;
      const exponential = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** (attempt - 1));
      const delay = Math.min(
        policy.maxDelayMs,
        retryAfterMs(err) ?? exponential * (0.5 + policy.random() / 2),
      );
      onRetry?.(err, attempt, delay);
      await sleep(delay);
    }
  }
}
