import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { demoCaPaths, ensureDemoCa } from './demo-ca';
import { relaunch } from './relaunch';
import { runDemo, type DemoIo, type DemoOptions } from './run-demo';

const CLI_SCRIPT = fileURLToPath(new URL('../../bin/driftwatch.js', import.meta.url));

/**
 * `driftwatch demo`: makes sure the demo CA exists in the data dir, then runs the demo in a process
 * that trusts it. Node reads NODE_EXTRA_CA_CERTS only at start, and both transports of the real Graph
 * code (undici for the Graph client, node:https for @azure/identity) use the process-wide CA store,
 * so this process relaunches itself with the variable set, forwards Ctrl-C/SIGTERM and exits with
 * the child's code. A process already started with it runs the demo directly.
 */
export async function launchDemo(
  options: DemoOptions,
  args: string[],
  dataDir: string,
  io: DemoIo,
): Promise<number> {
  const dir = resolve(io.cwd, dataDir);
  await ensureDemoCa(dir);
  const { pemFile } = demoCaPaths(dir);
  if (io.env.NODE_EXTRA_CA_CERTS === pemFile) return runDemo(options, io);
  return relaunch({
    argv: [...process.execArgv, CLI_SCRIPT, 'demo', ...args],
    env: { ...io.env, NODE_EXTRA_CA_CERTS: pemFile, DRIFTWATCH_DATA_DIR: dir },
    stopSignal: io.stopSignal,
  });
}
