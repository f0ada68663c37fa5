import type { Actor, Finding } from '../../../core/model';
import { SEVERITIES } from '../../../core/model';
import type { AuditLog } from '../../../core/findings/audit-log';
import type {
  ApplyReconcileOutcome,
  FindingCount,
  FindingCountFilter,
  FindingFilter,
  FindingStore,
  StoredTransitionResult,
} from '../../../core/findings/finding-store';
import type { ReconcileResult } from '../../../core/findings/reconcile-findings';
import type { TransitionCommand } from '../../../core/findings/transition-command';
import { isAlreadyApplied } from '../../../core/findings/is-already-applied';
import { transitionStoredFinding } from '../../../core/findings/transition-stored-finding';

const rank = (f: Pick<Finding, 'severity'>): number => SEVERITIES.indexOf(f.severity);

/** The FindingStore fake: same contract as the MongoDB store, kept in a Map. */
export class InMemoryFindingStore implements FindingStore {
  private readonly findings = new Map<string, Finding>();

  constructor(
    private readonly audit: AuditLog,
    initial: readonly Finding[] = [],
  ) {
    for (const finding of initial) this.findings.set(finding.id, structuredClone(finding));
  }

  async get(id: string): Promise<Finding | undefined> {
    const found = this.findings.get(id);
    return found && structuredClone(found);
  }

  async list(tenantId: string, filter: FindingFilter = {}): Promise<Finding[]> {
    const matching = [...this.findings.values()]
      .filter((f) => f.tenantId === tenantId)
      .filter((f) => filter.minSeverity === undefined || rank(f) <= SEVERITIES.indexOf(filter.minSeverity))
      .filter((f) => filter.states === undefined || filter.states.includes(f.state))
      .filter((f) => filter.policyType === undefined || f.policyType === filter.policyType)
      .sort((a, b) => rank(a) - rank(b) || compare(a.firstSeenAt, b.firstSeenAt) || compare(a.id, b.id));
    return structuredClone(matching.slice(0, filter.limit ?? matching.length));
  }

  async count(filter: FindingCountFilter = {}): Promise<FindingCount[]> {
    const counts = new Map<string, FindingCount>();
    for (const f of this.findings.values()) {
      if (filter.tenantIds !== undefined && !filter.tenantIds.includes(f.tenantId)) continue;
      if (filter.minSeverity !== undefined && rank(f) > SEVERITIES.indexOf(filter.minSeverity)) continue;
      if (filter.states !== undefined && !filter.states.includes(f.state)) continue;
      const key = `${f.tenantId}|${f.severity}|${f.state}`;
      const entry = counts.get(key) ?? {
        tenantId: f.tenantId,
        severity: f.severity,
        state: f.state,
        count: 0,
      };
      entry.count += 1;
      counts.set(key, entry);
    }
    return [...counts.values()].sort(
      (a, b) =>
        compare(a.tenantId, b.tenantId) ||
        SEVERITIES.indexOf(a.severity) - SEVERITIES.indexOf(b.severity) ||
        compare(a.state, b.state),
    );
  }

  async applyReconcile(result: ReconcileResult): Promise<ApplyReconcileOutcome> {
    const applied: string[] = [];
    const conflicts: string[] = [];
    for (const change of result.changes) {
      const stored = this.findings.get(change.finding.id);
      const storedVersion = stored?.version ?? 0;
      if (storedVersion === change.previousVersion) {
        this.findings.set(change.finding.id, structuredClone(change.finding));
        applied.push(change.finding.id);
      } else if (stored && isAlreadyApplied(stored, change.finding)) {
        applied.push(change.finding.id);
      } else {
        conflicts.push(change.finding.id);
      }
    }
    await this.audit.append(result.changes.filter((c) => applied.includes(c.finding.id)).map((c) => c.audit));
    for (const touch of result.touches) {
      const stored = this.findings.get(touch.id);
      if (stored) this.findings.set(touch.id, { ...stored, ...touch });
    }
    return { applied, conflicts };
  }

  async transition(
    id: string,
    expectedVersion: number,
    command: TransitionCommand,
    actor: Actor,
    now: Date,
  ): Promise<StoredTransitionResult> {
    return transitionStoredFinding(
      {
        read: (findingId) => this.get(findingId),
        replaceIfVersion: async (next, expected) => {
          if (this.findings.get(next.id)?.version !== expected) return false;
          this.findings.set(next.id, structuredClone(next));
          return true;
        },
      },
      this.audit,
      id,
      expectedVersion,
      command,
      actor,
      now,
    );
  }
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
