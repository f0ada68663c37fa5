import type { CheckResult } from '../../core/checks/check-run';
import { lastPostKey, type ChannelBinding } from '../../core/bindings/channel-binding';
import { EMPTY_LOG, type NotificationLog, type ToldFinding } from '../../core/bindings/notification-log';
import { SEVERITIES, type Finding, type Severity } from '../../core/model';

export type PostReason =
  | 'first'
  | 'new-findings'
  | 'changed-findings'
  | 'some-resolved'
  | 'check-failed'
  | 'unchanged'
  | 'nothing-to-say';

/** What the conversation will have been told once the card is delivered; recorded only then. */
export interface LogUpdate {
  /** The revision the decision was made from: the claim holds only while it is unchanged. */
  rev: number;
  findings: Record<string, ToldFinding>;
}

export type PostDecision =
  | {
      action: 'post';
      reason: PostReason;
      newIds: string[];
      reopenedIds: string[];
      /** Still open, drifted further: a different drift signature is news (architecture, lifecycle). */
      changedIds: string[];
      resolved: number;
      /** Absent for a check-failed card, which tells nothing about findings. */
      log?: LogUpdate;
    }
  | { action: 'update'; reason: 'unchanged'; activityId: string; log?: LogUpdate }
  | { action: 'none'; reason: 'nothing-to-say' };

/** At or above the floor: `high` takes high and critical. */
export function atLeast(severity: Severity, floor: Severity): boolean {
  return SEVERITIES.indexOf(severity) <= SEVERITIES.indexOf(floor);
}

/** The tenant's log in this conversation: what it has been told so far. */
export function logOf(binding: ChannelBinding, tenantId: string): NotificationLog {
  return binding.told?.[lastPostKey(tenantId)] ?? EMPTY_LOG;
}

interface News {
  newIds: string[];
  reopenedIds: string[];
  changedIds: string[];
  resolved: number;
  told: Record<string, ToldFinding>;
}

/**
 * The tenant's findings at or above the floor against what the conversation was told. Open and not
 * told: new. Told as quiet and open again: reopened. Told as open with another signature: changed.
 * Told and now resolved: resolved since the last post (and then forgotten, which keeps the log
 * bounded). Quiet states are remembered as quiet but are not news by themselves.
 */
function compare(findings: readonly Finding[], log: NotificationLog, floor: Severity): News {
  const news: News = { newIds: [], reopenedIds: [], changedIds: [], resolved: 0, told: {} };
  for (const f of findings) {
    if (!atLeast(f.severity, floor)) continue;
    const told = log.findings[f.id];
    if (f.state === 'open') {
      if (!told) news.newIds.push(f.id);
      else if (!told.attention) news.reopenedIds.push(f.id);
      else if (told.signature !== f.signature) news.changedIds.push(f.id);
      news.told[f.id] = { signature: f.signature, attention: true };
    } else if (f.state === 'resolved') {
      if (told) news.resolved += 1;
    } else if (told) {
      news.told[f.id] = { signature: f.signature, attention: false };
    }
  }
  return news;
}

function sameLog(a: Record<string, ToldFinding>, b: Record<string, ToldFinding>): boolean {
  const keys = Object.keys(a);
  if (keys.length !== Object.keys(b).length) return false;
  return keys.every((id) => {
    const x = a[id];
    const y = b[id];
    return x !== undefined && y !== undefined && x.signature === y.signature && x.attention === y.attention;
  });
}

/**
 * New post or in-place update, for one bound conversation after one check, decided against the
 * conversation's notification log (what reached it) and not against the run's deltas: news that a
 * failed check or a failed post never delivered is still news at the next check. News (new, reopened,
 * changed or resolved findings at or above the conversation's severity floor) makes a new post;
 * otherwise the last summary is updated in place ("last checked …"); a conversation never posted to
 * gets a first post only when something needs attention.
 */
export function decidePost(
  binding: ChannelBinding,
  result: CheckResult,
  findings: readonly Finding[],
): PostDecision {
  const last = binding.lastPosts[lastPostKey(result.tenant.id)];
  if (result.run.status === 'failed') {
    // The failure card says nothing about findings: the log waits for a check that completes.
    if (!last)
      return {
        action: 'post',
        reason: 'check-failed',
        newIds: [],
        reopenedIds: [],
        changedIds: [],
        resolved: 0,
      };
    return { action: 'update', reason: 'unchanged', activityId: last.activityId };
  }
  const log = logOf(binding, result.tenant.id);
  const { told, ...news } = compare(findings, log, binding.binding?.severityFloor ?? 'low');
  const update: LogUpdate = { rev: log.rev, findings: told };
  if (news.newIds.length > 0 || news.reopenedIds.length > 0)
    return { action: 'post', reason: last ? 'new-findings' : 'first', ...news, log: update };
  if (news.changedIds.length > 0)
    return { action: 'post', reason: last ? 'changed-findings' : 'first', ...news, log: update };
  if (news.resolved > 0) return { action: 'post', reason: 'some-resolved', ...news, log: update };
  if (last) {
    return {
      action: 'update',
      reason: 'unchanged',
      activityId: last.activityId,
      ...(sameLog(told, log.findings) ? {} : { log: update }),
    };
  }
  return { action: 'none', reason: 'nothing-to-say' };
}
