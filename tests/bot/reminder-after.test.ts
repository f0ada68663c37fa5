import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../bot/config';
import { describeDuration, parseDurationMs } from '../../bot/duration';

const HOUR = 3600_000;

describe('DRIFTWATCH_REMINDER_AFTER', () => {
  it('defaults to 24 hours', () => {
    expect(loadConfig({}).reminderAfterMs).toBe(24 * HOUR);
  });

  it.each([
    ['P1D', 24 * HOUR],
    ['PT36H', 36 * HOUR],
    ['P1DT12H', 36 * HOUR],
    ['PT90M', 1.5 * HOUR],
    ['P2W', 14 * 24 * HOUR],
    ['pt0,5h', 0.5 * HOUR],
    ['48', 48 * HOUR],
    ['0.5', 0.5 * HOUR],
  ])('takes %s (an ISO 8601 duration or hours)', (value, ms) => {
    expect(loadConfig({ DRIFTWATCH_REMINDER_AFTER: value }).reminderAfterMs).toBe(ms);
  });

  it.each(['P1M', 'P1Y', 'P', 'PT', '0', 'PT0S', '-3', 'a day', '24h'])(
    'refuses %s and says what is expected',
    (value) => {
      let error: unknown;
      try {
        loadConfig({ DRIFTWATCH_REMINDER_AFTER: value });
      } catch (err) {
        error = err;
      }
      expect(error).toBeInstanceOf(ConfigError);
      expect((error as ConfigError).problems).toEqual([
        {
          variable: 'DRIFTWATCH_REMINDER_AFTER',
          message: expect.stringContaining('ISO 8601 duration (P1D, PT36H'),
        },
      ]);
    },
  );

  it('is said in words on the reminder card', () => {
    expect(describeDuration(24 * HOUR)).toBe('24 hours');
    expect(describeDuration(48 * HOUR)).toBe('2 days');
    expect(describeDuration(1.5 * HOUR)).toBe('90 minutes');
    expect(describeDuration(HOUR)).toBe('1 hour');
    expect(parseDurationMs('PT45S')).toBe(45_000);
  });
});
