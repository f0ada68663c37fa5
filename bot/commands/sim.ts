import { loadConfig } from '../config';
import { EXIT, UsageError, parseCommandArgs, type CliIo } from '../cli';
import { createLogger } from '../logging';

function portOf(value: string | undefined, fallback: number, usage: string): number {
  if (value === undefined) return fallback;
  if (!/^\d+$/.test(value) || Number(value) > 65535) {
    throw new UsageError(`--port expects a number from 0 to 65535, got "${value}"`, usage);
  }
  return Number(value);
}

async function mongo(args: string[], io: CliIo): Promise<number> {
  const usage = 'driftwatch sim mongo [--port N] [--data FILE]';
  const { values } = parseCommandArgs(args, { port: { type: 'string' }, data: { type: 'string' } }, usage);
  const port = portOf(values.port, 27017, usage);
  // Logs go to stderr so stdout starts with the URI, ready for `$(…)` in scripts.
  const logger = createLogger(loadConfig(io.env), io.stderr);
  const { runMongoStandInCommand } = await import('../../sim/mongo/command');
  await runMongoStandInCommand({ port, dataFile: values.data }, io, logger);
  return EXIT.ok;
}

async function graph(args: string[], io: CliIo): Promise<number> {
  const usage = 'driftwatch sim graph [--port N] --tenants <dir> [--ca-file FILE]';
  const { values } = parseCommandArgs(
    args,
    { port: { type: 'string' }, tenants: { type: 'string' }, 'ca-file': { type: 'string' } },
    usage,
  );
  if (!values.tenants) throw new UsageError('--tenants is required: a folder of <tenantId>/ exports', usage);
  const port = portOf(values.port, 8443, usage);
  const { runGraphSimulatorCommand } = await import('../../sim/graph/command');
  await runGraphSimulatorCommand({ port, tenantsDir: values.tenants, caFile: values['ca-file'] }, io);
  return EXIT.ok;
}

/** One line per stand-in: `driftwatch sim <name> …` runs it until SIGINT/SIGTERM. */
const SIMULATORS: Record<string, (args: string[], io: CliIo) => Promise<number>> = {
  mongo,
  graph,
};

/** `driftwatch sim <stand-in>`: runs one local stand-in of a cloud service on its own. */
export async function run(args: string[], io: CliIo): Promise<number> {
  const [name, ...rest] = args;
  const simulator = name === undefined ? undefined : SIMULATORS[name];
  const usage = `driftwatch sim <${Object.keys(SIMULATORS).join('|')}> [options]`;
  if (!simulator) {
    const known = Object.keys(SIMULATORS).join(', ');
    throw new UsageError(
      name === undefined ? `Name a stand-in: ${known}` : `Unknown stand-in "${name}" (known: ${known})`,
      usage,
    );
  }
  return simulator(rest, io);
}
