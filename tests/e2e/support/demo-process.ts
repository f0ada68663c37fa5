import { spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import { fileURLToPath } from 'node:url';

const CLI = fileURLToPath(new URL('../../../bin/driftwatch.js', import.meta.url));

export interface DemoProcess {
  playgroundUrl: string;
  mongoUri: string;
  output(): string;
  /** SIGTERM, as a service manager would send it; resolves with the exit code. */
  stop(): Promise<number | null>;
}

/** A free loopback port (asked of the OS, then released for the demo to take). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

/**
 * `node bin/driftwatch.js demo` as a user runs it, with a clean environment (nothing configured),
 * its own data dir and ports. Resolves once the banner names the Playground and the database.
 */
export async function startDemoProcess(opts: {
  dataDir: string;
  port: number;
  playgroundPort: number;
  args?: string[];
  readyTimeoutMs?: number;
}): Promise<DemoProcess> {
  const child: ChildProcess = spawn(
    process.execPath,
    [CLI, 'demo', '--playground-port', String(opts.playgroundPort), ...(opts.args ?? [])],
    {
      env: {
        PATH: process.env.PATH ?? '',
        HOME: process.env.HOME ?? opts.dataDir,
        PORT: String(opts.port),
        DRIFTWATCH_DATA_DIR: opts.dataDir,
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  let output = '';
  child.stdout?.on('data', (c: Buffer) => (output += c.toString('utf8')));
  child.stderr?.on('data', (c: Buffer) => (output += c.toString('utf8')));
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  const ready = await new Promise<{ playgroundUrl: string; mongoUri: string }>((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new Error(`the demo was not ready in time:\n${output}`)),
      opts.readyTimeoutMs ?? 60_000,
    );
    const poll = setInterval(() => {
      const playground = /Agents Playground:\s+(http:\/\/\S+)/.exec(output)?.[1];
      const mongo = /Database (mongodb:\/\/\S+)/.exec(output)?.[1];
      if (playground && mongo) {
        clearInterval(poll);
        clearTimeout(timer);
        resolve({ playgroundUrl: playground, mongoUri: mongo });
      }
    }, 100);
    void exited.then((code) => {
      clearInterval(poll);
      clearTimeout(timer);
      reject(new Error(`the demo exited (${code}) before it was ready:\n${output}`));
    });
  });
  return {
    ...ready,
    output: () => output,
    async stop() {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
      return exited;
    },
  };
}
