import { createWriteStream } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { createServer } from 'node:net';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadConfig } from '../../bot/config';
import { createLogger } from '../../bot/logging';
import { startService } from '../../bot/main';
import { systemClock } from '../../core/clock';
import { DEFAULT_APP, startGraphSimulator } from '../graph/server';
import { startMongoStandIn } from '../mongo';
import { PLAYGROUND_TEAMS } from '../playground/playground-config';
import { startPlayground } from '../playground/launch-playground';
import { demoCaPaths, readDemoCa } from './demo-ca';
import { DEFAULT_DEMO_SCHEDULE } from './demo-defaults';
import { DEMO_TENANTS } from './demo-tenants';
import { createDriftDriver } from './drift-driver';
import { seedDemo } from './seed-demo';

export interface DemoOptions {
  /** Cron (seconds allowed) for every demo tenant's checks. */
  schedule: string;
  /** How often the simulator changes a tenant. */
  changeEveryMs: number;
  /** Preferred Playground port (it takes another when busy). */
  playgroundPort: number;
}

export interface DemoIo {
  stdout: NodeJS.WritableStream;
  env: Readonly<Record<string, string | undefined>>;
  cwd: string;
  stopSignal: Promise<string>;
}

/** The demo's tenant exports and golden baseline, shipped in the repository. */
export const DEMO_DATA_DIR = fileURLToPath(new URL('./data/', import.meta.url));

/**
 * The working process of `driftwatch demo` (launched with NODE_EXTRA_CA_CERTS naming the demo CA):
 * Graph simulator → Agents Playground → Driftwatch (stand-in database, demo tenants seeded before
 * checks start) → the drift driver. Runs until stopped, then stops everything in reverse.
 */
export async function runDemo(options: DemoOptions, io: DemoIo): Promise<number> {
  const base = loadConfig(io.env);
  const dataDir = resolve(io.cwd, base.dataDir);
  await mkdir(dataDir, { recursive: true });
  const ca = await readDemoCa(dataDir);
  if (!ca) throw new Error(`the demo CA is missing in ${dataDir}: run "driftwatch demo", not its child`);
  const logFile = join(dataDir, 'driftwatch.log');
  const logger = createLogger(base, createWriteStream(logFile, { flags: 'a' }));
  const closers: (() => Promise<void>)[] = [];
  const closeAll = async () => {
    for (const close of closers.reverse()) {
      await close().catch((err: unknown) => logger.error({ err }, 'Demo part did not stop cleanly'));
    }
  };
  try {
    const sim = await startGraphSimulator({
      tenantsDir: join(DEMO_DATA_DIR, 'tenants'),
      ca,
      caFile: demoCaPaths(dataDir).pemFile,
    });
    closers.push(() => sim.close());
    // The demo runs the stand-in itself (rather than leaving MONGODB_URI unset) so it can say where it is.
    let mongoUri = io.env.MONGODB_URI;
    if (!mongoUri) {
      const standIn = await startMongoStandIn({
        dataFile: join(dataDir, 'mongo-standin.json'),
        logger: logger.child({ component: 'mongo-stand-in' }),
      });
      closers.push(() => standIn.close());
      mongoUri = standIn.uri;
    }
    const botPort = base.port === 0 ? await freePort() : base.port;
    const playgroundDir = join(dataDir, 'playground');
    await mkdir(playgroundDir, { recursive: true });
    const playground = await startPlayground({
      botEndpoint: `http://127.0.0.1:${botPort}/api/messages`,
      port: options.playgroundPort,
      dir: playgroundDir,
      env: io.env,
      logger: logger.child({ component: 'playground' }),
    });
    closers.push(() => playground.stop());
    const admins = [io.env.DRIFTWATCH_ADMINS, PLAYGROUND_TEAMS.user.aadObjectId].filter(Boolean).join(',');
    const config = loadConfig({
      ...io.env,
      PORT: String(botPort),
      MONGODB_URI: mongoUri,
      DRIFTWATCH_DATA_DIR: dataDir,
      GRAPH_BASE_URL: sim.baseUrl,
      GRAPH_AUTHORITY_HOST: sim.authorityHost,
      GRAPH_CLIENT_ID: DEFAULT_APP.clientId,
      GRAPH_CLIENT_SECRET: DEFAULT_APP.clientSecret,
      DRIFTWATCH_SCHEDULE: options.schedule,
      DRIFTWATCH_ADMINS: admins,
    });
    let seeded: Awaited<ReturnType<typeof seedDemo>> | undefined;
    const service = await startService(config, {
      logger,
      prepare: async (db) => {
        seeded = await seedDemo(db, {
          goldenDir: join(DEMO_DATA_DIR, 'golden'),
          serviceUrl: playground.serviceUrl,
          clock: systemClock,
        });
        logger.info({ ...seeded }, 'Demo tenants ready');
      },
    });
    closers.push(() => service.stop());
    const driver = createDriftDriver(sim.control, logger.child({ component: 'drift-driver' }));
    if (options.changeEveryMs > 0) {
      driver.start(options.changeEveryMs, (step) =>
        io.stdout.write(`${time()}  ${step.tenant}: ${step.description} (the next check will notice)\n`),
      );
      closers.push(async () => driver.stop());
    }
    io.stdout.write(
      banner({
        playgroundUrl: playground.url,
        botUrl: `${service.url}/api/messages`,
        graphUrl: sim.baseUrl,
        mongoUri: `${mongoUri.replace(/\/+$/, '')}/${config.mongo.db}`,
        dataDir: base.dataDir,
        logFile,
        changeEveryMs: options.changeEveryMs,
        schedule: options.schedule,
        freshBaselines: seeded?.goldenBaselines ?? [],
        boundTo: seeded?.boundTo ?? 'contoso',
      }),
    );
    const signal = await io.stopSignal;
    io.stdout.write(`\n${signal}: stopping the demo…\n`);
    logger.info({ signal }, 'Stopping the demo');
  } finally {
    await closeAll();
  }
  io.stdout.write('Demo stopped. Its data stays in the data folder for next time.\n');
  return 0;
}

function banner(b: {
  playgroundUrl: string;
  botUrl: string;
  graphUrl: string;
  mongoUri: string;
  dataDir: string;
  logFile: string;
  changeEveryMs: number;
  schedule: string;
  freshBaselines: string[];
  boundTo: string;
}): string {
  const minutes = b.changeEveryMs / 60_000;
  const every = Number.isInteger(minutes)
    ? `${minutes} minute${minutes === 1 ? '' : 's'}`
    : `${Math.round(b.changeEveryMs / 1000)} seconds`;
  const names = DEMO_TENANTS.map((t) => t.name).join(', ');
  return [
    '',
    'Driftwatch demo is running: three simulated customer tenants, checked on a schedule.',
    '',
    `  Open the Microsoft 365 Agents Playground:   ${b.playgroundUrl}`,
    '',
    '  1. In the chat with Driftwatch, type:        status contoso',
    `  2. Open the team "${PLAYGROUND_TEAMS.team.name}", channel General: ${b.boundTo}'s drift summary is posted`,
    '     there by the scheduled checks (the first within seconds, then whenever something changes).',
    '  3. Click Acknowledge on a finding: the card changes for everyone and the decision is recorded.',
    '     "help" lists every command; you are an admin here, so every button works.',
    '',
    `  Tenants: ${names}. contoso and fabrikam share a golden baseline; northwind captures its own.`,
    b.changeEveryMs > 0
      ? `  Every ${every} the Graph simulator changes something in one tenant, so new cards keep arriving.`
      : '  The Graph simulator changes nothing on its own (--change-every 0).',
    `  Checks run on "${b.schedule}"${b.schedule === DEFAULT_DEMO_SCHEDULE ? ' (every minute)' : ''}.${b.freshBaselines.length ? ` Golden baseline given to ${b.freshBaselines.join(' and ')}.` : ''}`,
    '',
    `  Bot endpoint ${b.botUrl} · Graph simulator ${b.graphUrl}`,
    `  Database ${b.mongoUri}`,
    `  Data is kept in ${b.dataDir} between runs (delete it to start over) · log: ${b.logFile}`,
    '  Ctrl-C stops everything.',
    '',
    '',
  ].join('\n');
}

function time(): string {
  return new Date().toISOString().slice(11, 19);
}

/** A free loopback port, for a bot whose PORT is 0 (the Playground must know the endpoint first). */
function freePort(): Promise<number> {
  return new Promise((resolvePort, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolvePort(port));
    });
  });
}
