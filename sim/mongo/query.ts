import { Aggregator, Query, find } from 'mingo';
import type { Document } from 'mongodb';
import { isPlainObject } from './documents';
import { CommandError, badValue, notSupported } from './errors';
import { planIdLookup } from './id-plan';
import type { Collection } from './store';

/** Turns mingo's generic errors into the codes mongod answers with, so nothing fails as "InternalError". */
export function asMongoError(err: unknown, context: 'query' | 'pipeline' | 'update'): unknown {
  if (err instanceof CommandError || !(err instanceof Error)) return err;
  const msg = err.message;
  let m = /unknown query operator (\$\w+)/.exec(msg);
  if (m) return badValue(`unknown operator: ${m[1]}`);
  m = /unregistered pipeline operator (\$\w+)/.exec(msg);
  if (m) return new CommandError(40324, 'Location40324', `Unrecognized pipeline stage name: '${m[1]}'`);
  m = /'(\$\w+)' is not registered|operator '?(\$\w+)'? is not registered/.exec(msg);
  if (m) return new CommandError(168, 'InvalidPipelineOperator', `Unrecognized expression '${m[1] ?? m[2]}'`);
  if (/\$where/.test(msg)) return notSupported('$where');
  return context === 'query' ? badValue(msg) : new CommandError(2, 'BadValue', msg);
}

export function compileFilter(filter: unknown): Query {
  if (filter !== undefined && filter !== null && !isPlainObject(filter)) {
    throw new CommandError(
      14,
      'TypeMismatch',
      "BSON field 'filter' is the wrong type, expected type 'object'",
    );
  }
  try {
    return new Query((filter ?? {}) as Document);
  } catch (err) {
    throw asMongoError(err, 'query');
  }
}

/**
 * The stored documents matching a filter, in natural order. A filter that pins `_id` (equality or `$in`,
 * at the top level or in one clause of a top-level `$and`) reads only those documents from the `_id`
 * map and tests the rest of the filter on them; any other filter scans the collection with mingo.
 */
export function matching(collection: Collection | undefined, filter: unknown): Document[] {
  const plan = planIdLookup(filter);
  const query = plan ? plan.residual && compileFilter(plan.residual) : compileFilter(filter);
  if (!collection) return [];
  const candidates = plan ? collection.byIdKeys(plan.keys) : collection.docs.values();
  if (!query) return candidates as Document[];
  const out: Document[] = [];
  try {
    for (const doc of candidates) if (query.test(doc)) out.push(doc);
  } catch (err) {
    throw asMongoError(err, 'query');
  }
  return out;
}

export interface ReadOptions {
  sort?: Document;
  skip?: number;
  limit?: number;
  projection?: Document;
}

/** Sort, skip, limit, then projection (after, so sorting on a field that is projected away works). */
export function shape(docs: Document[], options: ReadOptions): Document[] {
  let out = docs;
  const sort = options.sort && Object.keys(options.sort).length > 0 ? options.sort : undefined;
  const skip = options.skip ?? 0;
  const limit = Math.abs(options.limit ?? 0);
  try {
    if (sort)
      out = find(out, {})
        .sort(sort as Record<string, 1 | -1>)
        .all() as Document[];
    if (skip > 0 || limit > 0) out = out.slice(skip, limit > 0 ? skip + limit : undefined);
    if (options.projection && Object.keys(options.projection).length > 0) {
      out = find(out, {}, options.projection).all() as Document[];
    }
  } catch (err) {
    throw asMongoError(err, 'query');
  }
  return out;
}

// Stages that never write into the documents they receive; any other stage gets copies, because mingo
// rewrites nested fields in place and stored documents must stay untouched.
const READ_ONLY_STAGES = new Set(['$match', '$sort', '$skip', '$limit', '$count', '$group', '$sortByCount']);
const REFUSED_STAGES = new Set(['$out', '$merge', '$changeStream', '$geoNear', '$search', '$text']);

export function runPipeline(
  pipeline: Document[],
  input: Document[],
  resolve: (collection: string) => Document[],
  clone: (doc: Document) => Document,
): Document[] {
  let copies = false;
  for (const stage of pipeline) {
    const names = isPlainObject(stage) ? Object.keys(stage) : [];
    if (names.length !== 1) {
      throw new CommandError(
        40323,
        'Location40323',
        'A pipeline stage specification object must contain exactly one field.',
      );
    }
    const name = names[0]!;
    if (REFUSED_STAGES.has(name)) throw notSupported(`the ${name} stage`);
    if (!READ_ONLY_STAGES.has(name)) copies = true;
  }
  const docs = copies ? input.map(clone) : input;
  try {
    return new Aggregator(pipeline, {
      collectionResolver: (name: string) => resolve(name).map(clone),
    }).run(docs) as Document[];
  } catch (err) {
    throw asMongoError(err, 'pipeline');
  }
}
