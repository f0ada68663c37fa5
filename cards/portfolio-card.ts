import { safeLine } from './escape';
import type { FindingCounts } from './findings';
import {
  SEVERITY_COLOR,
  formatDateTime,
  formatShortDateTime,
  plural,
  type FormatOptions,
  type TextColor,
} from './format';
import { refreshUsers } from './refresh';
import { expandTemplate, fitToBudget, type AdaptiveCard } from './render';
import type { TenantRef } from './summary-card';
import template from './templates/portfolio.json';
import { SEVERITIES } from '../core/model';

/** How the tenant's last check went. */
export type CheckStatus = 'complete' | 'incomplete' | 'failed' | 'never';

export interface PortfolioRow {
  tenant: TenantRef;
  counts: FindingCounts;
  lastCheckedAt?: string;
  checkStatus: CheckStatus;
}

export interface PortfolioCardData {
  tenants: readonly PortfolioRow[];
  generatedAt: string;
  refreshUserIds?: readonly string[];
}

export const PORTFOLIO_ROW_LIMITS = [25, 15, 8] as const;

const STATUS_RANK: Record<CheckStatus, number> = { failed: 0, incomplete: 1, never: 2, complete: 3 };

/** Worst first: most critical, then high, medium, low; then failed or incomplete checks; then name. */
export function portfolioOrder(a: PortfolioRow, b: PortfolioRow): number {
  for (const severity of SEVERITIES) {
    const difference = b.counts.bySeverity[severity] - a.counts.bySeverity[severity];
    if (difference !== 0) return difference;
  }
  return (
    STATUS_RANK[a.checkStatus] - STATUS_RANK[b.checkStatus] ||
    a.tenant.name.localeCompare(b.tenant.name, 'en') ||
    a.tenant.id.localeCompare(b.tenant.id, 'en')
  );
}

const STATUS_TEXT: Record<CheckStatus, { text: string; color: TextColor }> = {
  complete: { text: '', color: 'default' },
  incomplete: { text: 'incomplete', color: 'warning' },
  failed: { text: 'check failed', color: 'attention' },
  never: { text: 'never checked', color: 'warning' },
};

export function renderPortfolioCard(data: PortfolioCardData, options?: FormatOptions): AdaptiveCard {
  const ordered = [...data.tenants].sort(portfolioOrder);
  const attention = ordered.reduce((sum, row) => sum + row.counts.attention, 0);
  const unhealthy = ordered.filter((row) => row.checkStatus !== 'complete').length;
  return fitToBudget(PORTFOLIO_ROW_LIMITS, (limit) => {
    const listed = ordered.slice(0, limit);
    const more = ordered.length - listed.length;
    const view = {
      header: 'DRIFTWATCH · PORTFOLIO',
      title: `${plural(ordered.length, 'tenant')} · ${plural(attention, 'finding')} need${attention === 1 ? 's' : ''} attention`,
      subtitle: `As of ${formatDateTime(data.generatedAt, options)}`,
      hasUnhealthy: unhealthy > 0,
      unhealthyText: `${plural(unhealthy, 'tenant')} not fully checked: their findings may be out of date.`,
      rows: listed.map((row) => ({
        tenantId: row.tenant.id,
        name: `**${safeLine(row.tenant.name, 50)}**`,
        counts: SEVERITIES.map((severity) => {
          const count = row.counts.bySeverity[severity];
          return {
            count: count === 0 ? '–' : count.toLocaleString('en-GB'),
            color: count === 0 ? 'default' : SEVERITY_COLOR[severity],
          };
        }),
        checked: row.lastCheckedAt === undefined ? 'never' : formatShortDateTime(row.lastCheckedAt, options),
        status: STATUS_TEXT[row.checkStatus].text,
        statusColor: STATUS_TEXT[row.checkStatus].color,
        hasStatus: row.checkStatus !== 'complete',
      })),
      hasRows: listed.length > 0,
      noTenants: ordered.length === 0,
      hasMore: more > 0,
      moreText: `and ${plural(more, 'more tenant')}, ordered by severity; ask “status <tenant>” for any of them.`,
      refreshData: { card: 'portfolio', findings: [] },
      refreshUserIds: refreshUsers(data.refreshUserIds),
    };
    return expandTemplate(template, view);
  });
}
