import { describe, expect, it } from 'vitest';
import { isCatchUpDue } from '../../../core/scheduling/catch-up';

const now = new Date('2026-03-02T10:00:00Z');
const minutesAgo = (m: number) => new Date(now.getTime() - m * 60_000);

describe('catch-up at start', () => {
  it.each([
    ['never checked', undefined, 30, true],
    ['last complete check older than the interval', minutesAgo(31), 30, true],
    ['last complete check within the interval', minutesAgo(29), 30, false],
    ['an interval that cannot be computed', minutesAgo(600), undefined, false],
  ])('%s → due: %s', (_case, last, intervalMinutes, due) => {
    expect(
      isCatchUpDue(last, intervalMinutes === undefined ? undefined : intervalMinutes * 60_000, now),
    ).toBe(due);
  });
});
