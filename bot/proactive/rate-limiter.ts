import type { Clock } from '../../core/clock';

export type Sleep = (ms: number) => Promise<void>;

export const realSleep: Sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * A sliding-window limiter per key: at most `limit` starts per `windowMs`. Each call reserves the
 * earliest free slot at once, so concurrent callers are spaced rather than bunched.
 */
export class RateLimiter {
  private readonly slots = new Map<string, number[]>();

  constructor(
    private readonly limit: number,
    private readonly windowMs: number,
    private readonly clock: Clock,
    private readonly sleep: Sleep,
  ) {}

  /** Waits until `key` may send again. */
  async acquire(key: string): Promise<void> {
    const now = this.clock.now().getTime();
    const recent = (this.slots.get(key) ?? []).filter((t) => t > now - this.windowMs);
    const blocker = recent.length >= this.limit ? recent[recent.length - this.limit] : undefined;
    const slot = blocker === undefined ? now : Math.max(now, blocker + this.windowMs);
    recent.push(slot);
    this.slots.set(key, recent);
    if (slot > now) await this.sleep(slot - now);
  }
}
