import { BSON, type Document } from 'mongodb';

const { EJSON } = BSON;

/** A command failure with MongoDB's own code and codeName, so the driver raises what it would against mongod. */
export class CommandError extends Error {
  constructor(
    readonly code: number,
    readonly codeName: string,
    message: string,
    /** Extra reply fields, e.g. keyPattern and keyValue of a duplicate key. */
    readonly extra: Document = {},
  ) {
    super(message);
    this.name = 'CommandError';
  }
}

export const badValue = (msg: string) => new CommandError(2, 'BadValue', msg);
export const failedToParse = (msg: string) => new CommandError(9, 'FailedToParse', msg);
export const typeMismatch = (msg: string) => new CommandError(14, 'TypeMismatch', msg);
export const illegalOperation = (msg: string) => new CommandError(20, 'IllegalOperation', msg);
export const namespaceNotFound = (msg = 'ns not found') => new CommandError(26, 'NamespaceNotFound', msg);
export const indexNotFound = (msg: string) => new CommandError(27, 'IndexNotFound', msg);
export const pathNotViable = (msg: string) => new CommandError(28, 'PathNotViable', msg);
export const conflictingUpdate = (msg: string) => new CommandError(40, 'ConflictingUpdateOperators', msg);
export const cursorNotFound = (msg: string) => new CommandError(43, 'CursorNotFound', msg);
export const namespaceExists = (msg: string) => new CommandError(48, 'NamespaceExists', msg);
export const dollarPrefixedField = (msg: string) => new CommandError(52, 'DollarPrefixedFieldName', msg);
export const commandNotFound = (name: string) =>
  new CommandError(59, 'CommandNotFound', `no such command: '${name}'`);
export const immutableField = (msg: string) => new CommandError(66, 'ImmutableField', msg);
export const invalidOptions = (msg: string) => new CommandError(72, 'InvalidOptions', msg);
export const invalidNamespace = (msg: string) => new CommandError(73, 'InvalidNamespace', msg);
export const indexOptionsConflict = (msg: string) => new CommandError(85, 'IndexOptionsConflict', msg);
export const indexKeySpecsConflict = (msg: string) => new CommandError(86, 'IndexKeySpecsConflict', msg);
export const notSupported = (what: string) =>
  new CommandError(115, 'CommandNotSupported', `${what} is not supported by the Driftwatch MongoDB stand-in`);

/** E11000, worded as mongod words it, with the keyPattern and keyValue the driver exposes. */
export function duplicateKey(ns: string, indexName: string, keyPattern: Document, keyValue: Document) {
  const shown = Object.entries(keyValue)
    .map(([k, v]) => `${k}: ${EJSON.stringify(v, { relaxed: true })}`)
    .join(', ');
  return new CommandError(
    11000,
    'DuplicateKey',
    `E11000 duplicate key error collection: ${ns} index: ${indexName} dup key: { ${shown} }`,
    { keyPattern, keyValue },
  );
}

/** The `{ok: 0, …}` reply for any thrown error; unexpected ones become InternalError (code 1). */
export function errorReply(err: unknown): Document {
  if (err instanceof CommandError) {
    return { ok: 0, errmsg: err.message, code: err.code, codeName: err.codeName, ...err.extra };
  }
  const message = err instanceof Error ? err.message : String(err);
  return { ok: 0, errmsg: message, code: 1, codeName: 'InternalError' };
}

/** The writeErrors entry for a failed document of a batch write. */
export function writeError(index: number, err: unknown): Document {
  const reply = errorReply(err);
  return { index, code: reply.code, errmsg: reply.errmsg, ...(err instanceof CommandError ? err.extra : {}) };
}
