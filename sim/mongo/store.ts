import type { Document } from 'mongodb';
import { sameBytes, valueKey, withIdFirst } from './documents';
import { duplicateKey, badValue, invalidNamespace } from './errors';
import { IndexSet, ID_INDEX } from './indexes';

/** One collection: documents by `_id` key, in insertion order (mongod's natural order for a fresh collection). */
export class Collection {
  readonly docs = new Map<string, Document>();
  readonly indexes: IndexSet;
  // Insertion sequence per `_id` key, so documents looked up by `_id` come back in natural order.
  private readonly sequence = new Map<string, number>();
  private inserted = 0;

  constructor(
    readonly db: string,
    readonly name: string,
    private readonly changed: () => void,
  ) {
    this.indexes = new IndexSet(() => this.ns);
  }

  get ns(): string {
    return `${this.db}.${this.name}`;
  }

  /** Stores a new document; throws E11000 for a taken `_id` or unique key. Returns the stored document. */
  insert(raw: Document): Document {
    const doc = withIdFirst(raw);
    if (Array.isArray(doc._id)) throw badValue("can't use an array for _id");
    const id = valueKey(doc._id);
    if (this.docs.has(id)) throw duplicateKey(this.ns, ID_INDEX.name, { _id: 1 }, { _id: doc._id });
    this.indexes.check(doc, id);
    this.docs.set(id, doc);
    this.sequence.set(id, (this.inserted += 1));
    this.indexes.add(doc, id);
    this.changed();
    return doc;
  }

  /** Swaps a stored document for its updated copy (same `_id`) after the unique checks; false when unchanged. */
  replaceIfChanged(previous: Document, next: Document): boolean {
    if (sameBytes(previous, next)) return false;
    const id = valueKey(previous._id);
    this.indexes.check(next, id);
    this.indexes.remove(previous, id);
    this.docs.set(id, next);
    this.indexes.add(next, id);
    this.changed();
    return true;
  }

  /** The stored documents with these `_id` keys, in natural order (as a full scan would list them). */
  byIdKeys(keys: Iterable<string>): Document[] {
    const found: [number, Document][] = [];
    for (const key of keys) {
      const doc = this.docs.get(key);
      if (doc) found.push([this.sequence.get(key) ?? 0, doc]);
    }
    if (found.length > 1) found.sort((a, b) => a[0] - b[0]);
    return found.map(([, doc]) => doc);
  }

  remove(doc: Document): void {
    const id = valueKey(doc._id);
    if (!this.docs.delete(id)) return;
    this.sequence.delete(id);
    this.indexes.remove(doc, id);
    this.changed();
  }
}

/** Every database and collection of one stand-in; `changed` fires after each mutation (persistence hooks in). */
export class Store {
  readonly databases = new Map<string, Map<string, Collection>>();

  constructor(readonly changed: () => void = () => undefined) {}

  collection(db: string, name: string): Collection | undefined {
    return this.databases.get(db)?.get(name);
  }

  /** The collection, created on first write as mongod does. */
  ensureCollection(db: string, name: string): Collection {
    const existing = this.collection(db, name);
    if (existing) return existing;
    if (name === '' || name.includes('$') || name.startsWith('system.')) {
      throw invalidNamespace(`Invalid collection name: ${name}`);
    }
    let collections = this.databases.get(db);
    if (!collections) {
      collections = new Map();
      this.databases.set(db, collections);
    }
    const created = new Collection(db, name, this.changed);
    collections.set(name, created);
    this.changed();
    return created;
  }

  dropCollection(db: string, name: string): Collection | undefined {
    const collections = this.databases.get(db);
    const existing = collections?.get(name);
    if (!collections || !existing) return undefined;
    collections.delete(name);
    if (collections.size === 0) this.databases.delete(db);
    this.changed();
    return existing;
  }

  dropDatabase(db: string): boolean {
    const dropped = this.databases.delete(db);
    if (dropped) this.changed();
    return dropped;
  }
}
