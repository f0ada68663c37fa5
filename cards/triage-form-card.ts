import { safeLine } from './escape';
import type { FindingLine } from './findings';
import { SEVERITY_COLOR, SEVERITY_LABEL, formatDate, typeLabel, type FormatOptions } from './format';
import { expandTemplate, type AdaptiveCard } from './render';
import type { TenantRef } from './summary-card';
import template from './templates/triage-form.json';
import {
  MAX_SNOOZE_DAYS,
  REASON_MAX_LENGTH,
  REASON_REQUIRED,
  UNTIL_REQUIRED,
  isoDay,
  latestSnoozeDay,
  type TriageInputError,
} from './triage-input';
import { TRIAGE_DECISIONS, type TriageDecision } from './verbs';

export interface TriageFormCardData {
  tenant: TenantRef;
  finding: Pick<FindingLine, 'id' | 'version' | 'displayName' | 'policyType' | 'severity' | 'state'>;
  /** Absent: the card offers the decisions. Present: the inputs for that decision. */
  decision?: TriageDecision;
  /** Now (ISO): the date inputs' bounds. */
  now: string;
  /** What the server refused last time (from validateTriageInput), shown above the inputs. */
  errors?: readonly TriageInputError[];
}

interface DecisionText {
  button: string;
  title: string;
  explain: string;
  submit: string;
}

const DECISION_TEXT: Record<TriageDecision, DecisionText> = {
  investigating: {
    button: 'Investigate',
    title: 'Investigate',
    explain: 'You become the assignee; the finding stays as it is until resolved or triaged.',
    submit: 'Assign to me',
  },
  accepted: {
    button: 'Accept into baseline',
    title: 'Accept into the baseline',
    explain:
      'The current state becomes the approved state: a new baseline version is recorded and the finding closes.',
    submit: 'Accept into baseline',
  },
  exception: {
    button: 'Exception…',
    title: 'Exception',
    explain: 'The risk is accepted until a date. The finding stays silent until then and opens again after.',
    submit: 'Record exception',
  },
  false_positive: {
    button: 'False positive',
    title: 'False positive',
    explain: 'An ignore rule for these settings on this policy type is recorded, and the finding closes.',
    submit: 'Mark false positive',
  },
  snoozed: {
    button: 'Snooze…',
    title: 'Snooze',
    explain: `The finding stays silent until a date, at most ${MAX_SNOOZE_DAYS} days ahead.`,
    submit: 'Snooze',
  },
};

export function renderTriageFormCard(data: TriageFormCardData, options?: FormatOptions): AdaptiveCard {
  const { tenant, finding, decision } = data;
  const now = new Date(data.now);
  const tomorrow = isoDay(new Date(now.getTime() + 24 * 60 * 60 * 1000));
  const latestSnooze = latestSnoozeDay(now);
  const view = {
    tenantId: tenant.id,
    findingId: finding.id,
    version: finding.version,
    header: `DRIFTWATCH · ${safeLine(tenant.name, 80)}`,
    title: `Triage “${safeLine(finding.displayName, 100)}”`,
    subtitle: `${SEVERITY_LABEL[finding.severity].toUpperCase()} · ${safeLine(typeLabel(finding.policyType, options), 60)}`,
    severityColor: SEVERITY_COLOR[finding.severity],
    choosing: decision === undefined,
    decisions: TRIAGE_DECISIONS.map((choice) => ({
      decision: choice,
      title: DECISION_TEXT[choice].button,
      explain: DECISION_TEXT[choice].explain,
    })),
    deciding: decision !== undefined,
    decision: decision ?? '',
    decisionTitle: decision === undefined ? '' : DECISION_TEXT[decision].title,
    explain: decision === undefined ? '' : DECISION_TEXT[decision].explain,
    submitTitle: decision === undefined ? '' : DECISION_TEXT[decision].submit,
    hasErrors: (data.errors ?? []).length > 0,
    errors: (data.errors ?? []).map((error) => ({ line: safeLine(error.message, 200) })),
    needsUntil: decision !== undefined && UNTIL_REQUIRED[decision],
    untilIsSnooze: decision === 'snoozed',
    untilIsException: decision === 'exception',
    untilMin: tomorrow,
    untilMax: latestSnooze,
    snoozeUntilLabel: `Snooze until (at most ${formatDate(`${latestSnooze}T12:00:00Z`, { ...options, timeZone: 'UTC' })})`,
    reasonRequired: decision !== undefined && REASON_REQUIRED[decision],
    reasonLabel: decision !== undefined && REASON_REQUIRED[decision] ? 'Reason' : 'Note (optional)',
    reasonMaxLength: REASON_MAX_LENGTH,
  };
  return expandTemplate(template, view);
}
