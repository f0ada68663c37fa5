import type { Drift, Finding } from '../model';
import type { FindingStore } from './finding-store';
import { findingIdOf } from './finding-identity';
import { reconcileFindings, type ReconcileContext, type ReconcileSummary } from './reconcile-findings';

const MAX_ATTEMPTS = 3;

export interface UpdateFindingsOutcome {
  summary: ReconcileSummary;
  /** Findings still changed by someone else after every attempt: left for the next check. */
  conflicts: string[];
}

/**
 * A check's step "update findings": reconcile the tenant's stored findings with the drift and store
 * the outcome. A person clicking a card meanwhile wins; those findings are reconciled again over
 * what they did, so no decision is overwritten.
 */
export async function updateFindings(
  findings: FindingStore,
  drifts: readonly Drift[],
  ctx: ReconcileContext,
): Promise<UpdateFindingsOutcome> {
  const first = reconcileFindings(await findings.list(ctx.tenantId), drifts, ctx);
  let summary = first.summary;
  let conflicts = (await findings.applyReconcile(first)).conflicts;

  for (let attempt = 1; attempt < MAX_ATTEMPTS && conflicts.length > 0; attempt += 1) {
    const retry = new Set(conflicts);
    const stored = await Promise.all(conflicts.map((id) => findings.get(id)));
    const existing = stored.filter((f): f is Finding => f !== undefined);
    const ownDrifts = drifts.filter((d) => retry.has(findingIdOf(ctx.tenantId, d.policyType, d.key)));
    const again = reconcileFindings(existing, ownDrifts, ctx);
    summary = merge(summary, again.summary, retry);
    conflicts = (await findings.applyReconcile(again)).conflicts;
  }
  return { summary, conflicts };
}

function merge(
  before: ReconcileSummary,
  after: ReconcileSummary,
  redone: ReadonlySet<string>,
): ReconcileSummary {
  const keep = (ids: string[]): string[] => ids.filter((id) => !redone.has(id));
  const merged = {
    new: [...keep(before.new), ...after.new],
    reopened: [...keep(before.reopened), ...after.reopened],
    changed: [...keep(before.changed), ...after.changed],
    resolved: [...keep(before.resolved), ...after.resolved],
    unchanged: [...keep(before.unchanged), ...after.unchanged],
    notChecked: before.notChecked,
  };
  const news =
    merged.new.length + merged.reopened.length + merged.changed.length + merged.resolved.length > 0;
  return { ...merged, news };
}
