import { describe, expect, it } from 'vitest';
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { main } from '../../bot/cli';
import { testIo } from '../support/capture';

const BIN = fileURLToPath(new URL('../../bin/driftwatch.js', import.meta.url));

describe('driftwatch command line', () => {
  it('--help lists the commands and exits 0', async () => {
    const { io, stdout } = testIo();

    const code = await main(['--help'], io);

    expect(code).toBe(0);
    expect(stdout.text()).toContain('Usage: driftwatch <command>');
    expect(stdout.text()).toMatch(/^\s+serve\s+/m);
    expect(stdout.text()).toMatch(/^\s+start\s+/m);
  });

  it('no command at all prints usage and exits 2', async () => {
    const { io, stderr } = testIo();

    expect(await main([], io)).toBe(2);
    expect(stderr.text()).toContain('Usage: driftwatch');
  });

  it('an unknown command prints usage and exits 2', async () => {
    const { io, stderr } = testIo();

    const code = await main(['serv'], io);

    expect(code).toBe(2);
    expect(stderr.text()).toContain('Unknown command "serv"');
    expect(stderr.text()).toContain('Usage: driftwatch');
  });

  it('an unknown flag prints the command usage and exits 2', async () => {
    const { io, stderr } = testIo();

    const code = await main(['serve', '--verbose'], io);

    expect(code).toBe(2);
    expect(stderr.text()).toContain("Unknown option '--verbose'");
    expect(stderr.text()).toContain('Usage: driftwatch serve');
  });

  it('a bad environment stops serve before it listens, naming each variable', async () => {
    const { io, stderr } = testIo({ PORT: 'abc', MONGODB_URI: 'redis://x' });

    const code = await main(['serve'], io);

    expect(code).toBe(2);
    expect(stderr.text()).toContain('PORT:');
    expect(stderr.text()).toContain('MONGODB_URI:');
  });

  it('serve listens, answers /healthz and stops cleanly on SIGTERM (in process)', async () => {
    const { io, stdout, stop } = testIo({ PORT: '0', LOG_LEVEL: 'silent' });

    const exit = main(['serve'], io);
    const url = await waitFor(() => /listening on (\S+)/.exec(stdout.text())?.[1]);
    const health = await fetch(`${url}/healthz`);
    stop('SIGTERM');

    expect(health.status).toBe(200);
    expect(await exit).toBe(0);
  });

  it('the installed binary exits 0 within 10 s of SIGTERM', async () => {
    const child = spawn(process.execPath, [BIN, 'serve'], {
      env: { ...process.env, PORT: '0', LOG_LEVEL: 'silent', MONGODB_URI: '', BOT_ID: '', NODE_ENV: 'test' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    child.stdout.on('data', (d) => (out += String(d)));
    const url = await waitFor(() => /listening on (\S+)/.exec(out)?.[1], 20_000);
    expect((await fetch(`${url}/healthz`)).status).toBe(200);

    const started = Date.now();
    child.kill('SIGTERM');
    const code = await new Promise<number | null>((resolve) => child.once('exit', resolve));

    expect(code).toBe(0);
    expect(Date.now() - started).toBeLessThan(10_000);
  });
});

async function waitFor<T>(probe: () => T | undefined, timeoutMs = 10_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error('timed out waiting');
    await new Promise((r) => setTimeout(r, 25));
  }
}
