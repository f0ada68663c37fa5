import { loadConfig, type Config } from '../config';
import { parseCommandArgs, type CliIo } from '../cli';

export type StartMode = 'demo' | 'serve';

/** Nothing points at a real service (no MONGODB_URI, BOT_ID or GRAPH_CLIENT_ID): the demo. */
export function startMode(config: Pick<Config, 'unconfigured'>): StartMode {
  return config.unconfigured ? 'demo' : 'serve';
}

type Runner = (args: string[], io: CliIo) => Promise<number>;

const RUNNERS: Record<StartMode, () => Promise<Runner>> = {
  demo: async () => (await import('./demo')).run,
  serve: async () => (await import('./serve')).run,
};

/**
 * `npm start`: the demo when nothing is configured, else production (`serve`), which starts no
 * stand-in it was not asked for (only the embedded database when MONGODB_URI is unset).
 */
export async function run(args: string[], io: CliIo, runners = RUNNERS): Promise<number> {
  parseCommandArgs(args, {}, 'driftwatch start');
  const mode = startMode(loadConfig(io.env));
  const runner = await runners[mode]();
  return runner([], io);
}
