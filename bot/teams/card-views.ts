import {
  FINDING_LIST_PAGE_SIZE,
  attentionOrder,
  countFindings,
  needsAttention,
  renderFindingDetailCard,
  renderFindingListCard,
  renderPortfolioCard,
  renderSummaryCard,
  renderTenantStatusCard,
  summaryCardDataFrom,
  type AdaptiveCard,
  type FindingCounts,
  type PortfolioRow,
} from '../../cards';
import type { CheckRun } from '../../core/checks/check-run';
import { SEVERITIES, type Finding, type FindingState, type Severity, type Tenant } from '../../core/model';
import type { BotDeps } from './bot-deps';
import { CARD_FORMAT } from './card-format';

type ViewDeps = Pick<BotDeps, 'stores' | 'checks' | 'tenants' | 'clock'>;

export function atLeast(severity: Severity, floor: Severity): boolean {
  return SEVERITIES.indexOf(severity) <= SEVERITIES.indexOf(floor);
}

/** Counts of each tenant from one grouped count query, without loading a finding. */
async function countsByTenant(
  tenantIds: readonly string[],
  deps: ViewDeps,
): Promise<(tenantId: string) => FindingCounts> {
  const groups = await deps.stores.findings.count({ tenantIds });
  return (tenantId) => countFindings(groups.filter((g) => g.tenantId === tenantId));
}

export async function tenantStatusCard(tenant: Tenant, deps: ViewDeps): Promise<AdaptiveCard> {
  const [countsOf, run, baseline] = await Promise.all([
    countsByTenant([tenant.id], deps),
    deps.checks.lastRun(tenant.id),
    deps.stores.baselines.versions(tenant.id),
  ]);
  const latest = baseline[0];
  return renderTenantStatusCard(
    {
      tenant: { id: tenant.id, name: tenant.name },
      counts: countsOf(tenant.id),
      ...(run?.finishedAt && run.status !== 'failed'
        ? { lastCheck: { at: run.finishedAt, runId: run.id, coverage: run.coverage } }
        : {}),
      ...(run?.status === 'failed' && run.error
        ? { lastFailure: { at: run.finishedAt ?? run.startedAt, message: run.error.message } }
        : {}),
      ...(tenant.schedule ? { schedule: tenant.schedule } : {}),
      ...(latest ? { baseline: { version: latest.version, capturedAt: latest.createdAt } } : {}),
    },
    CARD_FORMAT,
  );
}

function checkStatusOf(run: CheckRun | undefined): PortfolioRow['checkStatus'] {
  if (!run) return 'never';
  if (run.status === 'failed' || run.status === 'abandoned') return 'failed';
  if (run.status === 'partial') return 'incomplete';
  return 'complete';
}

export async function portfolioCard(deps: ViewDeps): Promise<AdaptiveCard> {
  const tenants = await deps.tenants.list();
  const [countsOf, runs] = await Promise.all([
    countsByTenant(
      tenants.map((t) => t.id),
      deps,
    ),
    Promise.all(tenants.map((t) => deps.checks.lastRun(t.id))),
  ]);
  const rows = tenants.map((tenant, i): PortfolioRow => {
    const run = runs[i];
    return {
      tenant: { id: tenant.id, name: tenant.name },
      counts: countsOf(tenant.id),
      checkStatus: checkStatusOf(run),
      ...(run?.finishedAt ? { lastCheckedAt: run.finishedAt } : {}),
    };
  });
  return renderPortfolioCard({ tenants: rows, generatedAt: deps.clock.now().toISOString() }, CARD_FORMAT);
}

/** The summary of one tenant as of `run` (or of now, without a run). */
export async function summaryCard(
  tenant: Tenant,
  deps: ViewDeps,
  options: {
    run?: CheckRun;
    newFindingIds?: string[];
    reopenedFindingIds?: string[];
    changedFindingIds?: string[];
    resolved?: number;
    floor?: Severity;
  } = {},
): Promise<AdaptiveCard> {
  const all = await deps.stores.findings.list(tenant.id);
  const run = options.run ?? (await deps.checks.lastRun(tenant.id));
  const findings = options.floor ? all.filter((f) => atLeast(f.severity, options.floor ?? 'low')) : all;
  return renderSummaryCard(
    summaryCardDataFrom({
      tenant: { id: tenant.id, name: tenant.name },
      checkedAt: run?.finishedAt ?? run?.startedAt ?? deps.clock.now().toISOString(),
      runId: run?.id ?? 'none',
      coverage: run?.coverage ?? {},
      findings,
      newFindingIds: options.newFindingIds ?? [],
      reopenedFindingIds: options.reopenedFindingIds ?? [],
      changedFindingIds: options.changedFindingIds ?? [],
      resolvedSinceLastPost: options.resolved ?? 0,
    }),
    CARD_FORMAT,
  );
}

export function detailCard(tenant: Tenant, finding: Finding, changesOffset = 0): AdaptiveCard {
  return renderFindingDetailCard(
    { tenant: { id: tenant.id, name: tenant.name }, finding, changesOffset },
    CARD_FORMAT,
  );
}

export interface ListQuery {
  /** Absent: every tenant. */
  tenant?: Tenant;
  minSeverity?: Severity;
  state?: FindingState | 'all';
  offset: number;
  filterText?: string;
}

/** One page of findings, worst first. Without a state filter: the ones needing attention. */
export async function findingListCard(query: ListQuery, deps: ViewDeps): Promise<AdaptiveCard> {
  const tenants = query.tenant ? [query.tenant] : await deps.tenants.list();
  const states: FindingState[] | undefined =
    query.state === undefined || query.state === 'all' ? undefined : [query.state];
  const lists = await Promise.all(
    tenants.map((t) =>
      deps.stores.findings.list(t.id, {
        ...(query.minSeverity ? { minSeverity: query.minSeverity } : {}),
        ...(states ? { states } : {}),
      }),
    ),
  );
  const matching = attentionOrder(
    lists.flat().filter((f) => (query.state === undefined ? needsAttention(f.state) : true)),
  );
  const offset = Math.min(query.offset, Math.max(0, matching.length - 1));
  return renderFindingListCard(
    {
      ...(query.tenant ? { tenant: { id: query.tenant.id, name: query.tenant.name } } : {}),
      tenantNames: Object.fromEntries(tenants.map((t) => [t.id, t.name])),
      ...(query.filterText ? { filter: query.filterText } : {}),
      findings: matching.slice(offset, offset + FINDING_LIST_PAGE_SIZE),
      offset,
      total: matching.length,
    },
    CARD_FORMAT,
  );
}
