import { loadConfig } from '../config';
import { parseCommandArgs, EXIT, type CliIo } from '../cli';
import { startService } from '../main';

/** `driftwatch serve`: the production process. Runs until SIGINT/SIGTERM, then shuts down gracefully. */
export async function run(args: string[], io: CliIo): Promise<number> {
  parseCommandArgs(args, {}, 'driftwatch serve');
  const config = loadConfig(io.env);
  const service = await startService(config, { stdout: io.stdout });
  const signal = await io.stopSignal;
  service.logger.info({ signal }, 'Shutting down');
  await service.stop();
  return EXIT.ok;
}
