import { BSON, Long, type Document } from 'mongodb';
import { cursorNotFound } from './errors';

const DEFAULT_FIRST_BATCH = 101;
// A batch stays under 16 MiB like mongod's, so a reply never nears the 48 MB message limit.
const MAX_BATCH_BYTES = 16 * 1024 * 1024;
const IDLE_TIMEOUT_MS = 10 * 60 * 1000;

interface OpenCursor {
  ns: string;
  docs: Document[];
  position: number;
  usedAt: number;
}

export interface BatchOptions {
  batchSize?: number;
  singleBatch?: boolean;
}

/** Open cursors by id; ids are int64 (`Long`) on the wire, as the driver requires. */
export class CursorRegistry {
  private readonly open = new Map<string, OpenCursor>();
  private nextId = 1n;

  constructor(private readonly now: () => number) {}

  /** The reply to find / aggregate / list*: the first batch, and a cursor when more remain. */
  first(ns: string, docs: Document[], options: BatchOptions = {}): Document {
    this.expireIdle();
    const size = options.batchSize ?? DEFAULT_FIRST_BATCH;
    // batchSize 0 asks for an open cursor and an empty first batch.
    const batch = size === 0 ? [] : takeBatch(docs, 0, size);
    let id = Long.ZERO;
    if (!options.singleBatch && batch.length < docs.length) {
      const key = this.nextId++;
      this.open.set(key.toString(), { ns, docs, position: batch.length, usedAt: this.now() });
      id = Long.fromBigInt(key);
    }
    return { cursor: { firstBatch: batch, id, ns }, ok: 1 };
  }

  next(id: Long, batchSize?: number): Document {
    const key = id.toString();
    const cursor = this.open.get(key);
    if (!cursor) throw cursorNotFound(`cursor id ${key} not found`);
    const batch = takeBatch(cursor.docs, cursor.position, batchSize ?? 0);
    cursor.position += batch.length;
    cursor.usedAt = this.now();
    const done = cursor.position >= cursor.docs.length;
    if (done) this.open.delete(key);
    return { cursor: { nextBatch: batch, id: done ? Long.ZERO : id, ns: cursor.ns }, ok: 1 };
  }

  kill(ids: Long[]): Document {
    const killed: Long[] = [];
    const notFound: Long[] = [];
    for (const id of ids) (this.open.delete(id.toString()) ? killed : notFound).push(id);
    return { cursorsKilled: killed, cursorsNotFound: notFound, cursorsAlive: [], cursorsUnknown: [], ok: 1 };
  }

  private expireIdle(): void {
    const cutoff = this.now() - IDLE_TIMEOUT_MS;
    for (const [key, cursor] of this.open) if (cursor.usedAt < cutoff) this.open.delete(key);
  }
}

/** Up to `size` documents (0 = no count limit) and at most 16 MiB; always at least one. */
function takeBatch(docs: Document[], from: number, size: number): Document[] {
  const end = size > 0 ? Math.min(docs.length, from + size) : docs.length;
  let bytes = 0;
  let i = from;
  for (; i < end; i += 1) {
    bytes += BSON.calculateObjectSize(docs[i]!);
    if (bytes > MAX_BATCH_BYTES && i > from) break;
  }
  return docs.slice(from, i);
}
