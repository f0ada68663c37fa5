import { safeLine } from './escape';
import { attentionOrder, findingRowView, shownFindings, type FindingLine } from './findings';
import { formatDateTime, plural, typeLabel, type FormatOptions } from './format';
import { expandTemplate, fitToBudget, type AdaptiveCard } from './render';
import type { TenantRef } from './summary-card';
import template from './templates/reminder.json';

/** One unacknowledged finding and since when it has waited (its current drift was raised). */
export type ReminderFinding = FindingLine & { waitingSince: string };

export interface ReminderCardData {
  tenant: TenantRef;
  /** The configured age in words: "24 hours". */
  olderThan: string;
  findings: readonly ReminderFinding[];
}

/** Most findings a reminder lists; fewer when the card would exceed the size budget. */
export const REMINDER_LIST_LIMITS = [10, 6, 3, 0] as const;

/** The one reminder about findings nobody acknowledged within the configured age: compact, worst first. */
export function renderReminderCard(data: ReminderCardData, options?: FormatOptions): AdaptiveCard {
  const ordered = attentionOrder(data.findings);
  const count = ordered.length;
  return fitToBudget(REMINDER_LIST_LIMITS, (limit) => {
    const listed = ordered.slice(0, limit);
    const more = count - listed.length;
    const view = {
      header: `DRIFTWATCH · ${safeLine(data.tenant.name, 80)} · REMINDER`,
      title: `${plural(count, 'finding')} still unacknowledged after ${safeLine(data.olderThan, 40)}`,
      findings: listed.map((finding) => ({
        ...findingRowView(finding, false, options),
        since: safeLine(
          `${typeLabel(finding.policyType, options)} · waiting since ${formatDateTime(finding.waitingSince, options)}`,
          140,
        ),
      })),
      hasMore: more > 0,
      moreText: `${plural(more, 'more finding')} waiting.`,
      footer:
        'Acknowledge or triage them from the summary or "Show all findings". This is the only reminder for each.',
      moreData: { tenantId: data.tenant.id, offset: 0, findings: shownFindings(listed) },
    };
    return expandTemplate(template, view);
  });
}
