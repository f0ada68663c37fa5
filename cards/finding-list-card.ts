import { safeLine } from './escape';
import { findingRowView, shownFindings, type FindingLine } from './findings';
import { plural, type FormatOptions } from './format';
import { refreshUsers } from './refresh';
import { expandTemplate, fitToBudget, type AdaptiveCard } from './render';
import type { TenantRef } from './summary-card';
import template from './templates/finding-list.json';
import { Verb } from './verbs';

/** One page of findings: the summary's "N more", a portfolio row, or the `findings` command. */
export interface FindingListCardData {
  /** Absent: findings of several tenants (a portfolio channel); rows then name their tenant. */
  tenant?: TenantRef;
  /** Tenant names by id, for rows of several tenants. */
  tenantNames?: Readonly<Record<string, string>>;
  /** The filter as the user typed it, e.g. "severity>=high open". */
  filter?: string;
  /** This page, in display order (at most FINDING_LIST_PAGE_SIZE). */
  findings: readonly FindingLine[];
  /** Position of the page's first finding in the whole list. */
  offset: number;
  /** Findings matching the filter in all. */
  total: number;
  newFindingIds?: readonly string[];
  refreshUserIds?: readonly string[];
}

export const FINDING_LIST_PAGE_SIZE = 10;
const PAGE_LIMITS = [FINDING_LIST_PAGE_SIZE, 6, 3] as const;

export function renderFindingListCard(data: FindingListCardData, options?: FormatOptions): AdaptiveCard {
  const scope = data.tenant === undefined ? 'All tenants' : safeLine(data.tenant.name, 80);
  const newIds = data.newFindingIds ?? [];
  return fitToBudget(PAGE_LIMITS, (limit) => {
    const page = data.findings.slice(0, limit);
    const shown = shownFindings(page);
    const end = data.offset + page.length;
    const rows = page.map((finding) => {
      const row = findingRowView(finding, newIds.includes(finding.id), options);
      const tenantName = data.tenant === undefined ? data.tenantNames?.[finding.tenantId] : undefined;
      return tenantName === undefined
        ? row
        : { ...row, subtitle: `${safeLine(tenantName, 40)} · ${row.subtitle}` };
    });
    const view = {
      tenantId: data.tenant?.id ?? '',
      header: `DRIFTWATCH · ${scope}`,
      title:
        data.total === 0
          ? 'No findings match'
          : `Findings ${data.offset + 1}–${end} of ${data.total.toLocaleString('en-GB')}`,
      subtitle:
        data.filter === undefined || data.filter.trim() === ''
          ? 'Needing attention, worst first'
          : `Filter: ${safeLine(data.filter, 80)}`,
      findings: rows,
      hasNext: end < data.total,
      nextText: `${plural(data.total - end, 'more finding')}.`,
      nextData: { ...scopeData(data.tenant), offset: end, findings: shown },
      hasPrevious: data.offset > 0,
      previousData: {
        ...scopeData(data.tenant),
        offset: Math.max(0, data.offset - FINDING_LIST_PAGE_SIZE),
        findings: shown,
      },
      nextSubmitData: { verb: Verb.More, ...scopeData(data.tenant), offset: end, findings: shown },
      previousSubmitData: {
        verb: Verb.More,
        ...scopeData(data.tenant),
        offset: Math.max(0, data.offset - FINDING_LIST_PAGE_SIZE),
        findings: shown,
      },
      refreshData: { card: 'findings', ...scopeData(data.tenant), offset: data.offset, findings: shown },
      refreshUserIds: refreshUsers(data.refreshUserIds),
    };
    return expandTemplate(template, view);
  });
}

function scopeData(tenant: TenantRef | undefined): { tenantId?: string } {
  return tenant === undefined ? {} : { tenantId: tenant.id };
}
