import { describe, expect, it } from 'vitest';
import { createConcurrencyLimit } from '../../../core/checks/concurrency-limit';

describe('the concurrency limit', () => {
  it('lets at most the limit run at once and the rest in arrival order', async () => {
    const limit = createConcurrencyLimit(2);
    const order: string[] = [];

    const releaseA = await limit.acquire();
    const releaseB = await limit.acquire();
    const c = limit.acquire().then((r) => (order.push('c'), r));
    const d = limit.acquire().then((r) => (order.push('d'), r));
    await Promise.resolve();
    const waitingBefore = limit.waiting;
    releaseA();
    releaseA();
    const releaseC = await c;
    releaseB();
    await d;

    expect(waitingBefore).toBe(2);
    expect(order).toEqual(['c', 'd']);
    expect(limit.active).toBe(2);
    releaseC();
    expect(limit.active).toBe(1);
  });

  it('gives up waiting when the wait is aborted', async () => {
    const limit = createConcurrencyLimit(1);
    await limit.acquire();
    const abort = new AbortController();

    const waiting = limit.acquire(abort.signal);
    abort.abort(new Error('shutting down'));

    await expect(waiting).rejects.toThrow('shutting down');
    expect(limit.waiting).toBe(0);
  });

  it('refuses a limit below one', () => {
    expect(() => createConcurrencyLimit(0)).toThrow(RangeError);
  });
});
