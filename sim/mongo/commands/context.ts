import type { Document } from 'mongodb';
import type { Clock } from '../../../core/clock';
import type { CursorRegistry } from '../cursors';
import { failedToParse, invalidNamespace } from '../errors';
import type { Store } from '../store';

export interface CommandContext {
  store: Store;
  cursors: CursorRegistry;
  clock: Clock;
  /** The `$db` of the command. */
  db: string;
  connectionId: number;
}

export type CommandHandler = (body: Document, ctx: CommandContext) => Document;

/** The collection a command names in its first field (`{find: "users", …}`). */
export function collectionArg(body: Document, command: string): string {
  const name = body[command] as unknown;
  if (typeof name !== 'string') {
    throw failedToParse(`collection name has invalid type ${name === null ? 'null' : typeof name}`);
  }
  if (name === '') throw invalidNamespace(`Invalid namespace specified '${name}'`);
  return name;
}

/** A non-negative whole number option, or undefined. */
export function countArg(body: Document, field: string): number | undefined {
  const value = body[field] as unknown;
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'number' || !Number.isInteger(value)) {
    throw failedToParse(`BSON field '${field}' is the wrong type, expected a whole number`);
  }
  return value;
}

export function docArray(body: Document, field: string): Document[] {
  const value = body[field] as unknown;
  if (!Array.isArray(value)) throw failedToParse(`BSON field '${field}' is missing or not an array`);
  return value as Document[];
}
