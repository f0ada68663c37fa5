import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { BSON, type Document } from 'mongodb';
import type { Logger } from '../../core/logger';
import { ID_INDEX, type IndexSpec } from './indexes';
import type { Store } from './store';

interface Snapshot {
  format: 'driftwatch-mongo-stand-in/1';
  databases: Record<string, Record<string, { indexes: IndexSpec[]; documents: Document[] }>>;
}

/** Loads a data file written by `persistTo` into an empty store; a missing file means a fresh start. */
export async function loadSnapshot(file: string, store: Store): Promise<number> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return 0;
    throw err;
  }
  let snapshot: Snapshot;
  try {
    snapshot = BSON.EJSON.parse(text, { relaxed: false }) as Snapshot;
  } catch (err) {
    // Refuse rather than start empty: starting would overwrite the file on the first write.
    throw new Error(
      `MongoDB stand-in data file ${file} is not valid Extended JSON: ${(err as Error).message}`,
      { cause: err },
    );
  }
  if (snapshot.format !== 'driftwatch-mongo-stand-in/1') {
    throw new Error(`MongoDB stand-in data file ${file} has an unknown format`);
  }
  let count = 0;
  for (const [db, collections] of Object.entries(snapshot.databases)) {
    for (const [name, { indexes, documents }] of Object.entries(collections)) {
      const collection = store.ensureCollection(db, name);
      for (const doc of documents) collection.insert(doc);
      for (const spec of indexes) collection.indexes.create(plainSpec(spec), collection.docs.entries());
      count += documents.length;
    }
  }
  return count;
}

function snapshotOf(store: Store): Snapshot {
  const databases: Snapshot['databases'] = {};
  for (const [db, collections] of store.databases) {
    databases[db] = {};
    for (const [name, collection] of collections) {
      databases[db][name] = {
        indexes: collection.indexes.list().filter((s) => s.name !== ID_INDEX.name),
        documents: [...collection.docs.values()],
      };
    }
  }
  return { format: 'driftwatch-mongo-stand-in/1', databases };
}

export interface Persister {
  /** Called after every change: saves at most once per `debounceMs`. */
  schedule(): void;
  /** Writes pending changes now (at close). */
  flush(): Promise<void>;
}

/**
 * Keeps `file` in step with the store. Each save writes a temporary file and renames it over the old one,
 * so a crash mid-write leaves the previous complete file.
 */
export function persistTo(file: string, store: Store, logger: Logger, debounceMs = 100): Persister {
  let timer: NodeJS.Timeout | undefined;
  let dirty = false;
  let writing: Promise<void> = Promise.resolve();
  const tmp = `${file}.${process.pid}.tmp`;

  const save = async () => {
    if (!dirty) return;
    dirty = false;
    const text = BSON.EJSON.stringify(snapshotOf(store), { relaxed: false });
    try {
      await mkdir(dirname(file), { recursive: true });
      await writeFile(tmp, text);
      await rename(tmp, file);
    } catch (err) {
      dirty = true;
      logger.error({ err, file }, 'MongoDB stand-in could not save its data file');
    }
  };
  const run = () => {
    timer = undefined;
    writing = writing.then(save);
  };

  return {
    schedule() {
      dirty = true;
      if (!timer) timer = setTimeout(run, debounceMs);
    },
    async flush() {
      if (timer) clearTimeout(timer);
      timer = undefined;
      writing = writing.then(save);
      await writing;
    },
  };
}

/**
 * Index specs come back from canonical EJSON with Int32 wrappers; createIndexes compares options as
 * plain numbers, so a reloaded TTL index would otherwise differ from the same index requested again.
 */
function plainSpec(spec: IndexSpec): IndexSpec {
  return BSON.EJSON.parse(BSON.EJSON.stringify(spec, { relaxed: true }), { relaxed: true }) as IndexSpec;
}
