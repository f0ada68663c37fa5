import { resolve } from 'node:path';
import type { Logger } from '../../core/logger';
import { startMongoStandIn } from './server';

export interface MongoStandInCommandOptions {
  port: number;
  dataFile?: string;
}

interface CommandIo {
  stdout: NodeJS.WritableStream;
  cwd: string;
  stopSignal: Promise<string>;
}

/** `driftwatch sim mongo`: serves the stand-in until SIGINT/SIGTERM, printing its URI first. */
export async function runMongoStandInCommand(
  opts: MongoStandInCommandOptions,
  io: CommandIo,
  logger: Logger,
): Promise<void> {
  const dataFile = opts.dataFile ? resolve(io.cwd, opts.dataFile) : undefined;
  const standIn = await startMongoStandIn({ port: opts.port, dataFile, logger });
  io.stdout.write(
    [
      standIn.uri,
      '',
      `MongoDB stand-in listening on ${standIn.uri}${dataFile ? ` (data: ${dataFile})` : ' (in memory)'}.`,
      `Point Driftwatch at it: export MONGODB_URI=${standIn.uri}`,
      'Ctrl-C stops.',
      '',
    ].join('\n'),
  );
  await io.stopSignal;
  await standIn.close();
}
