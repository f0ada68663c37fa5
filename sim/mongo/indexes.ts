import { Query } from 'mingo';
import type { Document } from 'mongodb';
import { valueKey, getPath } from './documents';
import {
  badValue,
  duplicateKey,
  indexKeySpecsConflict,
  indexNotFound,
  indexOptionsConflict,
  invalidOptions,
  notSupported,
} from './errors';

export interface IndexSpec {
  v: number;
  key: Document;
  name: string;
  unique?: boolean;
  sparse?: boolean;
  partialFilterExpression?: Document;
  expireAfterSeconds?: number;
}

export const ID_INDEX: IndexSpec = { v: 2, key: { _id: 1 }, name: '_id_' };

// Options that change nothing about which documents are accepted may be kept as given.
const IGNORED_OPTIONS = new Set(['background', 'v', 'ns', 'hidden']);
const ENFORCED_OPTIONS = new Set([
  'key',
  'name',
  'unique',
  'sparse',
  'partialFilterExpression',
  'expireAfterSeconds',
]);

/** Validates a createIndexes entry; refuses index kinds the stand-in cannot honour rather than ignoring them. */
export function toIndexSpec(raw: Document): IndexSpec {
  const key = raw.key as unknown;
  if (!key || typeof key !== 'object' || Object.keys(key).length === 0) {
    throw badValue('Index key pattern must be a non-empty object');
  }
  for (const [field, direction] of Object.entries(key as Document)) {
    if (direction !== 1 && direction !== -1)
      throw notSupported(`index type ${String(direction)} on '${field}'`);
  }
  if (typeof raw.name !== 'string' || raw.name === '')
    throw badValue('Index name must be a non-empty string');
  for (const option of Object.keys(raw)) {
    if (!ENFORCED_OPTIONS.has(option) && !IGNORED_OPTIONS.has(option))
      throw notSupported(`index option '${option}'`);
  }
  const spec: IndexSpec = { v: 2, key: key as Document, name: raw.name };
  if (raw.unique === true) spec.unique = true;
  if (raw.sparse === true) spec.sparse = true;
  if (raw.partialFilterExpression !== undefined)
    spec.partialFilterExpression = raw.partialFilterExpression as Document;
  if (raw.expireAfterSeconds !== undefined) {
    if (typeof raw.expireAfterSeconds !== 'number' || raw.expireAfterSeconds < 0) {
      throw invalidOptions('TTL index expireAfterSeconds must be a non-negative number');
    }
    spec.expireAfterSeconds = raw.expireAfterSeconds;
  }
  return spec;
}

function sameKey(a: Document, b: Document): boolean {
  return JSON.stringify(Object.entries(a)) === JSON.stringify(Object.entries(b));
}

function sameOptions(a: IndexSpec, b: IndexSpec): boolean {
  return (
    Boolean(a.unique) === Boolean(b.unique) &&
    Boolean(a.sparse) === Boolean(b.sparse) &&
    a.expireAfterSeconds === b.expireAfterSeconds &&
    JSON.stringify(a.partialFilterExpression) === JSON.stringify(b.partialFilterExpression)
  );
}

class UniqueIndex {
  readonly entries = new Map<string, string>();
  private readonly filter: Query | undefined;

  constructor(readonly spec: IndexSpec) {
    this.filter = spec.partialFilterExpression ? new Query(spec.partialFilterExpression) : undefined;
  }

  /** The index key of a document, or undefined when the document is not in this index. */
  keyOf(doc: Document): { key: string; value: Document } | undefined {
    if (this.filter && !this.filter.test(doc)) return undefined;
    const value: Document = {};
    let present = false;
    for (const field of Object.keys(this.spec.key)) {
      const v = getPath(doc, field);
      if (v !== undefined) present = true;
      value[field] = v === undefined ? null : v;
    }
    if (this.spec.sparse && !present) return undefined;
    return { key: Object.values(value).map(valueKey).join('\u0000'), value };
  }
}

/** The secondary indexes of one collection; unique ones keep a key → `_id` map to refuse duplicates. */
export class IndexSet {
  private readonly specsByName = new Map<string, IndexSpec>();
  private readonly unique = new Map<string, UniqueIndex>();

  constructor(private readonly ns: () => string) {}

  list(): IndexSpec[] {
    return [ID_INDEX, ...this.specsByName.values()];
  }

  ttl(): IndexSpec[] {
    return [...this.specsByName.values()].filter((s) => s.expireAfterSeconds !== undefined);
  }

  /** Adds an index over the existing documents; false when an identical one already exists. */
  create(spec: IndexSpec, docs: Iterable<[string, Document]>): boolean {
    for (const existing of this.list()) {
      if (existing.name === spec.name) {
        if (!sameKey(existing.key, spec.key)) {
          throw indexKeySpecsConflict(
            `An existing index has the same name as the requested index. Requested index: ${spec.name}`,
          );
        }
        if (!sameOptions(existing, spec)) {
          throw indexOptionsConflict(
            `An equivalent index already exists with the same name but different options. Requested index: ${spec.name}`,
          );
        }
        return false;
      }
      if (sameKey(existing.key, spec.key)) {
        throw indexOptionsConflict(`Index already exists with a different name: ${existing.name}`);
      }
    }
    if (spec.unique) {
      const index = new UniqueIndex(spec);
      for (const [id, doc] of docs) {
        const entry = index.keyOf(doc);
        if (!entry) continue;
        if (index.entries.has(entry.key)) throw duplicateKey(this.ns(), spec.name, spec.key, entry.value);
        index.entries.set(entry.key, id);
      }
      this.unique.set(spec.name, index);
    }
    this.specsByName.set(spec.name, spec);
    return true;
  }

  drop(name: string): void {
    if (name === ID_INDEX.name) throw invalidOptions('cannot drop _id index');
    if (!this.specsByName.delete(name)) throw indexNotFound(`index not found with name [${name}]`);
    this.unique.delete(name);
  }

  dropAll(): void {
    this.specsByName.clear();
    this.unique.clear();
  }

  nameOfKey(key: Document): string {
    const found = [...this.specsByName.values()].find((s) => sameKey(s.key, key));
    if (!found) throw indexNotFound(`can't find index with key: ${JSON.stringify(key)}`);
    return found.name;
  }

  /** Throws E11000 when `doc` (stored under `id`) would collide with another document. */
  check(doc: Document, id: string): void {
    for (const index of this.unique.values()) {
      const entry = index.keyOf(doc);
      if (!entry) continue;
      const owner = index.entries.get(entry.key);
      if (owner !== undefined && owner !== id) {
        throw duplicateKey(this.ns(), index.spec.name, index.spec.key, entry.value);
      }
    }
  }

  add(doc: Document, id: string): void {
    for (const index of this.unique.values()) {
      const entry = index.keyOf(doc);
      if (entry) index.entries.set(entry.key, id);
    }
  }

  remove(doc: Document, id: string): void {
    for (const index of this.unique.values()) {
      const entry = index.keyOf(doc);
      if (entry && index.entries.get(entry.key) === id) index.entries.delete(entry.key);
    }
  }
}
