import { z } from 'zod';
import type { Change, FindingKind, Severity } from '../model';
import { SEVERITIES } from '../model';
import { POLICY_TYPES } from '../registry';
import { canonicalJson } from './canonical';
import { compilePathPattern } from './path-pattern';

/** What happened to one property: the severity table can tell a removed assignment from an added one. */
export type ChangeKind = 'added' | 'removed' | 'changed';

/**
 * One row of the severity table. The first row that matches a change decides its severity; a finding
 * takes the highest severity of its changes (missing/added objects match rows without `path`).
 */
export interface SeverityRule {
  /** Registry key, or `*` for every type. */
  policyType: string;
  /** Finding kind; omitted = any. */
  kind?: FindingKind;
  /** Change-path pattern (see path-pattern.ts); omitted = the object as a whole. */
  path?: string;
  change?: ChangeKind;
  /** Matches only when the current value equals this. */
  to?: unknown;
  severity: Severity;
  why: string;
}

/** Rules every type gets after its own registry hints: the defaults of architecture.md §Severity. */
const GENERIC_RULES: SeverityRule[] = [
  { policyType: '*', kind: 'missing', severity: 'high', why: 'a policy in the baseline was deleted' },
  { policyType: '*', kind: 'added', severity: 'medium', why: 'a policy not in the baseline appeared' },
  {
    policyType: '*',
    path: 'assignments[*]',
    change: 'removed',
    severity: 'high',
    why: 'assignment removed: the policy reaches fewer devices or users',
  },
  {
    policyType: '*',
    path: 'assignments[exclusionGroup:*]',
    change: 'added',
    severity: 'high',
    why: 'exclusion added: the policy reaches fewer devices or users',
  },
  { policyType: '*', path: 'assignments[*].target', severity: 'high', why: 'assignment filter changed' },
  { policyType: '*', path: 'assignments[*]', severity: 'medium', why: 'assignment added' },
  { policyType: '*', path: 'displayName', severity: 'low', why: 'name only' },
  { policyType: '*', path: 'name', severity: 'low', why: 'name only' },
  { policyType: '*', path: 'description', severity: 'low', why: 'description only' },
  { policyType: '*', path: 'roleScopeTagIds', severity: 'low', why: 'scope tags (who administers it)' },
  { policyType: '*', severity: 'medium', why: 'setting changed' },
];

/** The built-in table: registry hints per type, then the generic rules. Users' rules go in front. */
export const DEFAULT_SEVERITY_RULES: readonly SeverityRule[] = [
  ...POLICY_TYPES.flatMap((def) => def.severityHints.map((h) => ({ policyType: def.key, ...h }))),
  ...GENERIC_RULES,
];

const SeverityRuleSchema = z
  .object({
    policyType: z.string().min(1),
    kind: z.enum(['modified', 'missing', 'added']).optional(),
    path: z.string().min(1).optional(),
    change: z.enum(['added', 'removed', 'changed']).optional(),
    to: z.unknown().optional(),
    severity: z.enum(SEVERITIES),
    why: z.string().default('user rule'),
  })
  .strict();

const SeverityRulesFile = z.object({ rules: z.array(SeverityRuleSchema) }).strict();

/** Validate users' rules (from a JSON or YAML file, already parsed); throws with every problem listed. */
export function parseSeverityRules(data: unknown): SeverityRule[] {
  // A bare list or `{ rules: [...] }`: both read naturally in JSON and YAML.
  const parsed = SeverityRulesFile.safeParse(Array.isArray(data) ? { rules: data } : data);
  if (!parsed.success)
    throw new Error(
      `invalid severity rules: ${parsed.error.issues.map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`).join('; ')}`,
    );
  return parsed.data.rules;
}

export function changeKindOf(change: Change): ChangeKind {
  if (change.baseline === null) return 'added';
  if (change.current === null) return 'removed';
  return 'changed';
}

/** Severity of one change of a modified object. */
export function severityOfChange(
  policyType: string,
  change: Change,
  rules: readonly SeverityRule[],
): Severity {
  const kind = changeKindOf(change);
  for (const rule of rules) {
    if (rule.policyType !== '*' && rule.policyType !== policyType) continue;
    if (rule.kind && rule.kind !== 'modified') continue;
    if (rule.change && rule.change !== kind) continue;
    if (rule.to !== undefined && canonicalJson(rule.to) !== canonicalJson(change.current)) continue;
    if (rule.path && !compilePathPattern(rule.path)(change.path)) continue;
    return rule.severity;
  }
  return 'medium';
}

/** Severity of a finding: a missing/added object by its kind, a modified one by its worst change. */
export function severityOf(
  policyType: string,
  kind: FindingKind,
  changes: readonly Change[],
  rules: readonly SeverityRule[],
): Severity {
  if (kind !== 'modified') {
    const rule = rules.find(
      (r) => (r.policyType === '*' || r.policyType === policyType) && r.kind === kind && r.path === undefined,
    );
    return rule?.severity ?? 'medium';
  }
  return changes.reduce<Severity>((worst, c) => higher(worst, severityOfChange(policyType, c, rules)), 'low');
}

function higher(a: Severity, b: Severity): Severity {
  return SEVERITIES.indexOf(a) <= SEVERITIES.indexOf(b) ? a : b;
}
