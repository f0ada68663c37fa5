import { Writable } from 'node:stream';
import type { CliIo } from '../../bot/cli';

/** A writable that keeps what was written, for asserting CLI and log output. */
export function captureStream(): Writable & { text(): string; isTTY?: boolean } {
  const chunks: string[] = [];
  const stream = new Writable({
    write(chunk, _enc, cb) {
      chunks.push(String(chunk));
      cb();
    },
  }) as Writable & { text(): string };
  stream.text = () => chunks.join('');
  return stream;
}

/** CliIo for running a command in-process; `stop()` plays the part of SIGTERM. */
export function testIo(env: Record<string, string | undefined> = {}, cwd = process.cwd()) {
  let stop: (signal: string) => void = () => undefined;
  const stdout = captureStream();
  const stderr = captureStream();
  const io: CliIo = {
    stdout,
    stderr,
    env,
    cwd,
    stopSignal: new Promise<string>((resolve) => (stop = resolve)),
  };
  return { io, stdout, stderr, stop: (signal = 'SIGTERM') => stop(signal) };
}
