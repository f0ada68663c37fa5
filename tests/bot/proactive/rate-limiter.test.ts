import { describe, expect, it } from 'vitest';
import { RateLimiter } from '../../../bot/proactive/rate-limiter';
import { fixedClock } from '../../../core/clock';

describe('per-conversation send rate', () => {
  it('lets 7 sends through in a second and spaces the 8th until the window moves', async () => {
    const clock = fixedClock('2025-06-01T09:00:00.000Z');
    const waits: number[] = [];
    const limiter = new RateLimiter(7, 1000, clock, async (ms) => {
      waits.push(ms);
    });

    for (let i = 0; i < 7; i++) await limiter.acquire('19:a');
    expect(waits).toEqual([]);

    clock.advance(300);
    await limiter.acquire('19:a');
    await limiter.acquire('19:b');

    expect(waits).toEqual([700]);
  });

  it('spaces a burst of 15 into three windows', async () => {
    const clock = fixedClock('2025-06-01T09:00:00.000Z');
    const waits: number[] = [];
    const limiter = new RateLimiter(7, 1000, clock, async (ms) => {
      waits.push(ms);
    });

    await Promise.all(Array.from({ length: 15 }, () => limiter.acquire('19:a')));

    expect(waits).toEqual([1000, 1000, 1000, 1000, 1000, 1000, 1000, 2000]);
  });
});
