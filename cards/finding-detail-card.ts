import type { Attribution, Finding, HistoryEntry } from '../core/model';
import { escapeMarkdown, safeLine, shorten } from './escape';
import { stateText, type FindingLine } from './findings';
import {
  KIND_LABEL,
  SEVERITY_COLOR,
  SEVERITY_LABEL,
  STATE_LABEL,
  actionLabel,
  formatDateTime,
  plural,
  valueText,
  type FormatOptions,
  typeLabel,
} from './format';
import { refreshUsers } from './refresh';
import { expandTemplate, fitToBudget, type AdaptiveCard } from './render';
import type { TenantRef } from './summary-card';
import template from './templates/finding-detail.json';

/** A finding with what the detail card shows. A core `Finding` fits as it is. */
export type FindingDetail = FindingLine &
  Pick<Finding, 'firstSeenAt' | 'lastSeenAt' | 'history'> & { reason?: string };

export interface FindingDetailCardData {
  tenant: TenantRef;
  finding: FindingDetail;
  /** First change to list (paging through findings with many changed settings). Default 0. */
  changesOffset?: number;
  refreshUserIds?: readonly string[];
}

/** How much the card shows; the render takes the largest level that fits the budget. */
interface DetailLevel {
  changes: number;
  cell: number;
  whole: number;
  history: number;
}

export const DETAIL_LEVELS: readonly DetailLevel[] = [
  { changes: 12, cell: 60, whole: 4_000, history: 8 },
  { changes: 12, cell: 60, whole: 1_500, history: 8 },
  { changes: 10, cell: 48, whole: 600, history: 6 },
  { changes: 8, cell: 40, whole: 250, history: 4 },
  { changes: 5, cell: 32, whole: 120, history: 3 },
];

const EMPTY_CHANGES: Record<Finding['kind'], string> = {
  modified: 'No property-level changes were recorded.',
  missing: 'The object is in the baseline but no longer in the tenant.',
  added: 'The object is in the tenant but not in the baseline.',
};

export function renderFindingDetailCard(data: FindingDetailCardData, options?: FormatOptions): AdaptiveCard {
  const { finding, tenant } = data;
  const changes = [...finding.changes].sort((a, b) => a.path.localeCompare(b.path, 'en'));
  const offset = Math.min(data.changesOffset ?? 0, Math.max(0, changes.length - 1));
  return fitToBudget(DETAIL_LEVELS, (level) => {
    const page = changes.slice(offset, offset + level.changes);
    const rows = page.map((change) => ({
      path: escapeMarkdown(shorten(change.path, level.cell + 20)),
      baseline: escapeMarkdown(shorten(valueText(change.baseline), level.cell)),
      current: escapeMarkdown(shorten(valueText(change.current), level.cell)),
    }));
    const shortened = page.filter(
      (change) =>
        valueText(change.baseline).length > level.cell || valueText(change.current).length > level.cell,
    );
    const next = offset + page.length;
    const findingRef = { tenantId: tenant.id, findingId: finding.id, version: finding.version };
    const view = {
      ...findingRef,
      header: `DRIFTWATCH · ${safeLine(tenant.name, 80)}`,
      title: safeLine(finding.displayName, 120),
      subtitle: `${SEVERITY_LABEL[finding.severity].toUpperCase()} · ${safeLine(typeLabel(finding.policyType, options), 60)} · ${KIND_LABEL[finding.kind]}`,
      severityColor: SEVERITY_COLOR[finding.severity],
      facts: facts(finding, options),
      hasChanges: page.length > 0,
      noChanges: page.length === 0,
      noChangesText: EMPTY_CHANGES[finding.kind],
      changesTitle: changesTitle(finding, offset, page.length),
      changes: rows,
      hasShortened: shortened.length > 0,
      whole: shortened.map((change) => ({
        path: escapeMarkdown(change.path),
        baseline: wholeValue(change.baseline, level.whole),
        current: wholeValue(change.current, level.whole),
      })),
      hasMoreChanges: next < changes.length,
      moreChangesText: `${plural(changes.length - next, 'more change')}.`,
      nextChangesOffset: next,
      hasEarlierChanges: offset > 0,
      previousChangesOffset: Math.max(0, offset - level.changes),
      hasHistory: finding.history.length > 0,
      history: historyLines(finding.history, level.history, options),
      hasOlderHistory: finding.history.length > level.history,
      olderHistoryText: `${plural(finding.history.length - level.history, 'earlier entry', 'earlier entries')} in the audit log.`,
      isOpen: finding.state === 'open',
      refreshData: {
        card: 'detail',
        tenantId: tenant.id,
        findingId: finding.id,
        findings: [{ id: finding.id, version: finding.version }],
      },
      refreshUserIds: refreshUsers(data.refreshUserIds),
    };
    return expandTemplate(template, view);
  });
}

function facts(finding: FindingDetail, options?: FormatOptions): { title: string; value: string }[] {
  const rows = [{ title: 'State', value: escapeMarkdown(stateText(finding, options)) }];
  if (finding.reason !== undefined && finding.reason.length > 0) {
    rows.push({ title: 'Reason', value: safeLine(finding.reason, 300) });
  }
  rows.push(
    { title: 'First seen', value: formatDateTime(finding.firstSeenAt, options) },
    { title: 'Last seen', value: formatDateTime(finding.lastSeenAt, options) },
  );
  if (finding.attribution) rows.push({ title: 'Changed by', value: changedBy(finding.attribution, options) });
  return rows;
}

/** "adele@contoso.com via Microsoft Intune portal extension, 3 Dec 2025, 14:02 UTC": Graph text, so escaped. */
function changedBy(attribution: Attribution, options?: FormatOptions): string {
  const via = attribution.via === undefined ? '' : ` via ${safeLine(attribution.via, 80)}`;
  return `${safeLine(attribution.by, 120)}${via}, ${formatDateTime(attribution.at, options)}`;
}

function changesTitle(finding: FindingDetail, offset: number, shown: number): string {
  const total = finding.changes.length;
  if (shown === total) return `What changed (${plural(total, 'setting')})`;
  return `What changed: settings ${offset + 1}–${offset + shown} of ${total}`;
}

function wholeValue(value: unknown, max: number): string {
  const text = valueText(value);
  if (text.length <= max) return escapeMarkdown(text);
  return `${escapeMarkdown(text.slice(0, max))}… (cut at ${max.toLocaleString('en-GB')} of ${text.length.toLocaleString('en-GB')} characters)`;
}

function historyLines(
  history: readonly HistoryEntry[],
  max: number,
  options?: FormatOptions,
): { line: string }[] {
  return [...history]
    .sort((a, b) => b.at.localeCompare(a.at))
    .slice(0, max)
    .map((entry) => {
      const who = entry.actor === null ? 'Driftwatch' : `**${safeLine(entry.actor.name, 60)}**`;
      const move = entry.from === entry.to ? '' : ` (${STATE_LABEL[entry.from]} → ${STATE_LABEL[entry.to]})`;
      const reason = entry.reason === undefined ? '' : `: ${safeLine(entry.reason, 140)}`;
      return {
        line: `${formatDateTime(entry.at, options)} · ${who} ${safeLine(actionLabel(entry.action), 50)}${move}${reason}`,
      };
    });
}
