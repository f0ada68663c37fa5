import { canonicalJson, isRecord } from './canonical';

/** Property holding an item's identity inside a keyed collection; the diff names the item by it. */
export const ITEM_KEY = '_key';

/**
 * Turn an array of objects into a canonical keyed set: each item gets `_key` (its label), loses its
 * server-assigned `id`, and the array is sorted by label. Duplicate labels get `~2`, `~3`… in content order.
 */
export function keyItems(items: unknown[], labelOf: (item: Record<string, unknown>) => string): unknown[] {
  const labelled = items.filter(isRecord).map((item) => {
    const { id: _id, ...rest } = item;
    return { label: labelOf(item), body: rest, canon: undefined as string | undefined };
  });
  // Content breaks ties between equal labels only; serialise lazily, most labels are unique.
  const canon = (x: (typeof labelled)[number]) => (x.canon ??= canonicalJson(x.body));
  labelled.sort((a, b) => cmp(a.label, b.label) || cmp(canon(a), canon(b)));
  const seen = new Map<string, number>();
  return labelled.map(({ label, body }) => {
    const n = (seen.get(label) ?? 0) + 1;
    seen.set(label, n);
    return { [ITEM_KEY]: n === 1 ? label : `${label}~${n}`, ...body };
  });
}

/** Is this array a keyed set made by `keyItems`? */
export function isKeyedArray(value: unknown): value is Record<string, unknown>[] {
  return (
    Array.isArray(value) &&
    value.length > 0 &&
    value.every((v) => isRecord(v) && typeof v[ITEM_KEY] === 'string')
  );
}

/** Value at a dotted path (`mobileAppIdentifier.bundleId`). */
export function getPath(value: unknown, path: string): unknown {
  let cur: unknown = value;
  for (const seg of path.split('.')) {
    if (!isRecord(cur)) return undefined;
    cur = cur[seg];
  }
  return cur;
}

/**
 * Apply `fn` to the value at a dotted path, where `*` walks every element of an array or value of an
 * object. Missing parents are left alone. Mutates `root` (a fresh copy made by the normaliser).
 */
export function updatePath(root: unknown, path: string, fn: (value: unknown) => unknown): void {
  const segs = path.split('.');
  const walk = (node: unknown, i: number): void => {
    const seg = segs[i];
    if (seg === undefined) return;
    const last = i === segs.length - 1;
    if (seg === '*') {
      const container = node;
      const keys = Array.isArray(container)
        ? container.keys()
        : isRecord(container)
          ? Object.keys(container)
          : [];
      for (const k of keys) {
        const c = container as Record<string | number, unknown>;
        if (last) c[k] = fn(c[k]);
        else walk(c[k], i + 1);
      }
      return;
    }
    if (!isRecord(node) || !(seg in node)) return;
    if (last) node[seg] = fn(node[seg]);
    else walk(node[seg], i + 1);
  };
  walk(root, 0);
}

/** Remove the property at a dotted path (with `*` as in `updatePath`). */
export function deletePath(root: unknown, path: string): void {
  const parent = path.includes('.') ? path.slice(0, path.lastIndexOf('.')) : '';
  const leaf = path.slice(path.lastIndexOf('.') + 1);
  const drop = (node: unknown) => {
    if (isRecord(node)) delete node[leaf];
    return node;
  };
  if (!parent) drop(root);
  else updatePath(root, parent, (v) => (Array.isArray(v) ? v.map(drop) : drop(v)));
}

function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
