import type { Document } from 'mongodb';
import { isPlainObject } from '../documents';
import { failedToParse, writeError } from '../errors';
import { matching, shape } from '../query';
import { applyUpdate, parseUpdate, upsertDocument } from '../update';
import { collectionArg, docArray, type CommandContext, type CommandHandler } from './context';

/** Runs each item of a batch write; ordered batches stop at the first error, unordered ones carry on. */
function eachItem(
  body: Document,
  items: Document[],
  run: (item: Document, index: number) => void,
): Document[] {
  const ordered = body.ordered !== false;
  const errors: Document[] = [];
  for (const [index, item] of items.entries()) {
    try {
      run(item, index);
    } catch (err) {
      errors.push(writeError(index, err));
      if (ordered) break;
    }
  }
  return errors;
}

function withErrors(reply: Document, errors: Document[]): Document {
  return errors.length > 0 ? { ...reply, writeErrors: errors, ok: 1 } : { ...reply, ok: 1 };
}

const insert: CommandHandler = (body, ctx) => {
  const name = collectionArg(body, 'insert');
  const documents = docArray(body, 'documents');
  let n = 0;
  const errors = eachItem(body, documents, (doc) => {
    if (!isPlainObject(doc)) throw failedToParse('insert documents must be objects');
    ctx.store.ensureCollection(ctx.db, name).insert(doc);
    n += 1;
  });
  return withErrors({ n }, errors);
};

const update: CommandHandler = (body, ctx) => {
  const name = collectionArg(body, 'update');
  let n = 0;
  let nModified = 0;
  const upserted: Document[] = [];
  const errors = eachItem(body, docArray(body, 'updates'), (item, index) => {
    const result = updateOne(ctx, name, item);
    n += result.matched;
    nModified += result.modified;
    if (result.upsertedId !== undefined) {
      n += 1;
      upserted.push({ index, _id: result.upsertedId });
    }
  });
  return withErrors({ n, nModified, ...(upserted.length > 0 ? { upserted } : {}) }, errors);
};

function updateOne(ctx: CommandContext, name: string, item: Document) {
  const query = (item.q ?? {}) as Document;
  const plan = parseUpdate(item.u);
  if (item.multi === true && plan.kind === 'replacement') {
    throw failedToParse('multi update is not supported for replacement-style update');
  }
  const collection = ctx.store.collection(ctx.db, name);
  const found = matching(collection, query);
  const targets = item.multi === true ? found : found.slice(0, 1);
  const apply = { query, arrayFilters: item.arrayFilters as Document[] | undefined, now: ctx.clock.now() };
  if (targets.length === 0 && item.upsert === true) {
    const doc = upsertDocument(plan, query, apply);
    ctx.store.ensureCollection(ctx.db, name).insert(doc);
    return { matched: 0, modified: 0, upsertedId: doc._id as unknown };
  }
  let modified = 0;
  for (const doc of targets) {
    const next = applyUpdate(plan, doc, { ...apply, inserting: false });
    if (collection!.replaceIfChanged(doc, next)) modified += 1;
  }
  return { matched: targets.length, modified, upsertedId: undefined };
}

const remove: CommandHandler = (body, ctx) => {
  const name = collectionArg(body, 'delete');
  let n = 0;
  const errors = eachItem(body, docArray(body, 'deletes'), (item) => {
    const collection = ctx.store.collection(ctx.db, name);
    const found = matching(collection, item.q ?? {});
    const targets = item.limit === 1 ? found.slice(0, 1) : found;
    for (const doc of targets) collection!.remove(doc);
    n += targets.length;
  });
  return withErrors({ n }, errors);
};

const findAndModify: CommandHandler = (body, ctx) => {
  const name = collectionArg(body, body.findAndModify !== undefined ? 'findAndModify' : 'findandmodify');
  const query = (body.query ?? {}) as Document;
  const fields = body.fields as Document | undefined;
  const project = (doc: Document | undefined) =>
    (doc && fields ? shape([doc], { projection: fields })[0] : doc) ?? null;
  if (body.remove === true && body.update !== undefined)
    throw failedToParse('Cannot specify both an update and remove=true');
  if (body.remove !== true && body.update === undefined)
    throw failedToParse('Either an update or remove=true must be specified');
  const collection = ctx.store.collection(ctx.db, name);
  const [doc] = shape(matching(collection, query), { sort: body.sort as Document | undefined, limit: 1 });
  if (body.remove === true) {
    if (doc) collection!.remove(doc);
    return { lastErrorObject: { n: doc ? 1 : 0 }, value: project(doc), ok: 1 };
  }
  const plan = parseUpdate(body.update);
  const apply = { query, arrayFilters: body.arrayFilters as Document[] | undefined, now: ctx.clock.now() };
  if (!doc) {
    if (body.upsert !== true)
      return { lastErrorObject: { n: 0, updatedExisting: false }, value: null, ok: 1 };
    const inserted = ctx.store.ensureCollection(ctx.db, name).insert(upsertDocument(plan, query, apply));
    return {
      lastErrorObject: { n: 1, updatedExisting: false, upserted: inserted._id },
      value: body.new === true ? project(inserted) : null,
      ok: 1,
    };
  }
  const next = applyUpdate(plan, doc, { ...apply, inserting: false });
  collection!.replaceIfChanged(doc, next);
  return {
    lastErrorObject: { n: 1, updatedExisting: true },
    value: project(body.new === true ? next : doc),
    ok: 1,
  };
};

export const writeCommands: Record<string, CommandHandler> = {
  insert,
  update,
  delete: remove,
  findandmodify: findAndModify,
};
