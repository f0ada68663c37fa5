import { loadConfig } from '../config';
import { parseCommandArgs, UsageError, type CliIo } from '../cli';
import { validateCron } from '../../core/scheduling/cron';
import {
  DEFAULT_CHANGE_EVERY_SECONDS,
  DEFAULT_DEMO_SCHEDULE,
  DEFAULT_PLAYGROUND_PORT,
} from '../../sim/demo/demo-defaults';

const USAGE = 'driftwatch demo [--schedule <cron>] [--change-every <seconds>] [--playground-port <port>]';

/** Parsed `driftwatch demo` options, with the demo's defaults. */
export function parseDemoArgs(args: string[]): {
  schedule: string;
  changeEveryMs: number;
  playgroundPort: number;
} {
  const { values } = parseCommandArgs(
    args,
    {
      schedule: { type: 'string', default: DEFAULT_DEMO_SCHEDULE },
      'change-every': { type: 'string', default: String(DEFAULT_CHANGE_EVERY_SECONDS) },
      'playground-port': { type: 'string', default: String(DEFAULT_PLAYGROUND_PORT) },
    },
    USAGE,
  );
  if (!validateCron(values.schedule))
    throw new UsageError(`--schedule "${values.schedule}" is not a cron expression`, USAGE);
  const seconds = Number(values['change-every']);
  if (!Number.isFinite(seconds) || seconds < 0)
    throw new UsageError('--change-every is a number of seconds (0: no changes)', USAGE);
  const port = Number(values['playground-port']);
  if (!Number.isInteger(port) || port < 0 || port > 65535)
    throw new UsageError('--playground-port is a port number from 0 to 65535', USAGE);
  return { schedule: values.schedule, changeEveryMs: Math.round(seconds * 1000), playgroundPort: port };
}

/**
 * `driftwatch demo`: everything on this machine, nothing configured. The MongoDB stand-in (data in
 * DRIFTWATCH_DATA_DIR), the Graph simulator with three demo tenants, the bot on PORT, the Microsoft
 * 365 Agents Playground pointed at it, and a driver that keeps changing the tenants.
 */
export async function run(args: string[], io: CliIo): Promise<number> {
  const options = parseDemoArgs(args);
  const config = loadConfig(io.env);
  // Loaded only here: serve never loads the simulators.
  const { launchDemo } = await import('../../sim/demo/launch-demo');
  return launchDemo(options, args, config.dataDir, io);
}
