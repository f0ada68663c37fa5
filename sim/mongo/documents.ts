import { BSON, ObjectId, type Document } from 'mongodb';

const { EJSON } = BSON;

/** A stable string for a value under MongoDB equality: used for `_id` lookup and unique index keys. */
export function valueKey(value: unknown): string {
  if (value === undefined || value === null) return 'null';
  if (typeof value === 'string') return `s:${value}`;
  if (typeof value === 'number') return `n:${value}`;
  if (value instanceof ObjectId) return `o:${value.toHexString()}`;
  return `e:${EJSON.stringify(value as Document, { relaxed: false })}`;
}

/** Stored documents are never mutated: updates work on a BSON round-trip copy and swap it in. */
export function cloneDoc<T extends Document>(doc: T): T {
  return BSON.deserialize(BSON.serialize(doc)) as T;
}

export function sameBytes(a: Document, b: Document): boolean {
  return Buffer.from(BSON.serialize(a)).equals(Buffer.from(BSON.serialize(b)));
}

export function isPlainObject(value: unknown): value is Document {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return false;
  const proto = Object.getPrototypeOf(value) as unknown;
  return proto === Object.prototype || proto === null;
}

/** The value at a dotted path (no array traversal: unique keys on arrays are a documented gap). */
export function getPath(doc: Document, path: string): unknown {
  let current: unknown = doc;
  for (const part of path.split('.')) {
    if (current === null || typeof current !== 'object') return undefined;
    current = (current as Document)[part];
  }
  return current;
}

/** Sets a dotted path, creating objects on the way (used to seed upserts from the query). */
export function setPath(doc: Document, path: string, value: unknown): void {
  const parts = path.split('.');
  let current: Document = doc;
  for (const part of parts.slice(0, -1)) {
    const next = current[part] as unknown;
    if (!isPlainObject(next)) current[part] = {};
    current = current[part] as Document;
  }
  current[parts[parts.length - 1]!] = value;
}

/** mongod stores `_id` first and generates one when the client did not. */
export function withIdFirst(doc: Document): Document {
  const { _id, ...rest } = doc;
  return { _id: _id === undefined ? new ObjectId() : (_id as unknown), ...rest };
}
