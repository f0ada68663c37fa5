import { Long, type Document } from 'mongodb';
import { cloneDoc, isPlainObject, valueKey } from '../documents';
import { CommandError, failedToParse, typeMismatch } from '../errors';
import { compileFilter, matching, runPipeline, shape } from '../query';
import { collectionArg, countArg, docArray, type CommandContext, type CommandHandler } from './context';

function objectArg(body: Document, field: string): Document | undefined {
  const value = body[field] as unknown;
  if (value === undefined || value === null) return undefined;
  if (!isPlainObject(value)) {
    throw typeMismatch(`BSON field '${field}' is the wrong type '${typeof value}', expected type 'object'`);
  }
  return value;
}

const find: CommandHandler = (body, ctx) => {
  const name = collectionArg(body, 'find');
  const skip = countArg(body, 'skip');
  if (skip !== undefined && skip < 0)
    throw new CommandError(
      51024,
      'Location51024',
      "BSON field 'skip' value must be >= 0, actual value '" + skip + "'",
    );
  const limit = countArg(body, 'limit');
  const batchSize = countArg(body, 'batchSize');
  if (batchSize !== undefined && batchSize < 0) {
    throw new CommandError(
      51024,
      'Location51024',
      `BSON field 'batchSize' value must be >= 0, actual value '${batchSize}'`,
    );
  }
  const docs = shape(matching(ctx.store.collection(ctx.db, name), objectArg(body, 'filter')), {
    sort: objectArg(body, 'sort'),
    skip,
    limit,
    projection: objectArg(body, 'projection'),
  });
  const singleBatch = body.singleBatch === true || (limit !== undefined && limit < 0);
  return ctx.cursors.first(`${ctx.db}.${name}`, docs, { batchSize, singleBatch });
};

const getMore: CommandHandler = (body, ctx) => {
  const id = body.getMore as unknown;
  const cursorId = id instanceof Long ? id : typeof id === 'number' ? Long.fromNumber(id) : undefined;
  if (!cursorId) throw typeMismatch("BSON field 'getMore' is the wrong type, expected type 'long'");
  return ctx.cursors.next(cursorId, countArg(body, 'batchSize'));
};

const killCursors: CommandHandler = (body, ctx) => {
  const ids = docArray(body, 'cursors').map((id) => (id instanceof Long ? id : Long.fromNumber(Number(id))));
  return ctx.cursors.kill(ids);
};

const count: CommandHandler = (body, ctx) => {
  const name = collectionArg(body, 'count');
  const docs = shape(matching(ctx.store.collection(ctx.db, name), objectArg(body, 'query')), {
    skip: countArg(body, 'skip'),
    limit: countArg(body, 'limit'),
  });
  return { n: docs.length, ok: 1 };
};

const distinct: CommandHandler = (body, ctx) => {
  const name = collectionArg(body, 'distinct');
  const key = body.key as unknown;
  if (typeof key !== 'string') throw failedToParse("BSON field 'distinct.key' is missing or not a string");
  const seen = new Map<string, unknown>();
  const add = (value: unknown) => {
    if (value !== undefined && !seen.has(valueKey(value))) seen.set(valueKey(value), value);
  };
  for (const doc of matching(ctx.store.collection(ctx.db, name), objectArg(body, 'query'))) {
    for (const value of valuesAt(doc, key.split('.'))) {
      // distinct unwinds one level of arrays, as mongod does.
      if (Array.isArray(value)) value.forEach(add);
      else add(value);
    }
  }
  return { values: [...seen.values()], ok: 1 };
};

/** Values at a dotted path, descending through arrays of subdocuments. */
function valuesAt(value: unknown, parts: string[]): unknown[] {
  if (parts.length === 0) return [value];
  if (Array.isArray(value)) return value.flatMap((item) => valuesAt(item, parts));
  if (!isPlainObject(value)) return [];
  return valuesAt(value[parts[0]!], parts.slice(1));
}

const aggregate: CommandHandler = (body, ctx) => {
  const target = body.aggregate as unknown;
  const pipeline = docArray(body, 'pipeline');
  const cursor = objectArg(body, 'cursor');
  if (!cursor) {
    throw failedToParse("The 'cursor' option is required, except for aggregate with the explain argument");
  }
  if (typeof target !== 'string') {
    throw failedToParse('aggregate against a database ({aggregate: 1}) is not supported by the stand-in');
  }
  const input = source(ctx, target);
  const firstStage = pipeline[0];
  const out = runPipeline(pipeline, pipelineInput(input, firstStage), (name) => source(ctx, name), cloneDoc);
  return ctx.cursors.first(`${ctx.db}.${target}`, out, { batchSize: countArg(cursor, 'batchSize') });
};

function source(ctx: CommandContext, name: string): Document[] {
  const collection = ctx.store.collection(ctx.db, name);
  return collection ? [...collection.docs.values()] : [];
}

/** A leading $match narrows the input first, so the common countDocuments pipeline copies nothing it drops. */
function pipelineInput(input: Document[], firstStage: Document | undefined): Document[] {
  if (!firstStage || !isPlainObject(firstStage.$match)) return input;
  const query = compileFilter(firstStage.$match);
  return input.filter((doc) => query.test(doc));
}

export const readCommands: Record<string, CommandHandler> = {
  find,
  getmore: getMore,
  killcursors: killCursors,
  count,
  distinct,
  aggregate,
};
