import { foldGuid, isRecord } from './canonical';

/**
 * Rules 1-5 and 23: drop OData annotations (`@odata.*`, `x@odata.*`, instance annotations) and action
 * advertisements (`#microsoft.graph.*`), keep `@odata.type` as a bare discriminator, fold GUID case.
 */
export function stripAnnotations(value: unknown): unknown {
  if (typeof value === 'string') return foldGuid(value);
  if (Array.isArray(value)) return value.map(stripAnnotations);
  if (!isRecord(value)) return value;
  const out: Record<string, unknown> = {};
  for (const [key, v] of Object.entries(value)) {
    if (key === '@odata.type') {
      if (typeof v === 'string') out[key] = bareOdataType(v);
      continue;
    }
    if (key.startsWith('#') || key.includes('@')) continue;
    out[key] = stripAnnotations(v);
  }
  return out;
}

export function bareOdataType(value: string): string {
  return value.replace(/^#/, '').replace(/^microsoft\.graph\./, '');
}

/** Drop `@odata.type` below the root, where it only repeats what the property already says (rule 5). */
export function dropNestedTypes(value: unknown, isRoot = true): unknown {
  if (Array.isArray(value)) return value.map((v) => dropNestedTypes(v, false));
  if (!isRecord(value)) return value;
  const out: Record<string, unknown> = {};
  for (const [key, v] of Object.entries(value)) {
    if (key === '@odata.type' && !isRoot) continue;
    out[key] = dropNestedTypes(v, false);
  }
  return out;
}

/**
 * Rule 9: null, missing, '' and empty collections compare equal, so they are removed (bottom-up).
 * Array elements are kept: a keyed item whose body is empty still says "this item exists".
 * Returns objects with sorted keys.
 */
export function pruneEmpty(value: unknown, keepEmpty: ReadonlySet<string> = new Set(), path = ''): unknown {
  if (Array.isArray(value)) return value.map((v) => pruneEmpty(v, keepEmpty, path));
  if (!isRecord(value)) return value;
  const out: Record<string, unknown> = {};
  // Keys in sorted order: the result's JSON.stringify is then its canonical form (cheap hashing).
  for (const key of Object.keys(value).sort()) {
    const childPath = path ? `${path}.${key}` : key;
    const pruned = pruneEmpty(value[key], keepEmpty, childPath);
    if (isEmpty(pruned) && !(Array.isArray(pruned) && keepEmpty.has(childPath))) continue;
    out[key] = pruned;
  }
  return out;
}

function isEmpty(v: unknown): boolean {
  if (v === null || v === undefined || v === '') return true;
  if (Array.isArray(v)) return v.length === 0;
  return isRecord(v) && Object.keys(v).length === 0;
}
