/** Statuses worth another try (graph-reading.md §3.3); 400, 401 and 403 never are. */
export const RETRYABLE = new Set([429, 500, 502, 503, 504]);

export interface RetryPolicy {
  /** Attempts after the first. */
  maxRetries: number;
  /** First back-off when Graph gives no Retry-After (ms); doubles each attempt. */
  baseDelayMs: number;
  /** No single wait is longer than this (ms), Retry-After included. */
  maxDelayMs: number;
  /** 0..1, for jitter; injected so tests are exact. */
  random: () => number;
}

export const DEFAULT_RETRY: RetryPolicy = {
  maxRetries: 6,
  baseDelayMs: 2000,
  maxDelayMs: 180_000,
  random: Math.random,
};

/** Milliseconds a Retry-After header asks for: seconds or an HTTP date; undefined when absent or unreadable. */
export function parseRetryAfter(value: string | null | undefined, now: Date): number | undefined {
  if (value === null || value === undefined || value.trim() === '') return undefined;
  const seconds = Number(value);
  if (Number.isFinite(seconds)) return Math.max(0, seconds * 1000);
  const at = Date.parse(value);
  return Number.isNaN(at) ? undefined : Math.max(0, at - now.getTime());
}

/** The wait before retry number `attempt` (0-based): Retry-After when given, else capped exponential back-off with jitter. */
export function retryDelay(policy: RetryPolicy, attempt: number, retryAfterMs: number | undefined): number {
  if (retryAfterMs !== undefined) return Math.min(retryAfterMs, policy.maxDelayMs);
  const backoff = policy.baseDelayMs * 2 ** attempt;
  return Math.min(backoff + policy.random() * policy.baseDelayMs, policy.maxDelayMs);
}
