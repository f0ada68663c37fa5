import type { Coverage } from '../core/model';
import { coverageView } from './coverage';
import { safeLine } from './escape';
import { needsAttentionTitle, severityColumns, stateSummary, type FindingCounts } from './findings';
import { formatDateTime, type FormatOptions } from './format';
import { refreshUsers } from './refresh';
import { expandTemplate, type AdaptiveCard } from './render';
import type { TenantRef } from './summary-card';
import template from './templates/tenant-status.json';

export interface LastCheck {
  at: string;
  runId: string;
  coverage: Coverage;
}

export interface TenantStatusCardData {
  tenant: TenantRef;
  counts: FindingCounts;
  /** The last check that read the tenant (complete or not). Absent: never checked. */
  lastCheck?: LastCheck;
  /** The last check failed outright (no read at all), e.g. consent missing. */
  lastFailure?: { at: string; message: string };
  nextCheckAt?: string;
  /** The schedule as configured (cron text), shown as is. */
  schedule?: string;
  baseline?: { version: number; capturedAt: string };
  refreshUserIds?: readonly string[];
}

export function renderTenantStatusCard(data: TenantStatusCardData, options?: FormatOptions): AdaptiveCard {
  const { tenant } = data;
  const facts = [
    {
      title: 'Last check',
      value:
        data.lastCheck === undefined
          ? 'Never'
          : `${formatDateTime(data.lastCheck.at, options)} · run ${safeLine(data.lastCheck.runId, 40)}`,
    },
  ];
  if (data.nextCheckAt !== undefined)
    facts.push({ title: 'Next check', value: formatDateTime(data.nextCheckAt, options) });
  if (data.schedule !== undefined) facts.push({ title: 'Schedule', value: safeLine(data.schedule, 60) });
  facts.push({
    title: 'Baseline',
    value:
      data.baseline === undefined
        ? 'None yet: capture one with “baseline capture”'
        : `Version ${data.baseline.version}, captured ${formatDateTime(data.baseline.capturedAt, options)}`,
  });
  const coverage = data.lastCheck === undefined ? undefined : coverageView(data.lastCheck.coverage, options);
  const view = {
    tenantId: tenant.id,
    header: `DRIFTWATCH · STATUS`,
    title: safeLine(tenant.name, 80),
    headline: needsAttentionTitle(data.counts.attention),
    headlineColor: data.counts.attention === 0 ? 'Good' : 'Default',
    tenantLine: `Tenant ${safeLine(tenant.id, 60)}`,
    facts,
    severities: severityColumns(data.counts),
    states: stateSummary(data.counts),
    hasFailure: data.lastFailure !== undefined,
    failure:
      data.lastFailure === undefined
        ? ''
        : `Last check failed ${formatDateTime(data.lastFailure.at, options)}: ${safeLine(data.lastFailure.message, 200)}`,
    coverageComplete: coverage?.complete ?? false,
    coverageIncomplete: coverage?.incomplete ?? false,
    coverageText: coverage?.text ?? '',
    notChecked: coverage?.notChecked ?? [],
    hasActive: data.counts.attention > 0,
    moreData: { tenantId: tenant.id, offset: 0, findings: [] },
    refreshData: { card: 'status', tenantId: tenant.id, findings: [] },
    refreshUserIds: refreshUsers(data.refreshUserIds),
  };
  return expandTemplate(template, view);
}
