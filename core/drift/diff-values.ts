import type { Change } from '../model';
import { canonicalJson, isRecord } from './canonical';
import { isKeyedArray, ITEM_KEY } from './keyed';

/**
 * Property-level changes between two normalised bodies. Objects recurse by property, keyed sets
 * (settings, OMA settings, assignments…) by item key, so paths read `settings[<settingDefinitionId>]…`,
 * `omaSettings[<omaUri>]…`, `assignments[group:<id>]`, never array positions. Other arrays are
 * canonical sets or ordered lists and are reported whole. Absent values are `null`.
 */
export function diffValues(baseline: unknown, current: unknown, path = ''): Change[] {
  const changes: Change[] = [];
  walk(baseline, current, path, changes);
  return changes;
}

function walk(a: unknown, b: unknown, path: string, out: Change[]): void {
  if (a === b) return;
  if (isRecord(a) && isRecord(b)) {
    const keys = [...new Set([...Object.keys(a), ...Object.keys(b)])].sort();
    for (const key of keys) walk(a[key], b[key], path ? `${path}.${key}` : key, out);
    return;
  }
  if (isKeyedArray(a) || isKeyedArray(b)) {
    if ((a === undefined || isKeyedArray(a)) && (b === undefined || isKeyedArray(b))) {
      walkKeyed(a ?? [], b ?? [], path, out);
      return;
    }
  }
  if (a !== undefined && b !== undefined && canonicalJson(a) === canonicalJson(b)) return;
  out.push({ path, baseline: a ?? null, current: b ?? null });
}

function walkKeyed(
  a: Record<string, unknown>[],
  b: Record<string, unknown>[],
  path: string,
  out: Change[],
): void {
  const left = byKey(a);
  const right = byKey(b);
  const keys = [...new Set([...left.keys(), ...right.keys()])].sort();
  for (const key of keys) {
    const itemPath = `${path}[${key}]`;
    const l = left.get(key);
    const r = right.get(key);
    if (l && r) walk(l, r, itemPath, out);
    else out.push({ path: itemPath, baseline: l ?? null, current: r ?? null });
  }
}

function byKey(items: Record<string, unknown>[]): Map<string, Record<string, unknown>> {
  return new Map(
    items.map((item) => {
      const { [ITEM_KEY]: key, ...rest } = item;
      return [String(key), rest];
    }),
  );
}
