import { readFileSync } from 'node:fs';
import type { Config } from './config';
import { describeConfig } from './config';
import { createLogger } from './logging';
import { createHttpServer } from './server';
import type { Logger } from '../core/logger';

export const VERSION: string = (
  JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { version: string }
).version;

export interface RunningService {
  url: string;
  port: number;
  logger: Logger;
  stop(): Promise<void>;
}

/** The composition root: config → logger → HTTP server. Later parts (database, bot, scheduler) plug in here. */
export async function startService(
  config: Config,
  options: { stdout?: NodeJS.WritableStream; logger?: Logger; host?: string } = {},
): Promise<RunningService> {
  const logger = options.logger ?? createLogger(config);
  logger.info({ config: describeConfig(config) }, 'Starting Driftwatch');
  const http = createHttpServer({
    version: VERSION,
    logger,
    readiness: async () => ({ ok: false, reason: 'no database connection configured yet' }),
  });
  const { port, url } = await http.listen(config.port, options.host);
  logger.info({ port, url }, 'Listening');
  options.stdout?.write(`Driftwatch ${VERSION} listening on ${url} (health: ${url}/healthz)\n`);
  return {
    url,
    port,
    logger,
    async stop() {
      await http.close();
      logger.info({}, 'Stopped');
    },
  };
}
