import type { CheckResult } from '../../core/checks/check-run';
import { lastPostKey, type ChannelBinding } from '../../core/bindings/channel-binding';
import { SEVERITIES, type Finding, type Severity } from '../../core/model';

export type PostReason =
  'first' | 'new-findings' | 'some-resolved' | 'check-failed' | 'unchanged' | 'nothing-to-say';

export type PostDecision =
  | { action: 'post'; reason: PostReason; newIds: string[]; reopenedIds: string[]; resolved: number }
  | { action: 'update'; reason: 'unchanged'; activityId: string }
  | { action: 'none'; reason: 'nothing-to-say' };

function atLeast(severity: Severity, floor: Severity): boolean {
  return SEVERITIES.indexOf(severity) <= SEVERITIES.indexOf(floor);
}

/**
 * New post or in-place update, for one bound conversation after one check. News (new, reopened or
 * resolved findings at or above the conversation's severity floor) makes a new post; otherwise the
 * last summary is updated in place ("last checked …"); a conversation never posted to gets a first post
 * only when something needs attention.
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
  const resolved = loud(result.resolvedFindingIds).length;
  const last = binding.lastPosts[lastPostKey(result.tenant.id)];
  if (result.run.status === 'failed' && !last)
    return { action: 'post', reason: 'check-failed', newIds, reopenedIds, resolved };
  if (newIds.length > 0 || reopenedIds.length > 0) {
    return { action: 'post', reason: last ? 'new-findings' : 'first', newIds, reopenedIds, resolved };
  }
  if (resolved > 0) return { action: 'post', reason: 'some-resolved', newIds, reopenedIds, resolved };
  if (last) return { action: 'update', reason: 'unchanged', activityId: last.activityId };
  return { action: 'none', reason: 'nothing-to-say' };
}
