import type { Clock } from '../clock';

export type Sleep = (ms: number, signal?: AbortSignal) => Promise<void>;

/** setTimeout as a promise that an AbortSignal cancels. */
export const realSleep: Sleep = (ms, signal) =>
  new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(signal.reason as Error);
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal?.reason as Error);
    };
    signal?.addEventListener('abort', onAbort, { once: true });
  });

/**
 * Token bucket: `ratePerSecond` sustained, `burst` at once. A take larger than the burst (a 20-request
 * `$batch` against a smaller bucket) waits for a full bucket and leaves it in debt, so the average holds.
 * Callers are served in arrival order.
 */
export class RateLimiter {
  private tokens: number;
  private last: number;
  private queue: Promise<void> = Promise.resolve();

  constructor(
    private readonly ratePerSecond: number,
    private readonly burst: number,
    private readonly clock: Clock,
    private readonly sleep: Sleep,
  ) {
    this.tokens = burst;
    this.last = clock.now().getTime();
  }

  take(weight = 1, signal?: AbortSignal): Promise<void> {
    const turn = this.queue.then(() => this.waitFor(weight, signal));
    this.queue = turn.catch(() => undefined);
    return turn;
  }

  private refill(): void {
    const now = this.clock.now().getTime();
    this.tokens = Math.min(this.burst, this.tokens + ((now - this.last) / 1000) * this.ratePerSecond);
    this.last = now;
  }

  private async waitFor(weight: number, signal?: AbortSignal): Promise<void> {
    const need = Math.min(weight, this.burst);
    this.refill();
    while (this.tokens < need) {
      await this.sleep(Math.ceil(((need - this.tokens) / this.ratePerSecond) * 1000), signal);
      this.refill();
    }
    this.tokens -= weight;
  }
}
