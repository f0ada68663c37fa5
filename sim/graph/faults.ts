import type { Clock } from '../../core/clock';

/** Faults and limits of one simulated tenant; every field optional. Set them with the control API. */
export interface TenantFaults {
  /** Added to every Graph response (ms); `$batch` answers once, not per sub-request. */
  latencyMs?: number;
  /** Requests allowed per window per tenant (batch sub-requests count one each); over it: 429 + Retry-After. */
  rate?: { requests: number; windowMs: number } | null;
  /** Transient failures: `every` n-th request, or the `next` n requests, answer `status`. */
  fail?: { status: 429 | 500 | 502 | 503 | 504; every?: number; next?: number; retryAfterSeconds?: number };
  /** Policy types answered 403 Forbidden (missing permission). */
  forbidden?: string[];
  /** Policy types answered 400 "Request not applicable to target tenant." (not licensed). */
  notApplicable?: string[];
  /** Policy types whose collections stop after the first page without saying so. */
  truncatePaging?: string[];
  /** Policy types whose list keeps answering empty pages with a nextLink, for ever. */
  endlessPaging?: string[];
  /** Token requests for this tenant fail: the app was never consented here (AADSTS7000229). */
  consentMissing?: boolean;
}

/** Intune: 1,000 requests per 20 s per app per tenant (graph-reading.md §3.1). */
export const INTUNE_RATE = { requests: 1000, windowMs: 20_000 } as const;

export type Verdict =
  | { kind: 'pass' }
  | { kind: 'throttled'; retryAfterSeconds: number }
  | { kind: 'fail'; status: number; retryAfterSeconds?: number };

/** Per-tenant counters: the fixed rate window and the transient-failure schedule. */
export class TenantLimiter {
  private windowStart = -Infinity;
  private inWindow = 0;
  private seen = 0;
  total = 0;
  throttled = 0;

  constructor(private readonly clock: Clock) {}

  /** Decides the fate of one request (or one batch sub-request). */
  admit(faults: TenantFaults): Verdict {
    this.total += 1;
    this.seen += 1;
    const fail = faults.fail;
    if (fail) {
      if (fail.next !== undefined && fail.next > 0) {
        fail.next -= 1;
        return { kind: 'fail', status: fail.status, retryAfterSeconds: fail.retryAfterSeconds };
      }
      if (fail.every !== undefined && fail.every > 0 && this.seen % fail.every === 0) {
        return { kind: 'fail', status: fail.status, retryAfterSeconds: fail.retryAfterSeconds };
      }
    }
    const rate = faults.rate;
    if (!rate) return { kind: 'pass' };
    const now = this.clock.now().getTime();
    if (now - this.windowStart >= rate.windowMs) {
      this.windowStart = now;
      this.inWindow = 0;
    }
    if (this.inWindow >= rate.requests) {
      this.throttled += 1;
      const waitMs = this.windowStart + rate.windowMs - now;
      return { kind: 'throttled', retryAfterSeconds: Math.max(1, Math.ceil(waitMs / 1000)) };
    }
    this.inWindow += 1;
    return { kind: 'pass' };
  }
}
