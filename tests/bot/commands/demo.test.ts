import { describe, expect, it } from 'vitest';
import { main } from '../../../bot/cli';
import { parseDemoArgs } from '../../../bot/commands/demo';
import { testIo } from '../../support/capture';

describe('driftwatch demo options', () => {
  it('checks every minute, changes a tenant every three minutes and asks for the Playground on 56150 by default', () => {
    expect(parseDemoArgs([])).toEqual({
      schedule: '0 * * * * *',
      changeEveryMs: 180_000,
      playgroundPort: 56150,
    });
  });

  it('takes a faster schedule, a change interval (0: none) and another Playground port', () => {
    expect(
      parseDemoArgs(['--schedule', '*/10 * * * * *', '--change-every', '0', '--playground-port', '0']),
    ).toEqual({ schedule: '*/10 * * * * *', changeEveryMs: 0, playgroundPort: 0 });
  });

  it.each([
    [['--schedule', 'every minute'], /not a cron expression/],
    [['--change-every=-5'], /number of seconds/],
    [['--playground-port', '70000'], /port number/],
    [['--tenants', 'x'], /Unknown option/],
  ])('refuses %j with exit 2 and the usage, starting nothing', async (args, message) => {
    const { io, stderr } = testIo({});
    expect(await main(['demo', ...args], io)).toBe(2);
    expect(stderr.text()).toMatch(message);
    expect(stderr.text()).toContain('Usage: driftwatch demo');
  });

  it('is listed in the command table', async () => {
    const { io, stdout } = testIo({});
    await main(['--help'], io);
    expect(stdout.text()).toMatch(/demo\s+run everything locally/);
  });
});
