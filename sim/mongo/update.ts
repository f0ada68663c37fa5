import { update as applyOperators } from 'mingo';
import { Timestamp, type Document } from 'mongodb';
import { cloneDoc, getPath, isPlainObject, setPath, valueKey, withIdFirst } from './documents';
import {
  CommandError,
  conflictingUpdate,
  dollarPrefixedField,
  failedToParse,
  immutableField,
  pathNotViable,
  typeMismatch,
  badValue,
} from './errors';
import { asMongoError, runPipeline } from './query';

const OPERATORS = new Set([
  '$set',
  '$unset',
  '$inc',
  '$mul',
  '$min',
  '$max',
  '$push',
  '$addToSet',
  '$pull',
  '$pullAll',
  '$pop',
  '$rename',
  '$currentDate',
  '$bit',
  '$setOnInsert',
]);
const PIPELINE_STAGES = new Set(['$addFields', '$set', '$project', '$unset', '$replaceRoot', '$replaceWith']);

export type UpdatePlan =
  | { kind: 'replacement'; doc: Document }
  | { kind: 'operators'; ops: Document }
  | { kind: 'pipeline'; stages: Document[] };

/** Classifies and validates an update once, before any document is touched. */
export function parseUpdate(u: unknown): UpdatePlan {
  if (Array.isArray(u)) {
    for (const stage of u as Document[]) {
      const name = isPlainObject(stage) ? Object.keys(stage)[0] : undefined;
      if (!name || !PIPELINE_STAGES.has(name)) {
        throw new CommandError(
          72,
          'InvalidOptions',
          `${String(name)} is not allowed to be used within an update`,
        );
      }
    }
    return { kind: 'pipeline', stages: u as Document[] };
  }
  if (!isPlainObject(u)) throw failedToParse('Update argument must be either an object or an array');
  const keys = Object.keys(u);
  if (keys.length === 0 || !keys[0]!.startsWith('$')) {
    const dollar = keys.find((k) => k.startsWith('$'));
    if (dollar) {
      throw dollarPrefixedField(
        `The dollar ($) prefixed field '${dollar}' in '${dollar}' is not allowed in the context of an update's replacement document. Consider using an aggregation pipeline with $replaceWith.`,
      );
    }
    return { kind: 'replacement', doc: u };
  }
  const paths: string[] = [];
  for (const op of keys) {
    if (!OPERATORS.has(op)) {
      throw failedToParse(
        `Unknown modifier: ${op}. Expected a valid update modifier or pipeline-style update specified as an array`,
      );
    }
    const fields = u[op] as unknown;
    if (!isPlainObject(fields)) {
      throw failedToParse(
        `Modifiers operate on fields but we found type ${typeof fields} instead. For example: {$mod: {<field>: ...}} not {${op}: ${String(fields)}}`,
      );
    }
    for (const [path, arg] of Object.entries(fields)) {
      if ((op === '$inc' || op === '$mul') && typeof arg !== 'number') {
        throw typeMismatch(
          `Cannot ${op === '$inc' ? 'increment' : 'multiply'} with non-numeric argument: {${path}: ${JSON.stringify(arg)}}`,
        );
      }
      paths.push(path);
      if (op === '$rename') paths.push(String(arg));
    }
  }
  assertNoConflicts(paths);
  return { kind: 'operators', ops: u };
}

function assertNoConflicts(paths: string[]): void {
  const seen = [...paths].sort();
  for (let i = 1; i < seen.length; i += 1) {
    const a = seen[i - 1]!;
    const b = seen[i]!;
    if (a === b || b.startsWith(`${a}.`)) {
      throw conflictingUpdate(`Updating the path '${b}' would create a conflict at '${a}'`);
    }
  }
}

/** mingo skips type errors mongod raises; these checks restore them (codes 2, 14, 28). */
function checkTypes(doc: Document, ops: Document): void {
  for (const [op, fields] of Object.entries(ops)) {
    for (const path of Object.keys(fields as Document)) {
      if (path.includes('$')) continue;
      checkPathViable(doc, path);
      const current = getPath(doc, path);
      if (current === undefined) continue;
      const id = JSON.stringify(doc._id);
      if ((op === '$inc' || op === '$mul') && typeof current !== 'number') {
        throw typeMismatch(
          `Cannot apply ${op} to a value of non-numeric type. {_id: ${id}} has the field '${path}' of non-numeric type ${typeName(current)}`,
        );
      }
      if ((op === '$push' || op === '$addToSet') && !Array.isArray(current)) {
        throw badValue(
          `The field '${path}' must be an array but is of type ${typeName(current)} in document {_id: ${id}}`,
        );
      }
      if ((op === '$pull' || op === '$pullAll') && !Array.isArray(current)) {
        throw badValue(`Cannot apply ${op} to a non-array value`);
      }
      if (op === '$pop' && !Array.isArray(current)) {
        throw typeMismatch(`Path '${path}' contains an element of non-array type '${typeName(current)}'`);
      }
    }
  }
}

function checkPathViable(doc: Document, path: string): void {
  const parts = path.split('.');
  let current: unknown = doc;
  for (const part of parts.slice(0, -1)) {
    current = (current as Document)[part];
    if (current === undefined) return;
    if (current === null || typeof current !== 'object' || current instanceof Date) {
      throw pathNotViable(
        `Cannot create field '${parts[parts.indexOf(part) + 1]}' in element {${part}: ${JSON.stringify(current)}}`,
      );
    }
  }
}

function typeName(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  if (typeof value === 'number') return Number.isInteger(value) ? 'int' : 'double';
  if (typeof value === 'object') return value instanceof Date ? 'date' : 'object';
  return typeof value;
}

export interface ApplyContext {
  query: Document;
  arrayFilters?: Document[];
  now: Date;
  /** True on the insert path of an upsert: $setOnInsert applies. */
  inserting: boolean;
}

/** Applies an update to a copy of `doc`; the stored document is never touched. */
export function applyUpdate(plan: UpdatePlan, doc: Document, ctx: ApplyContext): Document {
  if (plan.kind === 'replacement') {
    const { _id, ...rest } = plan.doc;
    if (_id !== undefined && doc._id !== undefined && valueKey(_id) !== valueKey(doc._id)) {
      throw immutableField(
        `After applying the update, the (immutable) field '_id' was found to have been altered to _id: ${JSON.stringify(_id)}`,
      );
    }
    return { _id: doc._id ?? _id, ...cloneDoc(rest) };
  }
  if (plan.kind === 'pipeline') {
    const [out] = runPipeline(plan.stages, [cloneDoc(doc)], () => [], cloneDoc);
    return assertSameId(doc, out ?? {});
  }
  const next = cloneDoc(doc);
  const modifier: Document = {};
  for (const [op, fields] of Object.entries(plan.ops)) {
    if (op === '$setOnInsert') {
      if (ctx.inserting)
        modifier.$set = { ...(modifier.$set as Document | undefined), ...(fields as Document) };
    } else if (op === '$currentDate') {
      modifier.$set = {
        ...(modifier.$set as Document | undefined),
        ...currentDates(fields as Document, ctx.now),
      };
    } else if (op === '$set') {
      modifier.$set = { ...(modifier.$set as Document | undefined), ...(fields as Document) };
    } else {
      modifier[op] = fields;
    }
  }
  guardId(next, modifier, ctx.inserting);
  checkTypes(next, modifier);
  try {
    applyOperators(next, modifier, ctx.arrayFilters, ctx.inserting ? undefined : ctx.query);
  } catch (err) {
    throw asMongoError(err, 'update');
  }
  return assertSameId(doc, next);
}

/** `_id` is immutable: setting it to its own value is a no-op, anything else is code 66 (mingo says code 2). */
function guardId(doc: Document, modifier: Document, inserting: boolean): void {
  for (const [op, fields] of Object.entries(modifier)) {
    for (const path of Object.keys(fields as Document)) {
      if (path !== '_id' && !path.startsWith('_id.')) continue;
      const value = (fields as Document)[path] as unknown;
      if (op === '$set' && (inserting || (path === '_id' && valueKey(value) === valueKey(doc._id)))) {
        if (inserting) doc._id = value;
        delete (fields as Document)[path];
        continue;
      }
      throw immutableField("Performing an update on the path '_id' would modify the immutable field '_id'");
    }
  }
}

function currentDates(fields: Document, now: Date): Document {
  const out: Document = {};
  for (const [path, spec] of Object.entries(fields)) {
    const asTimestamp = isPlainObject(spec) && spec.$type === 'timestamp';
    out[path] = asTimestamp ? new Timestamp({ t: Math.floor(now.getTime() / 1000), i: 1 }) : new Date(now);
  }
  return out;
}

function assertSameId(before: Document, after: Document): Document {
  if (before._id !== undefined && (after._id === undefined || valueKey(after._id) !== valueKey(before._id))) {
    throw immutableField("Performing an update on the path '_id' would modify the immutable field '_id'");
  }
  return withIdFirst(after);
}

/** The document an upsert starts from: the query's equality fields (top level, `$eq`, `$and`). */
export function upsertSeed(query: Document): Document {
  const seed: Document = {};
  const visit = (q: Document) => {
    for (const [key, value] of Object.entries(q)) {
      if (key === '$and' && Array.isArray(value)) {
        for (const part of value) if (isPlainObject(part)) visit(part);
      } else if (!key.startsWith('$')) {
        if (isPlainObject(value) && Object.keys(value).some((k) => k.startsWith('$'))) {
          if ('$eq' in value) setPath(seed, key, cloneDoc({ v: value.$eq }).v);
        } else {
          setPath(seed, key, cloneDoc({ v: value }).v);
        }
      }
    }
  };
  visit(query);
  return seed;
}

/** The new document of an upsert that matched nothing. */
export function upsertDocument(
  plan: UpdatePlan,
  query: Document,
  ctx: Omit<ApplyContext, 'inserting'>,
): Document {
  const seed = upsertSeed(query);
  if (plan.kind === 'replacement') {
    return withIdFirst({ ...cloneDoc(plan.doc), ...(seed._id !== undefined ? { _id: seed._id } : {}) });
  }
  const next = applyUpdate(plan, withIdFirst(seed), { ...ctx, inserting: true });
  return withIdFirst(next);
}
