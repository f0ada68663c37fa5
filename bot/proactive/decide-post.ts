import type { CheckResult } from '../../core/checks/check-run';
import { lastPostKey, type ChannelBinding } from '../../core/bindings/channel-binding';
import { SEVERITIES, type Finding, type Severity } from '../../core/model';

export type PostReason =
  | 'first'
  | 'new-findings'
  | 'changed-findings'
  | 'some-resolved'
  | 'check-failed'
  | 'unchanged'
  | 'nothing-to-say';

export type PostDecision =
  | {
      action: 'post';
      reason: PostReason;
      newIds: string[];
      reopenedIds: string[];
      /** Still open, drifted further: a different drift signature is news (architecture, lifecycle). */
      changedIds: string[];
      resolved: number;
    }
  | { action: 'update'; reason: 'unchanged'; activityId: string }
  | { action: 'none'; reason: 'nothing-to-say' };

/** At or above the floor: `high` takes high and critical. */
export function atLeast(severity: Severity, floor: Severity): boolean {
  return SEVERITIES.indexOf(severity) <= SEVERITIES.indexOf(floor);
}

/**
 * New post or in-place update, for one bound conversation after one check. News (new, reopened,
 * changed or resolved findings at or above the conversation's severity floor) makes a new post;
 * otherwise the last summary is updated in place ("last checked …"); a conversation never posted to
 * gets a first post only when something needs attention.
 */
export function decidePost(
  binding: ChannelBinding,
  result: CheckResult,
  findings: readonly Finding[],
): PostDecision {
  const floor = binding.binding?.severityFloor ?? 'low';
  const byId = new Map(findings.map((f) => [f.id, f]));
  const loud = (ids: readonly string[]) =>
    ids.filter((id) => {
      const f = byId.get(id);
      return f !== undefined && atLeast(f.severity, floor);
    });
  const newIds = loud(result.newFindingIds);
  const reopenedIds = loud(result.reopenedFindingIds);
  const changedIds = loud(result.changedFindingIds ?? []);
  const resolved = loud(result.resolvedFindingIds).length;
  const news = { newIds, reopenedIds, changedIds, resolved };
  const last = binding.lastPosts[lastPostKey(result.tenant.id)];
  if (result.run.status === 'failed' && !last) return { action: 'post', reason: 'check-failed', ...news };
  if (newIds.length > 0 || reopenedIds.length > 0)
    return { action: 'post', reason: last ? 'new-findings' : 'first', ...news };
  if (changedIds.length > 0) return { action: 'post', reason: last ? 'changed-findings' : 'first', ...news };
  if (resolved > 0) return { action: 'post', reason: 'some-resolved', ...news };
  if (last) return { action: 'update', reason: 'unchanged', activityId: last.activityId };
  return { action: 'none', reason: 'nothing-to-say' };
}
