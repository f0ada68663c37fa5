import { z } from 'zod';
import { TRIAGE_DECISIONS, type TriageDecision } from './verbs';

/** Longest snooze the lifecycle allows. */
export const MAX_SNOOZE_DAYS = 30;
export const REASON_MIN_LENGTH = 3;
export const REASON_MAX_LENGTH = 500;

const DAY_MS = 24 * 60 * 60 * 1000;

/** Decisions the lifecycle only records with a reason. */
export const REASON_REQUIRED: Record<TriageDecision, boolean> = {
  investigating: false,
  accepted: true,
  exception: true,
  false_positive: true,
  snoozed: true,
};

/** Decisions that last until a date. */
export const UNTIL_REQUIRED: Record<TriageDecision, boolean> = {
  investigating: false,
  accepted: false,
  exception: true,
  false_positive: false,
  snoozed: true,
};

/** A valid triage submission. `until` is the end (23:59:59.999 UTC) of the chosen day. */
export interface TriageInput {
  tenantId: string;
  findingId: string;
  version: number;
  decision: TriageDecision;
  reason?: string;
  until?: string;
}

export type TriageField = 'tenantId' | 'findingId' | 'version' | 'decision' | 'reason' | 'until';

export interface TriageInputError {
  field: TriageField;
  message: string;
}

export type TriageValidation = { ok: true; value: TriageInput } | { ok: false; errors: TriageInputError[] };

// Input values arrive as strings (Input.Date gives "YYYY-MM-DD"; an empty input gives "" or nothing).
const Submitted = z.object({
  tenantId: z.string().min(1),
  findingId: z.string().min(1),
  version: z.number().int().nonnegative(),
  decision: z.enum(TRIAGE_DECISIONS),
  reason: z.string().optional(),
  until: z.string().optional(),
});

/** Today's date (UTC) as "YYYY-MM-DD": the form's earliest `until`. */
export function isoDay(at: Date): string {
  return at.toISOString().slice(0, 10);
}

/** The latest snooze date the form offers and the server accepts. */
export function latestSnoozeDay(now: Date): string {
  return isoDay(new Date(now.getTime() + MAX_SNOOZE_DAYS * DAY_MS));
}

/**
 * Validate what the triage form submitted. The card validates the same rules (isRequired, min/max
 * dates), but card payloads are untrusted and older clients skip card validation, so the server
 * runs this again before any transition.
 */
export function validateTriageInput(data: unknown, now: Date): TriageValidation {
  const parsed = Submitted.safeParse(data);
  if (!parsed.success) {
    return {
      ok: false,
      errors: parsed.error.issues.map((issue) => ({
        field: fieldOf(issue.path[0]),
        message:
          issue.path[0] === 'decision'
            ? 'Choose what to do with the finding.'
            : 'The card sent incomplete data.',
      })),
    };
  }
  const { decision, tenantId, findingId, version } = parsed.data;
  const errors: TriageInputError[] = [];
  const value: TriageInput = { tenantId, findingId, version, decision };

  const reason = parsed.data.reason?.trim() ?? '';
  if (reason.length > REASON_MAX_LENGTH) {
    errors.push({ field: 'reason', message: `Keep the reason under ${REASON_MAX_LENGTH} characters.` });
  } else if (REASON_REQUIRED[decision] && reason.length < REASON_MIN_LENGTH) {
    errors.push({
      field: 'reason',
      message: 'Give a reason: it is kept in the finding history and the audit log.',
    });
  } else if (reason.length > 0) {
    value.reason = reason;
  }

  if (UNTIL_REQUIRED[decision]) {
    const until = checkUntil(decision, parsed.data.until?.trim() ?? '', now);
    if (typeof until === 'string') value.until = until;
    else errors.push(until);
  }

  return errors.length === 0 ? { ok: true, value } : { ok: false, errors };
}

function checkUntil(decision: TriageDecision, day: string, now: Date): string | TriageInputError {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(day) || Number.isNaN(Date.parse(`${day}T00:00:00Z`))) {
    return { field: 'until', message: 'Pick the date until which the finding stays silent.' };
  }
  if (isoDay(new Date(`${day}T00:00:00Z`)) !== day) {
    return { field: 'until', message: 'Pick a date that exists.' };
  }
  if (day <= isoDay(now)) {
    return { field: 'until', message: 'Pick a date after today.' };
  }
  if (decision === 'snoozed' && day > latestSnoozeDay(now)) {
    return { field: 'until', message: `A snooze lasts at most ${MAX_SNOOZE_DAYS} days.` };
  }
  return `${day}T23:59:59.999Z`;
}

function fieldOf(key: unknown): TriageField {
  const fields: readonly TriageField[] = ['tenantId', 'findingId', 'version', 'decision', 'reason', 'until'];
  return fields.find((field) => field === key) ?? 'decision';
}
