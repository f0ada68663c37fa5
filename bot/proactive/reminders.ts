import { cardActivity, renderReminderCard, type AdaptiveCard } from '../../cards';
import type { ChannelBinding } from '../../core/bindings/channel-binding';
import type { Finding, Tenant } from '../../core/model';
import type { ReminderKey, ReminderStore } from '../../core/notifications/reminder-store';
import { describeDuration } from '../duration';
import type { ChannelSender, SendOutcome } from './channel-sender';
import { atLeast } from './decide-post';
import { CARD_FORMAT } from '../teams/card-format';

export interface ReminderPolicy {
  store: ReminderStore;
  /** DRIFTWATCH_REMINDER_AFTER. */
  afterMs: number;
}

/**
 * Since when a finding has waited for someone: the last time a check (re)raised it as open (new,
 * reopened, or drifted further with a new signature), else when it was first seen.
 */
export function waitingSince(finding: Finding): string {
  for (let i = finding.history.length - 1; i >= 0; i--) {
    const entry = finding.history[i];
    if (entry && entry.actor === null && entry.to === 'open') return entry.at;
  }
  return finding.firstSeenAt;
}

/** Open findings at or above the binding's floor that have waited at least `afterMs` at `now`. */
export function overdueFindings(
  binding: ChannelBinding,
  findings: readonly Finding[],
  afterMs: number,
  now: Date,
): (Finding & { waitingSince: string })[] {
  const floor = binding.binding?.severityFloor ?? 'low';
  return findings
    .filter((f) => f.state === 'open' && atLeast(f.severity, floor))
    .map((f) => ({ ...f, waitingSince: waitingSince(f) }))
    .filter((f) => now.getTime() - new Date(f.waitingSince).getTime() >= afterMs);
}

/**
 * At most one reminder per finding signature and conversation: claims the overdue findings not
 * reminded before and posts one compact card listing them. A failed post gives the claims back.
 * Undefined when there was nothing to remind.
 */
export async function sendReminder(
  binding: ChannelBinding,
  tenant: Tenant,
  findings: readonly Finding[],
  deps: { policy: ReminderPolicy; sender: ChannelSender; now: Date },
): Promise<{ outcome: SendOutcome; findingIds: string[] } | undefined> {
  const overdue = overdueFindings(binding, findings, deps.policy.afterMs, deps.now);
  if (overdue.length === 0) return undefined;
  const keys: ReminderKey[] = overdue.map((f) => ({
    conversationId: binding.conversationId,
    findingId: f.id,
    signature: f.signature,
  }));
  const claimed = await deps.policy.store.claim(keys, deps.now.toISOString());
  if (claimed.length === 0) return undefined;
  const ids = new Set(claimed.map((k) => k.findingId));
  const card: AdaptiveCard = renderReminderCard(
    {
      tenant: { id: tenant.id, name: tenant.name },
      olderThan: describeDuration(deps.policy.afterMs),
      findings: overdue.filter((f) => ids.has(f.id)),
    },
    CARD_FORMAT,
  );
  const outcome = await deps.sender.post(binding.reference, cardActivity(card));
  if (!outcome.ok) await deps.policy.store.release(claimed);
  return { outcome, findingIds: [...ids] };
}
