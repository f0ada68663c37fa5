import type { BaselineStore } from '../baselines/baseline-store';
import { captureBaseline } from '../baselines/capture-baseline';
import type { Clock } from '../clock';
import { diffInventories, normaliseObject, type IgnoreRule, type SeverityRule } from '../drift';
import type { FindingStore } from '../findings/finding-store';
import type { IgnoreRuleStore, StoredIgnoreRule } from '../findings/ignore-rule-store';
import type { ReconcileContext } from '../findings/reconcile-findings';
import { updateFindings } from '../findings/update-findings';
import type { ReadProgress, TenantRead, TenantReader } from '../graph/tenant-reader';
import type { InventoryStore } from '../inventory/inventory-store';
import type { NormalisedObject, Tenant } from '../model';
import { getPolicyType } from '../registry';
import type { CheckResult, CheckRun } from './check-run';
import { attributionsByObject, auditWindowStart } from './attribute-changes';
import { classifyReadFailure } from './classify-read-failure';

export interface CheckTenantDeps {
  reader: TenantReader;
  baselines: BaselineStore;
  findings: FindingStore;
  inventory: InventoryStore;
  ignoreRules: IgnoreRuleStore;
  clock: Clock;
  severityRules?: readonly SeverityRule[];
}

export interface CheckTenantOptions {
  onProgress?: (e: ReadProgress) => void;
  /** Honoured until findings are written; after that the check finishes so nothing is half-recorded. */
  signal?: AbortSignal;
  /** When the previous complete check started: the audit log is read from there (at most a week back). */
  previousCheckAt?: string;
}

type Outcome = Omit<CheckResult, 'tenant'>;

/**
 * One check of one tenant, as the story goes: read it, compare with its baseline (none yet: capture
 * one from a complete read and raise nothing), update the findings, and say how it went. `run` is
 * the record started by the runner; the returned run is finished (the runner stores it).
 */
export async function checkTenant(
  tenant: Tenant,
  run: CheckRun,
  deps: CheckTenantDeps,
  options: CheckTenantOptions = {},
): Promise<Outcome> {
  const types = tenant.policyTypes && tenant.policyTypes.length > 0 ? tenant.policyTypes : undefined;
  const read = await deps.reader.read(tenant.id, {
    types,
    onProgress: options.onProgress,
    signal: options.signal,
  });
  options.signal?.throwIfAborted();

  const base: CheckRun = { ...run, coverage: read.coverage, graphRequests: read.graphRequests };
  const complete = Object.entries(read.coverage)
    .filter(([, c]) => c.status === 'complete')
    .map(([type]) => type);
  const failed = Object.values(read.coverage).some((c) => c.status === 'failed');
  if (complete.length === 0 && failed) {
    return finished({ ...base, status: 'failed', error: classifyReadFailure(read.coverage) }, deps);
  }
  const current = normaliseRead(read, new Set(complete));
  const now = deps.clock.now();
  await deps.inventory.replaceTypes(tenant.id, complete, current, now.toISOString());

  let baseline = await deps.baselines.current(tenant.id);
  if (!baseline) {
    // Skipped types (not licensed) do not make a read incomplete; a failed one does.
    if (failed) {
      const note =
        'No baseline yet: one is captured from the first complete read, and this read was not complete.';
      return finished({ ...base, status: 'partial', note }, deps);
    }
    const captured = captureBaseline(tenant.id, current, { kind: 'tenant', ref: tenant.id }, null, now);
    const saved = await deps.baselines.save(captured);
    if (saved.ok) {
      const note = `No baseline yet: captured version ${captured.version} from this read (${current.length} objects); no findings raised.`;
      return finished(
        { ...base, status: 'complete', baselineVersion: captured.version, baselineCaptured: true, note },
        deps,
      );
    }
    // Someone captured one meanwhile (another replica, an admin): compare with theirs.
    baseline = saved.current;
    if (!baseline) throw new Error(`baseline of ${tenant.id}: ${saved.message}`);
  }

  const completeTypes = new Set(complete);
  // Baseline types outside this read (out of scope, failed, skipped) prove nothing either way.
  const incompleteTypes = new Set(
    baseline.objects.map((o) => o.policyType).filter((t) => !completeTypes.has(t)),
  );
  const ignore = (await deps.ignoreRules.list(tenant.id)).map(toIgnoreRule);
  const diff = diffInventories(baseline.objects, current, {
    ignore,
    incompleteTypes,
    severityRules: deps.severityRules,
  });
  options.signal?.throwIfAborted();

  // One audit read per check, only when something drifted: a clean tenant costs no request.
  let attribute: ReconcileContext['attribute'];
  if (diff.drifts.length > 0 && deps.reader.readAuditEvents) {
    const since = auditWindowStart(now, options.previousCheckAt);
    const audit = await deps.reader.readAuditEvents(tenant.id, since, { signal: options.signal });
    base.graphRequests += audit.graphRequests;
    const byObject = attributionsByObject(audit.events, now);
    attribute = (drift) => byObject(drift.key);
    options.signal?.throwIfAborted();
  }

  const { summary } = await updateFindings(deps.findings, diff.drifts, {
    tenantId: tenant.id,
    now,
    completeTypes,
    runId: run.id,
    attribute,
  });
  const open = await countOpen(deps.findings, tenant.id);
  return {
    run: {
      ...base,
      status: failed ? 'partial' : 'complete',
      finishedAt: deps.clock.now().toISOString(),
      baselineVersion: baseline.version,
      counts: {
        new: summary.new.length,
        reopened: summary.reopened.length,
        resolved: summary.resolved.length,
        unchanged: summary.unchanged.length,
        changed: summary.changed.length,
        open,
      },
    },
    newFindingIds: summary.new,
    reopenedFindingIds: summary.reopened,
    resolvedFindingIds: summary.resolved,
    changedFindingIds: summary.changed,
  };
}

async function finished(run: CheckRun, deps: CheckTenantDeps): Promise<Outcome> {
  const open = await countOpen(deps.findings, run.tenantId);
  return {
    run: { ...run, finishedAt: deps.clock.now().toISOString(), counts: { ...run.counts, open } },
    newFindingIds: [],
    reopenedFindingIds: [],
    resolvedFindingIds: [],
    changedFindingIds: [],
  };
}

/** The completely read objects of a read, normalised through the registry. */
export function normaliseRead(read: TenantRead, complete: ReadonlySet<string>): NormalisedObject[] {
  const objects: NormalisedObject[] = [];
  for (const [type, raws] of Object.entries(read.objects)) {
    const def = getPolicyType(type);
    if (!def || !complete.has(type)) continue;
    for (const raw of raws) objects.push(normaliseObject(raw, def));
  }
  return objects;
}

/** A stored false positive as the diff engine takes it: no paths means the whole object. */
function toIgnoreRule(rule: StoredIgnoreRule): IgnoreRule {
  return {
    policyType: rule.policyType,
    ...(rule.key !== undefined && { key: rule.key }),
    paths: rule.paths.length > 0 ? rule.paths : ['*'],
  };
}

async function countOpen(findings: FindingStore, tenantId: string): Promise<number> {
  const counts = await findings.count({ tenantIds: [tenantId], states: ['open', 'acknowledged'] });
  return counts.reduce((sum, c) => sum + c.count, 0);
}
