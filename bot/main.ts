import { readFileSync } from 'node:fs';
import type { Db } from 'mongodb';
import { join } from 'node:path';
import type { Config } from './config';
import { describeConfig } from './config';
import { createLogger } from './logging';
import { createHttpServer } from './server';
import type { Logger } from '../core/logger';
import { connectMongo, type MongoConnection } from '../core/storage/mongo/connect';
import { startChecks } from './start-checks';
import { createServiceBot, forwardingNotifier } from './teams/service-bot';

export const VERSION: string = (
  JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { version: string }
).version;

export interface RunningService {
  url: string;
  port: number;
  logger: Logger;
  stop(): Promise<void>;
}

/** The composition root: config → logger → database → HTTP server. Later parts (bot, scheduler) plug in here. */
export async function startService(
  config: Config,
  options: {
    stdout?: NodeJS.WritableStream;
    logger?: Logger;
    host?: string;
    /** Runs on the open database before checks are scheduled (the demo registers its tenants here). */
    prepare?: (db: Db) => Promise<void>;
  } = {},
): Promise<RunningService> {
  const logger = options.logger ?? createLogger(config);
  logger.info({ config: describeConfig(config) }, 'Starting Driftwatch');
  const database = await openDatabase(config, logger);
  // The runner is built before the bot, so its notifier forwards to the bot once it exists.
  const notifier = forwardingNotifier(logger);
  if (options.prepare) {
    await options.prepare(database.connection.db).catch(async (err: unknown) => {
      await database.close();
      throw err;
    });
  }
  // Registers DRIFTWATCH_TENANTS_FILE (an invalid file refuses the start) and schedules the checks.
  const checks = await startChecks({
    config,
    db: database.connection.db,
    logger,
    notifier,
  }).catch(async (err: unknown) => {
    await database.close();
    throw err;
  });
  const http = createHttpServer({ version: VERSION, logger, readiness: () => database.connection.ping() });
  const bot = createServiceBot({
    config,
    db: database.connection.db,
    logger,
    tenants: checks.tenants,
    checks: checks.runner,
    capturer: checks.capturer,
  });
  notifier.attach(bot.notifier);
  bot.mount(http.server);
  const { port, url } = await http.listen(config.port, options.host).catch(async (err: unknown) => {
    await checks.stop();
    await database.close();
    throw err;
  });
  logger.info({ port, url }, 'Listening');
  options.stdout?.write(`Driftwatch ${VERSION} listening on ${url} (health: ${url}/healthz)\n`);
  return {
    url,
    port,
    logger,
    async stop() {
      await http.close();
      await bot.idle();
      // Checks finish recording before the database closes: no half-recorded run.
      await checks.stop();
      await database.close();
      logger.info({}, 'Stopped');
    },
  };
}

/** MONGODB_URI when set; otherwise the embedded stand-in on a free loopback port, keeping its data in dataDir. */
export async function openDatabase(
  config: Config,
  logger: Logger,
): Promise<{ connection: MongoConnection; close(): Promise<void> }> {
  if (config.mongo.uri) {
    const connection = await connectMongo(config.mongo.uri, config.mongo.db, logger);
    return { connection, close: () => connection.close() };
  }
  // Loaded only here: production (MONGODB_URI set) never loads the stand-in.
  const { startMongoStandIn } = await import('../sim/mongo');
  const dataFile = join(config.dataDir, 'mongo-standin.json');
  const standIn = await startMongoStandIn({
    dataFile,
    logger: logger.child({ component: 'mongo-stand-in' }),
  });
  logger.info({ dataFile }, 'MONGODB_URI is unset: using the embedded MongoDB stand-in');
  const connection = await connectMongo(standIn.uri, config.mongo.db, logger);
  return {
    connection,
    async close() {
      await connection.close();
      await standIn.close();
    },
  };
}
