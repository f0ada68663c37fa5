import type { Document } from 'mongodb';
import { commandNotFound, errorReply, illegalOperation } from '../errors';
import { adminCommands } from './admin';
import type { CommandContext } from './context';
import { ddlCommands } from './ddl';
import { readCommands } from './read';
import { writeCommands } from './write';

export type { CommandContext } from './context';
export { helloReply } from './admin';

const COMMANDS = { ...adminCommands, ...readCommands, ...writeCommands, ...ddlCommands };

/** Runs one command and always returns a reply document (errors become `{ok: 0, code, codeName}`). */
export function runCommand(body: Document, ctx: CommandContext): Document {
  const name = Object.keys(body)[0] ?? '';
  try {
    // A standalone mongod refuses transactions this way; the driver then explains that a replica set is needed.
    if (
      body.txnNumber !== undefined ||
      body.startTransaction !== undefined ||
      body.autocommit !== undefined
    ) {
      throw illegalOperation('Transaction numbers are only allowed on a replica set member or mongos');
    }
    const handler = COMMANDS[name.toLowerCase() as keyof typeof COMMANDS];
    if (!handler) throw commandNotFound(name);
    return handler(body, ctx);
  } catch (err) {
    return errorReply(err);
  }
}
