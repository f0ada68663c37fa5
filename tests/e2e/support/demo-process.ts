import { spawn, type ChildProcess } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { request } from 'node:https';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const CLI = fileURLToPath(new URL('../../../bin/driftwatch.js', import.meta.url));

export interface DemoProcess {
  playgroundUrl: string;
  mongoUri: string;
  graphUrl: string;
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
  const ready = await new Promise<{ playgroundUrl: string; mongoUri: string; graphUrl: string }>(
    (resolve, reject) => {
      const timer = setTimeout(
        () => reject(new Error(`the demo was not ready in time:\n${output}`)),
        opts.readyTimeoutMs ?? 60_000,
      );
      const poll = setInterval(() => {
        const playground = /Agents Playground:\s+(http:\/\/\S+)/.exec(output)?.[1];
        const mongo = /Database (mongodb:\/\/\S+)/.exec(output)?.[1];
        const graph = /Graph simulator (https:\/\/\S+)/.exec(output)?.[1];
        if (playground && mongo && graph) {
          clearInterval(poll);
          clearTimeout(timer);
          resolve({ playgroundUrl: playground, mongoUri: mongo, graphUrl: graph });
        }
      }, 100);
      void exited.then((code) => {
        clearInterval(poll);
        clearTimeout(timer);
        reject(new Error(`the demo exited (${code}) before it was ready:\n${output}`));
      });
    },
  );
  return {
    ...ready,
    output: () => output,
    async stop() {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
      return exited;
    },
  };
}

/**
 * Changes one object of a simulated tenant through the Graph simulator's control API, as the demo's
 * own driver does (HTTPS, trusting the demo CA from the data folder).
 */
export async function changeObject(
  demo: Pick<DemoProcess, 'graphUrl'>,
  dataDir: string,
  target: { tenantId: string; policyType: string; displayName: string },
  change: (object: Record<string, unknown>) => Record<string, unknown>,
): Promise<void> {
  const ca = await readFile(join(dataDir, 'graph-ca.pem'), 'utf8');
  const path = `/_control/tenants/${target.tenantId}/objects/${target.policyType}`;
  const objects = JSON.parse(await control(demo.graphUrl, ca, 'GET', path)) as Record<string, unknown>[];
  const object = objects.find((o) => o['displayName'] === target.displayName);
  if (!object) throw new Error(`no ${target.policyType} "${target.displayName}" in ${target.tenantId}`);
  await control(demo.graphUrl, ca, 'PUT', path, JSON.stringify(change(object)));
}

function control(base: string, ca: string, method: string, path: string, body?: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const req = request(
      new URL(path, base),
      { method, ca, headers: { 'content-type': 'application/json' } },
      (res) => {
        let text = '';
        res.on('data', (c: Buffer) => (text += c.toString('utf8')));
        res.on('end', () =>
          (res.statusCode ?? 500) < 300
            ? resolve(text)
            : reject(new Error(`${method} ${path}: ${res.statusCode} ${text}`)),
        );
      },
    );
    req.once('error', reject);
    req.end(body);
  });
}
