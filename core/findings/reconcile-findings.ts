import type { Attribution, Drift, Finding, FindingState } from '../model';
import { auditIdOf, type AuditEntry, type SystemAction } from './audit-entry';
import { driftSignatureOf, findingIdOf } from './finding-identity';

export interface ReconcileContext {
  tenantId: string;
  now: Date;
  /** Policy types read completely in this run. Any other type is not checked: no conclusions. */
  completeTypes: ReadonlySet<string>;
  runId: string;
  /** Who changed the drifted object, when the audit log says; stamped on new, changed and reopened findings. */
  attribute?: (drift: Drift) => Attribution | undefined;
}

/** Why a check wrote a new version of a finding. */
export type ReconcileReason = 'new' | 'changed' | 'redrift' | 'recurred' | 'expired' | 'resolved';

/** A versioned write: the finding as it should be stored when its stored version is `previousVersion`. */
export interface ReconcileChange {
  reason: ReconcileReason;
  finding: Finding;
  /** 0 for a finding that does not exist yet. */
  previousVersion: number;
  audit: AuditEntry;
}

/**
 * A finding seen again with the same signature: not news, so no new version (cards holding the
 * version stay clickable); only lastSeenAt and the presentation fields move.
 */
export interface ReconcileTouch {
  id: string;
  lastSeenAt: string;
  severity: Finding['severity'];
  displayName: string;
}

export interface ReconcileSummary {
  new: string[];
  /** Back to open: the signature changed on a quiet or closed finding, it recurred, or its snooze/exception ended. */
  reopened: string[];
  /** Still open, drifted further: a different signature is news. */
  changed: string[];
  resolved: string[];
  unchanged: string[];
  /** Policy types with drift or findings that were not read completely, so were left as they were. */
  notChecked: string[];
  /** True when anything above except `unchanged` is non-empty: worth a new post. */
  news: boolean;
}

export interface ReconcileResult {
  tenantId: string;
  runId: string;
  at: string;
  changes: ReconcileChange[];
  touches: ReconcileTouch[];
  summary: ReconcileSummary;
}

/** Quiet or closed states that a different drift signature brings back to open. */
const REOPEN_ON_NEW_SIGNATURE: readonly FindingState[] = [
  'acknowledged',
  'snoozed',
  'exception',
  'accepted',
  // The ignore rule recorded for a false positive filters its paths out of the drift, so whatever
  // still differs on that object is real news.
  'false_positive',
];

/** States a check resolves once the tenant matches the baseline again. */
const RESOLVABLE: readonly FindingState[] = ['open', 'acknowledged', 'snoozed', 'exception'];

/**
 * Decides what one check means for a tenant's findings. Pure: `existing` are the tenant's stored
 * findings (all states, since a resolved finding that comes back keeps its id), `drifts` what the diff
 * engine found. An incomplete type never creates, changes or resolves anything; only an ended snooze or
 * exception reopens there, because that is a matter of time, not of what was read.
 */
export function reconcileFindings(
  existing: readonly Finding[],
  drifts: readonly Drift[],
  ctx: ReconcileContext,
): ReconcileResult {
  const at = ctx.now.toISOString();
  const byId = new Map(existing.filter((f) => f.tenantId === ctx.tenantId).map((f) => [f.id, f]));
  const changes: ReconcileChange[] = [];
  const touches: ReconcileTouch[] = [];
  const seen = new Set<string>();
  const notChecked = new Set<string>();

  for (const drift of drifts) {
    if (!ctx.completeTypes.has(drift.policyType)) {
      notChecked.add(drift.policyType);
      continue;
    }
    const id = findingIdOf(ctx.tenantId, drift.policyType, drift.key);
    if (seen.has(id)) continue;
    seen.add(id);
    const signature = driftSignatureOf(drift);
    const current = byId.get(id);
    if (!current) {
      changes.push(created(id, drift, signature, ctx, at));
      continue;
    }
    const reason = reasonForDrift(current, signature, ctx.now);
    if (reason === undefined) {
      touches.push({ id, lastSeenAt: at, severity: drift.severity, displayName: drift.displayName });
      continue;
    }
    changes.push(redrifted(current, drift, signature, reason, ctx, at));
  }

  for (const finding of byId.values()) {
    if (seen.has(finding.id)) continue;
    const complete = ctx.completeTypes.has(finding.policyType);
    if (!complete) notChecked.add(finding.policyType);
    if (complete && RESOLVABLE.includes(finding.state)) {
      changes.push(systemWrite(finding, 'resolved', 'resolved', ctx, at, {}));
    } else if (isExpired(finding, ctx.now)) {
      changes.push(systemWrite(finding, 'expired', 'open', ctx, at, {}));
    }
  }

  return {
    tenantId: ctx.tenantId,
    runId: ctx.runId,
    at,
    changes,
    touches,
    summary: summarise(changes, touches, notChecked),
  };
}

/** A snooze or exception whose end has passed is open again. */
export function isExpired(finding: Finding, now: Date): boolean {
  if (finding.state !== 'snoozed' && finding.state !== 'exception') return false;
  return finding.until !== undefined && Date.parse(finding.until) <= now.getTime();
}

function reasonForDrift(current: Finding, signature: string, now: Date): ReconcileReason | undefined {
  // A resolved finding drifting again is news whatever its signature.
  if (current.state === 'resolved') return 'recurred';
  if (current.signature !== signature) {
    return REOPEN_ON_NEW_SIGNATURE.includes(current.state) ? 'redrift' : 'changed';
  }
  return isExpired(current, now) ? 'expired' : undefined;
}

function created(
  id: string,
  drift: Drift,
  signature: string,
  ctx: ReconcileContext,
  at: string,
): ReconcileChange {
  const finding: Finding = {
    id,
    tenantId: ctx.tenantId,
    policyType: drift.policyType,
    key: drift.key,
    displayName: drift.displayName,
    kind: drift.kind,
    severity: drift.severity,
    changes: drift.changes,
    signature,
    state: 'open',
    version: 1,
    firstSeenAt: at,
    lastSeenAt: at,
    updatedAt: at,
    history: [{ at, actor: null, action: 'detected', from: 'open', to: 'open' }],
  };
  const attribution = ctx.attribute?.(drift);
  if (attribution) finding.attribution = attribution;
  return {
    reason: 'new',
    finding,
    previousVersion: 0,
    audit: auditOf(finding, 'detected', 'open', 0, ctx, at),
  };
}

function redrifted(
  current: Finding,
  drift: Drift,
  signature: string,
  reason: ReconcileReason,
  ctx: ReconcileContext,
  at: string,
): ReconcileChange {
  // An earlier attribution describes an earlier change: never leave it on this one.
  const { attribution: _earlier, ...unattributed } = current;
  const attribution = ctx.attribute?.(drift);
  return systemWrite(unattributed, reason, 'open', ctx, at, {
    ...(attribution && { attribution }),
    kind: drift.kind,
    severity: drift.severity,
    displayName: drift.displayName,
    changes: drift.changes,
    signature,
    lastSeenAt: at,
  });
}

function systemWrite(
  current: Finding,
  reason: ReconcileReason,
  to: FindingState,
  ctx: ReconcileContext,
  at: string,
  patch: Partial<Finding>,
): ReconcileChange {
  const action: SystemAction = reason === 'new' ? 'detected' : reason;
  // Leaving a snooze or exception (or closing) ends its date and reason; the assignee stays.
  const { until: _until, reason: _reason, ...rest } = current;
  const keepsQuiet = to === current.state;
  const finding: Finding = {
    ...(keepsQuiet ? current : rest),
    ...patch,
    state: to,
    version: current.version + 1,
    updatedAt: at,
    history: [...current.history, { at, actor: null, action, from: current.state, to }],
  };
  return {
    reason,
    finding,
    previousVersion: current.version,
    audit: auditOf(finding, action, current.state, current.version, ctx, at),
  };
}

function auditOf(
  finding: Finding,
  action: SystemAction,
  from: FindingState,
  previousVersion: number,
  ctx: ReconcileContext,
  at: string,
): AuditEntry {
  return {
    id: auditIdOf(finding.id, finding.version),
    findingId: finding.id,
    tenantId: finding.tenantId,
    at,
    actor: null,
    action,
    from,
    to: finding.state,
    previousVersion,
    findingVersion: finding.version,
    runId: ctx.runId,
  };
}

function summarise(
  changes: readonly ReconcileChange[],
  touches: readonly ReconcileTouch[],
  notChecked: ReadonlySet<string>,
): ReconcileSummary {
  const ids = (...reasons: ReconcileReason[]): string[] =>
    changes.filter((c) => reasons.includes(c.reason)).map((c) => c.finding.id);
  const summary = {
    new: ids('new'),
    reopened: ids('redrift', 'recurred', 'expired'),
    changed: ids('changed'),
    resolved: ids('resolved'),
    unchanged: touches.map((t) => t.id),
    notChecked: [...notChecked].sort(),
  };
  const news =
    summary.new.length + summary.reopened.length + summary.changed.length + summary.resolved.length > 0;
  return { ...summary, news };
}
