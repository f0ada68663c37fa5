/**
 * The domain vocabulary shared by core, cards and bot (see README "Concepts").
 * Plain data only: no behaviour, no SDK types.
 */

export const SEVERITIES = ['critical', 'high', 'medium', 'low'] as const;
export type Severity = (typeof SEVERITIES)[number];

export const FINDING_KINDS = ['modified', 'missing', 'added'] as const;
export type FindingKind = (typeof FINDING_KINDS)[number];

/**
 * open → acknowledged → resolved (automatic) | accepted | false_positive;
 * also exception (until a date) and snoozed (at most 30 days). An assignee is kept beside the state.
 */
export const FINDING_STATES = [
  'open',
  'acknowledged',
  'exception',
  'snoozed',
  'accepted',
  'false_positive',
  'resolved',
] as const;
export type FindingState = (typeof FINDING_STATES)[number];

/** One property-level difference. `path` names settings by id, OMA settings by omaUri, assignments by target. */
export interface Change {
  path: string;
  baseline: unknown;
  current: unknown;
}

/** A normalised configuration object with its content hash. */
export interface NormalisedObject {
  policyType: string;
  /** Identity within the tenant (Graph id). */
  key: string;
  displayName: string;
  hash: string;
  body: Record<string, unknown>;
}

/** What the diff engine says about one object. */
export interface Drift {
  kind: FindingKind;
  policyType: string;
  key: string;
  displayName: string;
  severity: Severity;
  changes: Change[];
}

/** Someone acting in Teams (or the CLI). `id` is the Entra object id. */
export interface Actor {
  id: string;
  name: string;
}

export interface HistoryEntry {
  at: string;
  /** `null` for the system (a check). */
  actor: Actor | null;
  action: string;
  from: FindingState;
  to: FindingState;
  reason?: string;
  until?: string;
  conversationId?: string;
}

/**
 * Who changed the object, per Intune's audit log, near the check that saw the change. `by` is the
 * user principal name (or the app for app-only changes), `via` the app they used.
 */
export interface Attribution {
  by: string;
  via?: string;
  at: string;
  activity?: string;
}

export interface Finding {
  id: string;
  tenantId: string;
  policyType: string;
  key: string;
  displayName: string;
  kind: FindingKind;
  severity: Severity;
  changes: Change[];
  /** Hash of kind + changed paths + current values: the same signature is not news. */
  signature: string;
  state: FindingState;
  /** Optimistic-concurrency version, incremented on every write. */
  version: number;
  assignee?: Actor;
  /** End of an exception or snooze. */
  until?: string;
  reason?: string;
  firstSeenAt: string;
  lastSeenAt: string;
  updatedAt: string;
  history: HistoryEntry[];
  /** Set when a check raises, changes or reopens it and the audit log names who changed the object. */
  attribution?: Attribution;
}

export const COVERAGE_STATUSES = ['complete', 'failed', 'skipped'] as const;
export type CoverageStatus = (typeof COVERAGE_STATUSES)[number];

export interface TypeCoverage {
  status: CoverageStatus;
  objects: number;
  reason?: string;
}

/** Per policy type: was it read completely? Incomplete types produce no conclusions. */
export type Coverage = Record<string, TypeCoverage>;

export interface Tenant {
  id: string;
  name: string;
  aliases: string[];
  schedule?: string;
  timezone?: string;
  approvers: string[];
  /** Policy types in scope; empty means every registry type. */
  policyTypes?: string[];
}
