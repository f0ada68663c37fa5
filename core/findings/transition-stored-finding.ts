import type { Actor, Finding } from '../model';
import { applyTransition } from './apply-transition';
import type { AuditLog } from './audit-log';
import type { StoredTransitionResult } from './finding-store';
import type { TransitionCommand } from './transition-command';

/** The two primitives a store needs to offer transitions. */
export interface VersionedFindings {
  read(id: string): Promise<Finding | undefined>;
  /** Writes `next` only when the stored finding is still at `expectedVersion`; false otherwise. */
  replaceIfVersion(next: Finding, expectedVersion: number): Promise<boolean>;
}

/**
 * Read, decide, compare-and-swap, then audit: shared by every FindingStore so the in-memory fake and
 * MongoDB behave alike. The audit append comes after the swap and is idempotent per finding version.
 */
export async function transitionStoredFinding(
  findings: VersionedFindings,
  audit: AuditLog,
  id: string,
  expectedVersion: number,
  command: TransitionCommand,
  actor: Actor,
  now: Date,
): Promise<StoredTransitionResult> {
  const stored = await findings.read(id);
  if (!stored) {
    return {
      ok: false,
      reason: 'not-found',
      message: 'This finding no longer exists. Ask for the tenant status again.',
    };
  }
  if (stored.version !== expectedVersion) return conflict(stored);
  const result = applyTransition(stored, command, actor, now);
  if (!result.ok) return result;
  if (!(await findings.replaceIfVersion(result.finding, expectedVersion))) {
    const current = await findings.read(id);
    return current
      ? conflict(current)
      : { ok: false, reason: 'not-found', message: 'This finding no longer exists.' };
  }
  await audit.append([result.audit]);
  return result;
}

function conflict(current: Finding): StoredTransitionResult {
  const last = current.history.at(-1);
  const who = last?.actor ? last.actor.name : 'A check';
  const state = current.state.replace('_', ' ');
  return {
    ok: false,
    reason: 'conflict',
    message: `${who} changed this finding a moment ago; it is now ${state}. Look at it again before acting.`,
    current,
  };
}
