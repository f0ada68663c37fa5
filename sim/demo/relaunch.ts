import { spawn } from 'node:child_process';

export interface RelaunchOptions {
  /** node's own flags and the script, e.g. [...process.execArgv, 'bin/driftwatch.js', 'demo']. */
  argv: string[];
  env: Readonly<Record<string, string | undefined>>;
  /** Resolves when this process is asked to stop; the signal is forwarded to the child. */
  stopSignal: Promise<string>;
}

/**
 * Runs the same command again as a child with a different environment (NODE_EXTRA_CA_CERTS is read
 * only at process start). The child has its own process group so a terminal's Ctrl-C reaches it once,
 * forwarded from here; resolves with its exit code (128 + signal number when a signal ended it).
 */
export function relaunch(opts: RelaunchOptions): Promise<number> {
  const child = spawn(process.execPath, opts.argv, {
    env: opts.env,
    stdio: 'inherit',
    detached: true,
  });
  const killOnExit = () => child.kill('SIGKILL');
  process.once('exit', killOnExit);
  void opts.stopSignal.then((signal) => {
    if (child.exitCode === null && child.signalCode === null)
      child.kill(signal === 'SIGINT' ? 'SIGINT' : 'SIGTERM');
  });
  return new Promise((resolve, reject) => {
    child.once('error', (err) => {
      process.off('exit', killOnExit);
      reject(err);
    });
    child.once('exit', (code, signal) => {
      process.off('exit', killOnExit);
      resolve(code ?? (signal === 'SIGINT' ? 130 : signal === 'SIGKILL' ? 137 : 143));
    });
  });
}
