import { spawn, type ChildProcess } from 'node:child_process';
import { writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import type { Logger } from '../../core/logger';
import { playgroundConfigYaml } from './playground-config';

export interface PlaygroundOptions {
  /** The bot's messaging endpoint, e.g. http://127.0.0.1:3978/api/messages. */
  botEndpoint: string;
  /** Preferred port (the Playground takes a random one when it is busy). */
  port: number;
  /** Folder for the config yml and the Playground's log file. */
  dir: string;
  logger: Logger;
  /** The environment to pass on (PATH, HOME; proxies are dropped: the Playground needs no network). */
  env: Readonly<Record<string, string | undefined>>;
  /** How long to wait for "Listening on <port>" (default 30 s). */
  readyTimeoutMs?: number;
}

export interface RunningPlayground {
  url: string;
  port: number;
  /** Where the Playground's mock Bot Connector listens: the serviceUrl of its conversations. */
  serviceUrl: string;
  stop(): Promise<void>;
}

/** The Playground's CLI script, from the installed dev dependency (absent in a production image). */
export function playgroundCli(): string {
  const require = createRequire(import.meta.url);
  return require.resolve('@microsoft/m365agentsplayground/cli.js');
}

/**
 * Starts the Microsoft 365 Agents Playground as a child process: no browser of its own
 * (TEAMSAPPTESTER_BROWSER=none), no telemetry (--dt), Teams channel, our mock config.
 */
export async function startPlayground(opts: PlaygroundOptions): Promise<RunningPlayground> {
  const configPath = join(opts.dir, 'm365agentsplayground.yml');
  await writeFile(configPath, playgroundConfigYaml());
  const child = spawn(
    process.execPath,
    [playgroundCli(), '-e', opts.botEndpoint, '-c', 'msteams', '--dt', '-p', String(opts.port)],
    {
      cwd: opts.dir,
      env: {
        PATH: opts.env.PATH ?? '',
        HOME: opts.env.HOME ?? opts.dir,
        TEAMSAPPTESTER_BROWSER: 'none',
        M365_AGENTS_PLAYGROUND_CONFIG_PATH: configPath,
        M365_AGENTS_PLAYGROUND_LOGFILE: join(opts.dir, 'playground.log'),
      },
      // Its own process group: a terminal's Ctrl-C reaches the demo, which stops the Playground last.
      detached: true,
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  const killOnExit = () => child.kill('SIGKILL');
  process.once('exit', killOnExit);
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  let port: number;
  try {
    port = await listeningPort(child, opts.readyTimeoutMs ?? 30_000);
  } catch (err) {
    child.kill('SIGKILL');
    process.off('exit', killOnExit);
    throw err;
  }
  child.stdout?.on('data', () => undefined);
  child.stderr?.on('data', (chunk: Buffer) =>
    opts.logger.warn({ output: chunk.toString('utf8').trim().slice(0, 500) }, 'Playground says'),
  );
  opts.logger.info({ port }, 'Agents Playground listening');
  return {
    url: `http://localhost:${port}`,
    port,
    serviceUrl: `http://localhost:${port}/_connector`,
    async stop() {
      if (child.exitCode === null && child.signalCode === null) {
        child.kill('SIGTERM');
        const timer = setTimeout(() => child.kill('SIGKILL'), 5_000);
        await exited;
        clearTimeout(timer);
      }
      process.off('exit', killOnExit);
    },
  };
}

/** Resolves with the port from the Playground's "Listening on <port>" line; rejects if it exits first. */
function listeningPort(child: ChildProcess, timeoutMs: number): Promise<number> {
  return new Promise((resolve, reject) => {
    let output = '';
    const timer = setTimeout(
      () => fail(new Error(`the Agents Playground did not start within ${timeoutMs} ms: ${output.trim()}`)),
      timeoutMs,
    );
    const onData = (chunk: Buffer) => {
      output = (output + chunk.toString('utf8')).slice(-4000);
      const m = /Listening on (\d+)/.exec(output);
      if (m) done(() => resolve(Number(m[1])));
      else if (/Failed to start/i.test(output))
        fail(new Error(`the Agents Playground failed to start: ${output.trim()}`));
    };
    const onExit = (code: number | null) =>
      fail(new Error(`the Agents Playground exited (code ${code}) before listening: ${output.trim()}`));
    const done = (then: () => void) => {
      clearTimeout(timer);
      child.stdout?.off('data', onData);
      child.stderr?.off('data', onData);
      child.off('exit', onExit);
      then();
    };
    const fail = (err: Error) => done(() => reject(err));
    child.stdout?.on('data', onData);
    child.stderr?.on('data', onData);
    child.once('exit', onExit);
  });
}
