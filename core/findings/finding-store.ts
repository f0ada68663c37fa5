import type { Actor, Finding, FindingState, Severity } from '../model';
import type { TransitionResult } from './apply-transition';
import type { ReconcileResult } from './reconcile-findings';
import type { TransitionCommand } from './transition-command';

export interface FindingFilter {
  /** At least this severe: `high` lists high and critical. */
  minSeverity?: Severity;
  states?: readonly FindingState[];
  policyType?: string;
  limit?: number;
}

export interface FindingCountFilter {
  /** Absent: every tenant (the portfolio view). */
  tenantIds?: readonly string[];
  minSeverity?: Severity;
  states?: readonly FindingState[];
}

export interface FindingCount {
  tenantId: string;
  severity: Severity;
  state: FindingState;
  count: number;
}

export interface ApplyReconcileOutcome {
  /** Written by this call or already in place from an earlier identical call. */
  applied: string[];
  /** Changed by someone else since the reconcile read them: reconcile these again. */
  conflicts: string[];
}

/** A transition through the store: the pure result, or the finding is gone, or someone was quicker. */
export type StoredTransitionResult =
  | TransitionResult
  | { ok: false; reason: 'not-found'; message: string }
  | { ok: false; reason: 'conflict'; message: string; current: Finding };

/** Where findings live. Versioned writes use optimistic concurrency on `Finding.version`. */
export interface FindingStore {
  get(id: string): Promise<Finding | undefined>;
  /** Most severe first, then oldest first. */
  list(tenantId: string, filter?: FindingFilter): Promise<Finding[]>;
  /** Counts grouped by tenant, severity and state, for status and portfolio views. */
  count(filter?: FindingCountFilter): Promise<FindingCount[]>;
  /**
   * Stores a check's outcome: each change only over the version it was computed from, touches
   * unconditionally, audit entries for what was written. Safe to repeat.
   */
  applyReconcile(result: ReconcileResult): Promise<ApplyReconcileOutcome>;
  /**
   * One person's transition, only if the finding is still at `expectedVersion` (the version on the
   * card they clicked). Two at once: one wins, the other gets `conflict` with the current finding.
   */
  transition(
    id: string,
    expectedVersion: number,
    command: TransitionCommand,
    actor: Actor,
    now: Date,
  ): Promise<StoredTransitionResult>;
}
