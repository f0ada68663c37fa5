import {
  FINDING_STATES,
  SEVERITIES,
  type Actor,
  type Attribution,
  type Finding,
  type FindingState,
  type Severity,
} from '../core/model';
import { safeLine, shorten } from './escape';
import {
  KIND_LABEL,
  SEVERITY_COLOR,
  SEVERITY_LABEL,
  STATE_LABEL,
  formatDate,
  plural,
  type FormatOptions,
  type TextColor,
  typeLabel,
} from './format';
import type { ShownFinding } from './verbs';

/** What a card needs of a finding. A core `Finding` fits as it is. */
export type FindingLine = Pick<
  Finding,
  'id' | 'tenantId' | 'version' | 'policyType' | 'displayName' | 'kind' | 'severity' | 'state' | 'changes'
> & { assignee?: Actor; until?: string; attribution?: Attribution };

/** Counts over a tenant's findings (or several tenants'). */
export interface FindingCounts {
  /** Findings that need attention (open or acknowledged), by severity. */
  bySeverity: Record<Severity, number>;
  /** Every finding, by state. */
  byState: Record<FindingState, number>;
  /** Findings that need attention (open or acknowledged). */
  attention: number;
}

export function emptyCounts(): FindingCounts {
  return {
    bySeverity: { critical: 0, high: 0, medium: 0, low: 0 },
    byState: {
      open: 0,
      acknowledged: 0,
      exception: 0,
      snoozed: 0,
      accepted: 0,
      false_positive: 0,
      resolved: 0,
    },
    attention: 0,
  };
}

/**
 * States that ask for someone's attention. Exceptions and snoozes are silenced on purpose and closed
 * findings are done; the cards count those by state only.
 */
export const ATTENTION_STATES: readonly FindingState[] = ['open', 'acknowledged'];

export function needsAttention(state: FindingState): boolean {
  return ATTENTION_STATES.includes(state);
}

/**
 * Count findings by severity (those needing attention) and by state (all). An entry with `count` stands
 * for that many findings, so a store's grouped count fits without loading the findings.
 */
export function countFindings(
  findings: readonly (Pick<Finding, 'severity' | 'state'> & { count?: number })[],
): FindingCounts {
  const counts = emptyCounts();
  for (const finding of findings) {
    const n = finding.count ?? 1;
    counts.byState[finding.state] += n;
    if (needsAttention(finding.state)) {
      counts.bySeverity[finding.severity] += n;
      counts.attention += n;
    }
  }
  return counts;
}

const SEVERITY_RANK: Record<Severity, number> = { critical: 0, high: 1, medium: 2, low: 3 };
// Open findings need someone first; silenced ones last.
const STATE_RANK: Record<FindingState, number> = {
  open: 0,
  acknowledged: 1,
  exception: 2,
  snoozed: 3,
  accepted: 4,
  false_positive: 5,
  resolved: 6,
};

/** Worst first: severity, then open before acknowledged before silenced, then by name and id. */
export function byAttention(a: FindingLine, b: FindingLine): number {
  return (
    SEVERITY_RANK[a.severity] - SEVERITY_RANK[b.severity] ||
    STATE_RANK[a.state] - STATE_RANK[b.state] ||
    a.displayName.localeCompare(b.displayName, 'en') ||
    a.id.localeCompare(b.id, 'en')
  );
}

/** Findings that need attention, worst first. */
export function attentionOrder<T extends FindingLine>(findings: readonly T[]): T[] {
  return findings.filter((finding) => needsAttention(finding.state)).sort(byAttention);
}

/** "modified: passwordMinimumLength, state (+2 more)" in one line. */
export function whatChanged(finding: Pick<FindingLine, 'kind' | 'changes'>): string {
  if (finding.kind !== 'modified' || finding.changes.length === 0) return KIND_LABEL[finding.kind];
  const paths = finding.changes.slice(0, 2).map((change) => shorten(change.path, 40));
  const rest = finding.changes.length - paths.length;
  return `modified: ${paths.join(', ')}${rest > 0 ? ` (+${rest} more)` : ''}`;
}

/** The state as a short phrase: "Snoozed until 9 Dec 2025 · Megan Bowen investigating". */
export function stateText(
  finding: Pick<FindingLine, 'state' | 'until' | 'assignee'>,
  options?: FormatOptions,
): string {
  const until =
    finding.until !== undefined && (finding.state === 'snoozed' || finding.state === 'exception')
      ? ` until ${formatDate(finding.until, options)}`
      : '';
  const assignee = finding.assignee ? ` · ${finding.assignee.name} investigating` : '';
  return `${STATE_LABEL[finding.state]}${until}${assignee}`;
}

/** The formatted, escaped row a template shows for one finding. */
export interface FindingRowView {
  id: string;
  tenantId: string;
  version: number;
  severity: string;
  severityColor: TextColor;
  title: string;
  subtitle: string;
  isOpen: boolean;
  isNew: boolean;
}

export function findingRowView(
  finding: FindingLine,
  isNew: boolean,
  options?: FormatOptions,
): FindingRowView {
  const by = finding.attribution ? ` · by ${finding.attribution.by}` : '';
  const subtitle = `${typeLabel(finding.policyType, options)} · ${whatChanged(finding)} · ${stateText(finding, options)}${by}`;
  return {
    id: finding.id,
    tenantId: finding.tenantId,
    version: finding.version,
    severity: SEVERITY_LABEL[finding.severity].toUpperCase(),
    severityColor: SEVERITY_COLOR[finding.severity],
    title: `**${safeLine(finding.displayName, 80)}**${isNew ? ' · NEW' : ''}`,
    subtitle: safeLine(subtitle, 140),
    isOpen: finding.state === 'open',
    isNew,
  };
}

export function shownFindings(findings: readonly Pick<FindingLine, 'id' | 'version'>[]): ShownFinding[] {
  return findings.map((finding) => ({ id: finding.id, version: finding.version }));
}

/** "Critical 2 · High 5" columns for the templates, one per severity. */
export function severityColumns(counts: FindingCounts): { label: string; count: string; color: TextColor }[] {
  return SEVERITIES.map((severity) => ({
    label: SEVERITY_LABEL[severity],
    count: counts.bySeverity[severity].toLocaleString('en-GB'),
    color: counts.bySeverity[severity] > 0 ? SEVERITY_COLOR[severity] : 'default',
  }));
}

/** "Open 9 · Acknowledged 3 · Snoozed 1": non-zero states only, in lifecycle order. */
export function stateSummary(counts: FindingCounts): string {
  const parts = FINDING_STATES.filter((state) => counts.byState[state] > 0).map(
    (state) => `${STATE_LABEL[state]} ${counts.byState[state]}`,
  );
  return parts.length === 0 ? 'No findings' : parts.join(' · ');
}

export function needsAttentionTitle(count: number): string {
  return count === 0
    ? 'No drift needs attention'
    : `${plural(count, 'finding')} need${count === 1 ? 's' : ''} attention`;
}
