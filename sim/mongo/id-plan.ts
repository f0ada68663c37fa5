import { ObjectId, type Document } from 'mongodb';
import { isPlainObject, valueKey } from './documents';

/**
 * A filter that pins `_id` to a few values: the `_id` keys to look up, and what is left of the filter
 * (still tested with mingo on those documents). `residual` is undefined when nothing is left.
 */
export interface IdPlan {
  keys: Set<string>;
  residual: Document | undefined;
}

/**
 * True for a value whose `valueKey` is equal exactly when the values are equal in a query. Everything
 * else (Decimal128, regular expressions, binary, zeros inside documents, invalid dates, arrays at the
 * top, objects with `$` fields) goes to the full scan, so the planner never has to get those rules right.
 */
function keyable(value: unknown, nested: boolean): boolean {
  if (value === null || typeof value === 'string' || typeof value === 'boolean') return true;
  // Top-level numbers key as `n:<value>` (-0 and 0 alike); inside a document EJSON tells -0 from 0,
  // so a nested zero (in the filter or, unseen, in a stored _id) is left to the scan.
  if (typeof value === 'number') return !nested || value !== 0;
  if (value instanceof ObjectId) return true;
  if (value instanceof Date) return !Number.isNaN(value.getTime());
  if (Array.isArray(value)) return nested && value.every((v) => keyable(v, true));
  if (isPlainObject(value)) {
    return Object.entries(value).every(([k, v]) => !k.startsWith('$') && keyable(v, true));
  }
  return false;
}

/** The `_id` keys one `_id` clause pins (by value, `$eq` or `$in`), and the operators left for mingo. */
function pinnedBy(clause: unknown): { keys: Set<string>; rest: Document | undefined } | undefined {
  const operators = isPlainObject(clause) ? Object.keys(clause) : [];
  const isOperatorObject = operators.length > 0 && operators.every((k) => k.startsWith('$'));
  if (!isOperatorObject)
    return keyable(clause, false) ? { keys: new Set([valueKey(clause)]), rest: undefined } : undefined;
  const ops = clause as Document;
  let keys: Set<string> | undefined;
  let used: string | undefined;
  if ('$eq' in ops && keyable(ops.$eq, false)) {
    keys = new Set([valueKey(ops.$eq)]);
    used = '$eq';
  } else if (Array.isArray(ops.$in) && (ops.$in as unknown[]).every((v) => keyable(v, false))) {
    keys = new Set((ops.$in as unknown[]).map(valueKey));
    used = '$in';
  }
  if (!keys || !used) return undefined;
  const { [used]: _pinned, ...rest } = ops;
  return { keys, rest: Object.keys(rest).length > 0 ? rest : undefined };
}

/** Drops `_id` from a filter clause, keeping its other operators; undefined when nothing is left. */
function without(filter: Document, rest: Document | undefined): Document | undefined {
  const { _id: _pinned, ...others } = filter;
  const out: Document = rest ? { ...others, _id: rest } : others;
  return Object.keys(out).length > 0 ? out : undefined;
}

/**
 * Plans a lookup by `_id` for a filter whose top level (or one clause of its top-level `$and`) pins
 * `_id` by equality or `$in`; undefined means "scan everything", as before.
 */
export function planIdLookup(filter: unknown): IdPlan | undefined {
  if (!isPlainObject(filter)) return undefined;
  if ('_id' in filter) {
    const pinned = pinnedBy(filter._id);
    if (pinned) return { keys: pinned.keys, residual: without(filter, pinned.rest) };
  }
  const clauses = filter.$and as unknown;
  if (!Array.isArray(clauses)) return undefined;
  for (const [index, clause] of clauses.entries()) {
    if (!isPlainObject(clause) || !('_id' in clause)) continue;
    const pinned = pinnedBy(clause._id);
    if (!pinned) continue;
    // An emptied clause stays as `{}` (matches everything), so `$and` is never left empty.
    const left = [...clauses];
    left[index] = without(clause, pinned.rest) ?? {};
    return { keys: pinned.keys, residual: { ...filter, $and: left } };
  }
  return undefined;
}
