import { Query } from 'mingo';
import type { Document } from 'mongodb';
import { isPlainObject } from '../documents';
import { failedToParse, namespaceExists, namespaceNotFound, notSupported } from '../errors';
import { toIndexSpec } from '../indexes';
import { collectionArg, countArg, docArray, type CommandHandler } from './context';

const createIndexes: CommandHandler = (body, ctx) => {
  const name = collectionArg(body, 'createIndexes');
  const specs = docArray(body, 'indexes').map(toIndexSpec);
  const existed = ctx.store.collection(ctx.db, name) !== undefined;
  const collection = ctx.store.ensureCollection(ctx.db, name);
  const before = collection.indexes.list().length;
  let created = 0;
  for (const spec of specs) if (collection.indexes.create(spec, collection.docs.entries())) created += 1;
  if (created > 0) ctx.store.changed();
  return {
    numIndexesBefore: before,
    numIndexesAfter: collection.indexes.list().length,
    createdCollectionAutomatically: !existed,
    ...(created === 0 ? { note: 'all indexes already exist' } : {}),
    ok: 1,
  };
};

const listIndexes: CommandHandler = (body, ctx) => {
  const name = collectionArg(body, 'listIndexes');
  const collection = ctx.store.collection(ctx.db, name);
  if (!collection) throw namespaceNotFound(`ns does not exist: ${ctx.db}.${name}`);
  const cursor = isPlainObject(body.cursor) ? body.cursor : {};
  return ctx.cursors.first(`${ctx.db}.${name}`, collection.indexes.list(), {
    batchSize: countArg(cursor, 'batchSize'),
  });
};

const dropIndexes: CommandHandler = (body, ctx) => {
  const name = collectionArg(body, 'dropIndexes');
  const collection = ctx.store.collection(ctx.db, name);
  if (!collection) throw namespaceNotFound(`ns not found ${ctx.db}.${name}`);
  const was = collection.indexes.list().length;
  const index = body.index as unknown;
  if (index === '*') collection.indexes.dropAll();
  else if (typeof index === 'string') collection.indexes.drop(index);
  else if (Array.isArray(index)) for (const n of index) collection.indexes.drop(String(n));
  else if (isPlainObject(index)) collection.indexes.drop(collection.indexes.nameOfKey(index));
  else throw failedToParse("BSON field 'dropIndexes.index' is missing");
  ctx.store.changed();
  return { nIndexesWas: was, ok: 1 };
};

const listCollections: CommandHandler = (body, ctx) => {
  const collections = [...(ctx.store.databases.get(ctx.db)?.values() ?? [])];
  let infos: Document[] = collections.map((c) => ({
    name: c.name,
    type: 'collection',
    options: {},
    info: { readOnly: false },
    idIndex: { v: 2, key: { _id: 1 }, name: '_id_' },
  }));
  if (isPlainObject(body.filter)) {
    const query = new Query(body.filter);
    infos = infos.filter((info) => query.test(info));
  }
  if (body.nameOnly === true) infos = infos.map(({ name, type }) => ({ name, type }));
  const cursor = isPlainObject(body.cursor) ? body.cursor : {};
  return ctx.cursors.first(`${ctx.db}.$cmd.listCollections`, infos, {
    batchSize: countArg(cursor, 'batchSize'),
  });
};

// Options that would change what the collection accepts (capped, validators, time series) are refused, not ignored.
const CREATE_OPTIONS = new Set(['create', '$db', 'lsid', 'writeConcern', '$readPreference', 'comment']);

const create: CommandHandler = (body, ctx) => {
  const name = collectionArg(body, 'create');
  const option = Object.keys(body).find((k) => !CREATE_OPTIONS.has(k));
  if (option) throw notSupported(`the create option '${option}'`);
  if (ctx.store.collection(ctx.db, name))
    throw namespaceExists(`Collection ${ctx.db}.${name} already exists.`);
  ctx.store.ensureCollection(ctx.db, name);
  return { ok: 1 };
};

const drop: CommandHandler = (body, ctx) => {
  const name = collectionArg(body, 'drop');
  const dropped = ctx.store.dropCollection(ctx.db, name);
  // MongoDB 7 answers ok for a collection that does not exist.
  if (!dropped) return { ok: 1 };
  return { nIndexesWas: dropped.indexes.list().length, ns: dropped.ns, ok: 1 };
};

const dropDatabase: CommandHandler = (_body, ctx) => {
  ctx.store.dropDatabase(ctx.db);
  return { dropped: ctx.db, ok: 1 };
};

export const ddlCommands: Record<string, CommandHandler> = {
  createindexes: createIndexes,
  listindexes: listIndexes,
  dropindexes: dropIndexes,
  listcollections: listCollections,
  create,
  drop,
  dropdatabase: dropDatabase,
};
