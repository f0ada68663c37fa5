import type { Drift, NormalisedObject } from '../model';
import { diffValues } from './diff-values';
import { compilePathPattern } from './path-pattern';
import { DEFAULT_SEVERITY_RULES, severityOf, type SeverityRule } from './severity';

/** "False positive": changes on these paths of this policy type (optionally one object) are not drift. */
export interface IgnoreRule {
  policyType: string;
  key?: string;
  /** Change-path patterns; `*` alone also ignores the object being missing or added. */
  paths: string[];
}

export interface DiffOptions {
  ignore?: readonly IgnoreRule[];
  /** Types whose read was incomplete: no missing, added or modified conclusions for them. */
  incompleteTypes?: ReadonlySet<string>;
  /** Severity table; default DEFAULT_SEVERITY_RULES (users' rules go in front of it). */
  severityRules?: readonly SeverityRule[];
}

export interface DiffResult {
  drifts: Drift[];
  unchanged: number;
}

/**
 * Compare one baseline object with its current counterpart: hashes first, then property paths.
 * Returns the modified drift, or undefined when they are equal (or every change is ignored).
 */
export function diffObjects(
  baseline: NormalisedObject,
  current: NormalisedObject,
  options: Pick<DiffOptions, 'ignore' | 'severityRules'> = {},
): Drift | undefined {
  if (baseline.hash === current.hash) return undefined;
  const ignored = ignoreMatcher(options.ignore ?? [], baseline.policyType, [baseline.key, current.key]);
  const changes = diffValues(baseline.body, current.body).filter((c) => !ignored(c.path));
  if (changes.length === 0) return undefined;
  const rules = options.severityRules ?? DEFAULT_SEVERITY_RULES;
  return {
    kind: 'modified',
    policyType: baseline.policyType,
    key: baseline.key,
    displayName: current.displayName || baseline.displayName,
    severity: severityOf(baseline.policyType, 'modified', changes, rules),
    changes,
  };
}

/**
 * Baseline against current inventory. Objects match by policy type + key (Graph id), else by policy type +
 * display name when that name is unique on both sides (a golden tenant's baseline applies to another
 * tenant). Drifts come sorted by policy type, display name and key.
 */
export function diffInventories(
  baseline: readonly NormalisedObject[],
  current: readonly NormalisedObject[],
  options: DiffOptions = {},
): DiffResult {
  const incomplete = options.incompleteTypes ?? new Set<string>();
  const rules = options.severityRules ?? DEFAULT_SEVERITY_RULES;
  const base = baseline.filter((o) => !incomplete.has(o.policyType));
  const curr = current.filter((o) => !incomplete.has(o.policyType));
  const pairs = matchObjects(base, curr);

  const drifts: Drift[] = [];
  let unchanged = 0;
  for (const [b, c] of pairs.matched) {
    const drift = diffObjects(b, c, { ignore: options.ignore, severityRules: rules });
    if (drift) drifts.push(drift);
    else unchanged++;
  }
  for (const o of pairs.missing) {
    if (ignoreMatcher(options.ignore ?? [], o.policyType, [o.key])('')) continue;
    drifts.push(objectDrift('missing', o, rules));
  }
  for (const o of pairs.added) {
    if (ignoreMatcher(options.ignore ?? [], o.policyType, [o.key])('')) continue;
    drifts.push(objectDrift('added', o, rules));
  }
  drifts.sort(
    (x, y) => cmp(x.policyType, y.policyType) || cmp(x.displayName, y.displayName) || cmp(x.key, y.key),
  );
  return { drifts, unchanged };
}

function objectDrift(kind: 'missing' | 'added', o: NormalisedObject, rules: readonly SeverityRule[]): Drift {
  return {
    kind,
    policyType: o.policyType,
    key: o.key,
    displayName: o.displayName,
    severity: severityOf(o.policyType, kind, [], rules),
    changes: [],
  };
}

interface Matching {
  matched: [NormalisedObject, NormalisedObject][];
  missing: NormalisedObject[];
  added: NormalisedObject[];
}

function matchObjects(baseline: readonly NormalisedObject[], current: readonly NormalisedObject[]): Matching {
  const idOf = (o: NormalisedObject) => `${o.policyType}\u0000${o.key}`;
  const nameOf = (o: NormalisedObject) => `${o.policyType}\u0000${o.displayName}`;
  const currentById = new Map(current.map((o) => [idOf(o), o]));
  const matched: [NormalisedObject, NormalisedObject][] = [];
  const used = new Set<NormalisedObject>();
  const unmatched: NormalisedObject[] = [];
  for (const b of baseline) {
    const c = currentById.get(idOf(b));
    if (c && !used.has(c)) {
      matched.push([b, c]);
      used.add(c);
    } else unmatched.push(b);
  }
  const rest = current.filter((c) => !used.has(c));
  const restByName = groupBy(rest, nameOf);
  const baseByName = groupBy(unmatched, nameOf);
  const missing: NormalisedObject[] = [];
  for (const b of unmatched) {
    const candidates = restByName.get(nameOf(b));
    // Only a unique name on both sides identifies an object: defaults often share names.
    if (b.displayName && candidates?.length === 1 && baseByName.get(nameOf(b))?.length === 1) {
      const c = candidates[0] as NormalisedObject;
      matched.push([b, c]);
      used.add(c);
    } else missing.push(b);
  }
  return { matched, missing, added: current.filter((c) => !used.has(c)) };
}

function ignoreMatcher(
  rules: readonly IgnoreRule[],
  policyType: string,
  keys: string[],
): (path: string) => boolean {
  const matchers = rules
    .filter((r) => r.policyType === policyType || r.policyType === '*')
    .filter((r) => r.key === undefined || keys.includes(r.key.toLowerCase()) || keys.includes(r.key))
    .flatMap((r) => r.paths.map((p) => (p === '*' ? () => true : compilePathPattern(p))));
  return (path) => matchers.some((m) => m(path));
}

function groupBy<T>(items: readonly T[], keyOf: (item: T) => string): Map<string, T[]> {
  const map = new Map<string, T[]>();
  for (const item of items) {
    const k = keyOf(item);
    const list = map.get(k);
    if (list) list.push(item);
    else map.set(k, [item]);
  }
  return map;
}

function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
