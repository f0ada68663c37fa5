import type { Tenant } from '../model';
import type { TenantLookup } from './tenant-directory';

/**
 * Finds a tenant by id, name or alias (case-insensitive). When nothing matches, suggests the
 * names within a small edit distance or sharing a prefix, closest first.
 */
export function resolveTenant(tenants: readonly Tenant[], query: string): TenantLookup {
  const q = query.trim().toLowerCase();
  const found = tenants.find(
    (t) =>
      t.id.toLowerCase() === q || t.name.toLowerCase() === q || t.aliases.some((a) => a.toLowerCase() === q),
  );
  if (found) return { ok: true, tenant: found };
  return { ok: false, suggestions: suggestNames(tenants, q) };
}

function suggestNames(tenants: readonly Tenant[], q: string): string[] {
  if (q === '') return [];
  const scored = tenants
    .map((t) => {
      const words = [t.name, ...t.aliases].map((w) => w.toLowerCase());
      const distance = Math.min(
        ...words.map((w) => (w.startsWith(q) || q.startsWith(w) ? 0.5 : editDistance(w, q))),
      );
      return { name: t.name, distance };
    })
    // One edit per four characters tolerates typos without suggesting everything.
    .filter((s) => s.distance <= Math.max(1, Math.floor(q.length / 4)) + 0.5)
    .sort((a, b) => a.distance - b.distance || a.name.localeCompare(b.name));
  return scored.slice(0, 3).map((s) => s.name);
}

/** Edit distance counting a swap of two neighbours as one edit (typos are often swaps). */
export function editDistance(a: string, b: string): number {
  const d: number[][] = Array.from({ length: a.length + 1 }, (_, i) =>
    Array.from({ length: b.length + 1 }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)),
  );
  const at = (i: number, j: number) => d[i]?.[j] ?? Number.POSITIVE_INFINITY;
  for (let i = 1; i <= a.length; i++) {
    const row = d[i] ?? [];
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      row[j] = Math.min(at(i - 1, j) + 1, at(i, j - 1) + 1, at(i - 1, j - 1) + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) {
        row[j] = Math.min(at(i, j), at(i - 2, j - 2) + 1);
      }
    }
  }
  return at(a.length, b.length);
}
