import pino from 'pino';
import type { Logger } from '../core/logger';
import type { Config } from './config';

/** Keys whose values are never written to logs, wherever they appear. */
const REDACT = [
  'password',
  'secret',
  'clientSecret',
  'client_secret',
  'token',
  'access_token',
  'authorization',
  'headers.authorization',
  'req.headers.authorization',
  '*.password',
  '*.secret',
  '*.clientSecret',
  '*.client_secret',
  '*.token',
  '*.access_token',
  '*.authorization',
];

/** pino behind the core Logger port: JSON by default, pretty with LOG_FORMAT=pretty. */
export function createLogger(
  config: Pick<Config, 'log'>,
  destination?: NodeJS.WritableStream,
): Logger & { flush?: () => void } {
  const options: pino.LoggerOptions = {
    level: config.log.level,
    base: { service: 'driftwatch' },
    redact: { paths: REDACT, censor: '[redacted]' },
    timestamp: pino.stdTimeFunctions.isoTime,
  };
  if (config.log.format === 'pretty' && !destination) {
    return pino({
      ...options,
      transport: {
        target: 'pino-pretty',
        options: { colorize: true, translateTime: 'SYS:HH:MM:ss', ignore: 'pid,hostname,service' },
      },
    }) as unknown as Logger;
  }
  return (destination
    ? pino(options, destination as pino.DestinationStream)
    : pino(options)) as unknown as Logger;
}
