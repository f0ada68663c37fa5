import type { Actor, Coverage, Finding, HistoryEntry } from '../core/model';
import { coverageView } from './coverage';
import { safeLine } from './escape';
import {
  attentionOrder,
  countFindings,
  findingRowView,
  needsAttentionTitle,
  severityColumns,
  shownFindings,
  stateSummary,
  type FindingCounts,
  type FindingLine,
} from './findings';
import { actionLabel, formatDateTime, plural, type FormatOptions } from './format';
import { refreshUsers } from './refresh';
import { expandTemplate, fitToBudget, type AdaptiveCard } from './render';
import template from './templates/summary.json';

export interface TenantRef {
  id: string;
  name: string;
}

/** Who did what last, for the footer: "Megan Bowen acknowledged “Require MFA” · 14:02". */
export interface LastAction {
  actor: Actor;
  /** A past-tense verb phrase: "acknowledged", "snoozed", "accepted into the baseline". */
  action: string;
  at: string;
  findingName?: string;
}

export interface SinceLastPost {
  new: number;
  reopened: number;
  resolved: number;
  /** Still open, drifted further since the last post. */
  changed?: number;
}

/** One tenant, one check. */
export interface SummaryCardData {
  tenant: TenantRef;
  checkedAt: string;
  runId: string;
  coverage: Coverage;
  counts: FindingCounts;
  sinceLastPost: SinceLastPost;
  /** Findings to list (any order, may be all of them): the card shows the worst first and counts the rest. */
  findings: readonly FindingLine[];
  /** Findings new or reopened since the last post: marked NEW. */
  newFindingIds: readonly string[];
  lastAction?: LastAction;
  /** Who gets an automatic refresh (at most 60 MRIs). Default none: Teams shows "Refresh card" only. */
  refreshUserIds?: readonly string[];
}

/** Most findings listed on a summary; fewer when the card would exceed the size budget. */
export const SUMMARY_LIST_LIMITS = [8, 6, 4, 2, 0] as const;

export function renderSummaryCard(data: SummaryCardData, options?: FormatOptions): AdaptiveCard {
  const ordered = attentionOrder(data.findings);
  return fitToBudget(SUMMARY_LIST_LIMITS, (limit) => {
    const listed = ordered.slice(0, limit);
    const more = Math.max(0, data.counts.attention - listed.length);
    const shown = shownFindings(listed);
    const view = {
      tenantId: data.tenant.id,
      header: `DRIFTWATCH · ${safeLine(data.tenant.name, 80)}`,
      title: needsAttentionTitle(data.counts.attention),
      checked: `Checked ${formatDateTime(data.checkedAt, options)} · run ${safeLine(data.runId, 40)}`,
      sinceLastPost: sinceLastPostText(data.sinceLastPost),
      severities: severityColumns(data.counts),
      states: stateSummary(data.counts),
      coverage: coverageView(data.coverage, options),
      hasFindings: listed.length > 0,
      findings: listed.map((finding) =>
        findingRowView(finding, data.newFindingIds.includes(finding.id), options),
      ),
      hasMore: more > 0,
      moreText: `${plural(more, 'more finding')} need${more === 1 ? 's' : ''} attention.`,
      hasActive: data.counts.attention > 0,
      moreData: { tenantId: data.tenant.id, offset: listed.length, findings: shown },
      hasFooter: data.lastAction !== undefined,
      footer: data.lastAction === undefined ? '' : `Last action: ${lastActionText(data.lastAction, options)}`,
      refreshData: { card: 'summary', tenantId: data.tenant.id, runId: data.runId, findings: shown },
      refreshUserIds: refreshUsers(data.refreshUserIds),
    };
    return expandTemplate(template, view);
  });
}

function sinceLastPostText(since: SinceLastPost): string {
  const parts: string[] = [];
  if (since.new > 0) parts.push(`${since.new} new`);
  if (since.reopened > 0) parts.push(`${since.reopened} reopened`);
  if ((since.changed ?? 0) > 0) parts.push(`${since.changed} changed`);
  if (since.resolved > 0) parts.push(`${since.resolved} resolved`);
  return parts.length === 0
    ? 'Nothing changed since the last post.'
    : `Since the last post: ${parts.join(', ')}.`;
}

export function lastActionText(last: LastAction, options?: FormatOptions): string {
  const what = last.findingName === undefined ? '' : ` “${safeLine(last.findingName, 60)}”`;
  return `${safeLine(last.actor.name, 60)} ${safeLine(actionLabel(last.action), 40)}${what} · ${formatDateTime(last.at, options)}`;
}

/** What the bot knows after a check, in core's terms. */
export interface SummaryInput {
  tenant: TenantRef;
  checkedAt: string;
  runId: string;
  coverage: Coverage;
  /** All of the tenant's findings (any state). */
  findings: readonly Finding[];
  newFindingIds?: readonly string[];
  reopenedFindingIds?: readonly string[];
  /** Open findings that drifted further: counted as changed, not marked NEW. */
  changedFindingIds?: readonly string[];
  resolvedSinceLastPost?: number;
  refreshUserIds?: readonly string[];
}

/** Most findings a summary keeps from the input: the card never lists more. */
const KEPT_FINDINGS = SUMMARY_LIST_LIMITS[0];

/** Build the summary's data from core findings: counts, worst first, and the latest human action. */
export function summaryCardDataFrom(input: SummaryInput): SummaryCardData {
  const newIds = input.newFindingIds ?? [];
  const reopenedIds = input.reopenedFindingIds ?? [];
  const lastAction = latestHumanAction(input.findings);
  return {
    tenant: { id: input.tenant.id, name: input.tenant.name },
    checkedAt: input.checkedAt,
    runId: input.runId,
    coverage: input.coverage,
    counts: countFindings(input.findings),
    sinceLastPost: {
      new: newIds.length,
      reopened: reopenedIds.length,
      resolved: input.resolvedSinceLastPost ?? 0,
      ...(input.changedFindingIds?.length ? { changed: input.changedFindingIds.length } : {}),
    },
    findings: attentionOrder(input.findings).slice(0, KEPT_FINDINGS),
    newFindingIds: [...newIds, ...reopenedIds],
    ...(lastAction === undefined ? {} : { lastAction }),
    ...(input.refreshUserIds === undefined ? {} : { refreshUserIds: input.refreshUserIds }),
  };
}

/** The most recent history entry made by a person, across the findings. */
export function latestHumanAction(
  findings: readonly Pick<Finding, 'displayName' | 'history'>[],
): LastAction | undefined {
  let latest: { entry: HistoryEntry & { actor: Actor }; findingName: string } | undefined;
  for (const finding of findings) {
    for (const entry of finding.history) {
      if (entry.actor === null) continue;
      if (latest === undefined || entry.at > latest.entry.at) {
        latest = { entry: { ...entry, actor: entry.actor }, findingName: finding.displayName };
      }
    }
  }
  if (latest === undefined) return undefined;
  return {
    actor: latest.entry.actor,
    action: latest.entry.action,
    at: latest.entry.at,
    findingName: latest.findingName,
  };
}
