import { loadConfig } from '../config';
import { parseCommandArgs, type CliIo } from '../cli';
import { run as serve } from './serve';

/** `npm start`: production when configured; the embedded demo arrives with the demo issue. */
export async function run(args: string[], io: CliIo): Promise<number> {
  parseCommandArgs(args, {}, 'driftwatch start');
  loadConfig(io.env);
  return serve([], io);
}
