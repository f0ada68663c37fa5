import { parseArgs, type ParseArgsConfig } from 'node:util';

/** What a command may touch: injected so tests run commands in-process. */
export interface CliIo {
  stdout: NodeJS.WritableStream & { isTTY?: boolean };
  stderr: NodeJS.WritableStream;
  env: Readonly<Record<string, string | undefined>>;
  cwd: string;
  /** Resolves when the process is asked to stop (SIGINT/SIGTERM); long-running commands await it. */
  stopSignal: Promise<string>;
}

export interface CommandModule {
  run(args: string[], io: CliIo): Promise<number>;
}

interface CommandEntry {
  summary: string;
  usage: string;
  load: () => Promise<CommandModule>;
}

/** Exit codes shared by every command (README "Command line"). */
export const EXIT = { ok: 0, drift: 1, usage: 2, incomplete: 3, failure: 4 } as const;

/** The command table: one line per command, in the order `--help` lists them. */
const COMMANDS: Record<string, CommandEntry> = {
  start: {
    summary: 'run the product: the demo when nothing is configured, else serve (what `npm start` runs)',
    usage: 'driftwatch start',
    load: () => import('./commands/start'),
  },
  serve: {
    summary: 'run the bot, health endpoints and scheduled checks (production)',
    usage: 'driftwatch serve',
    load: () => import('./commands/serve'),
  },
  demo: {
    summary:
      'run everything locally: database and Graph stand-ins, three demo tenants, the bot and the Agents Playground',
    usage: 'driftwatch demo [--schedule <cron>] [--change-every <seconds>] [--playground-port <port>]',
    load: () => import('./commands/demo'),
  },
  scan: {
    summary: 'read one tenant through Microsoft Graph into an export folder (objects + scan.json)',
    usage: 'driftwatch scan --tenant <tenantId> --out <dir> [--types a,b]',
    load: () => import('./commands/scan'),
  },
  diff: {
    summary: 'compare two export folders: drift as text or JSON (exit 0 none, 1 drift, 2 bad input)',
    usage: 'driftwatch diff <baselineDir> <currentDir> [--format text|json] [--types a,b] [--rules <file>]',
    load: () => import('./commands/diff'),
  },
  check: {
    summary:
      "check one tenant now with the scheduler's runner and lease (exit 0 none, 1 drift, 3 incomplete)",
    usage: 'driftwatch check --tenant <id|name|alias> [--format text|json]',
    load: () => import('./commands/check'),
  },
  tenants: {
    summary: 'list, add, update, remove tenants, or apply a tenants file (JSON or YAML)',
    usage: 'driftwatch tenants list|add|update|remove|apply …',
    load: () => import('./commands/tenants'),
  },
  baseline: {
    summary: 'capture a baseline (from the tenant, a golden tenant or an export folder) or show one',
    usage: 'driftwatch baseline capture|show --tenant <id|name> …',
    load: () => import('./commands/baseline'),
  },
  findings: {
    summary: 'list findings by tenant, severity and state, as text or JSON',
    usage:
      'driftwatch findings [--tenant <id|name>] [--severity <s>] [--state <a,b>|all] [--format text|json]',
    load: () => import('./commands/findings'),
  },
  sim: {
    summary:
      'run a local stand-in of a cloud service on its own (mongo), printing how to point Driftwatch at it',
    usage: 'driftwatch sim mongo [--port N] [--data FILE]',
    load: () => import('./commands/sim'),
  },
};

/** The command names, for tests and shell completion. */
export function commandNames(): string[] {
  return Object.keys(COMMANDS);
}

export class UsageError extends Error {
  constructor(
    message: string,
    readonly usage?: string,
  ) {
    super(message);
    this.name = 'UsageError';
  }
}

/** parseArgs in strict mode, turning its errors into UsageError with the command's usage. */
export function parseCommandArgs<T extends NonNullable<ParseArgsConfig['options']>>(
  args: string[],
  options: T,
  usage: string,
  allowPositionals = false,
) {
  try {
    return parseArgs({ args, options, strict: true, allowPositionals });
  } catch (err) {
    throw new UsageError(err instanceof Error ? err.message : String(err), usage);
  }
}

export function usageText(): string {
  const width = Math.max(...Object.keys(COMMANDS).map((n) => n.length));
  return [
    'Usage: driftwatch <command> [options]',
    '',
    'Commands:',
    ...Object.entries(COMMANDS).map(([name, c]) => `  ${name.padEnd(width)}  ${c.summary}`),
    '',
    'Run `driftwatch <command> --help` for the options of one command.',
    'Exit codes: 0 ok (no drift), 1 drift found, 2 bad input, 3 incomplete read, 4 failure.',
  ].join('\n');
}

function defaultIo(): CliIo {
  return {
    stdout: process.stdout,
    stderr: process.stderr,
    // eslint-disable-next-line no-restricted-properties -- the entry point hands the environment to loadConfig
    env: process.env,
    cwd: process.cwd(),
    stopSignal: new Promise((resolve) => {
      process.once('SIGINT', () => resolve('SIGINT'));
      process.once('SIGTERM', () => resolve('SIGTERM'));
    }),
  };
}

/** Entry point of `driftwatch`: returns the exit code. */
export async function main(argv: string[], io: CliIo = defaultIo()): Promise<number> {
  const [name, ...rest] = argv;
  if (name === undefined || name === '--help' || name === '-h' || name === 'help') {
    const out = name === undefined ? io.stderr : io.stdout;
    out.write(usageText() + '\n');
    return name === undefined ? EXIT.usage : EXIT.ok;
  }
  const entry = COMMANDS[name];
  if (!entry) {
    io.stderr.write(`Unknown command "${name}".\n\n${usageText()}\n`);
    return EXIT.usage;
  }
  if (rest.includes('--help') || rest.includes('-h')) {
    io.stdout.write(`Usage: ${entry.usage}\n\n${entry.summary}\n`);
    return EXIT.ok;
  }
  try {
    const command = await entry.load();
    return await command.run(rest, io);
  } catch (err) {
    if (err instanceof UsageError) {
      io.stderr.write(`${err.message}\n\nUsage: ${err.usage ?? entry.usage}\n`);
      return EXIT.usage;
    }
    if (err instanceof Error && err.name === 'ConfigError') {
      io.stderr.write(`${err.message}\n`);
      return EXIT.usage;
    }
    io.stderr.write(`driftwatch ${name} failed: ${err instanceof Error ? err.message : String(err)}\n`);
    return EXIT.failure;
  }
}
