import type { Actor, Finding, FindingState } from '../model';
import { auditIdOf, type AuditEntry, type TransitionKind } from './audit-entry';
import {
  MAX_EXCEPTION_DAYS,
  MAX_REASON_LENGTH,
  MAX_SNOOZE_DAYS,
  type TransitionCommand,
} from './transition-command';

export type TransitionFailure =
  'invalid-transition' | 'reason-required' | 'reason-too-long' | 'until-invalid';

export type TransitionResult =
  | { ok: true; finding: Finding; audit: AuditEntry }
  | { ok: false; reason: TransitionFailure; message: string };

const DAY_MS = 24 * 60 * 60 * 1000;

/** States a person can still act on; closed states only allow reopen. */
const ACTIVE: readonly FindingState[] = ['open', 'acknowledged', 'snoozed', 'exception'];

const ALLOWED_FROM: Record<TransitionKind, readonly FindingState[]> = {
  acknowledge: ['open'],
  assign: ACTIVE,
  unassign: ACTIVE,
  snooze: ACTIVE,
  exception: ACTIVE,
  accept: ACTIVE,
  falsePositive: ACTIVE,
  reopen: ['acknowledged', 'snoozed', 'exception', 'accepted', 'false_positive'],
};

const LABEL: Record<TransitionKind, string> = {
  acknowledge: 'acknowledge',
  assign: 'assign',
  unassign: 'unassign',
  snooze: 'snooze',
  exception: 'record an exception for',
  accept: 'accept',
  falsePositive: 'mark as false positive',
  reopen: 'reopen',
};

const TARGET: Partial<Record<TransitionKind, FindingState>> = {
  acknowledge: 'acknowledged',
  accept: 'accepted',
  falsePositive: 'false_positive',
  reopen: 'open',
};

/** The commands possible in a state, for messages that say what to do instead. */
export function possibleTransitions(state: FindingState): TransitionKind[] {
  return (Object.keys(ALLOWED_FROM) as TransitionKind[]).filter((kind) => ALLOWED_FROM[kind].includes(state));
}

/**
 * The one place that decides what a person may do to a finding. Pure: returns the next finding
 * (version + 1, history appended) and its audit entry, or a reason with a message that says what to do.
 */
export function applyTransition(
  finding: Finding,
  command: TransitionCommand,
  actor: Actor,
  now: Date,
): TransitionResult {
  if (!ALLOWED_FROM[command.kind].includes(finding.state)) return refuseFromState(finding, command.kind);
  const checked = validate(finding, command, actor, now);
  if (checked) return checked;

  const next = nextFields(finding, command, actor);
  const at = now.toISOString();
  const version = finding.version + 1;
  const reason = 'reason' in command ? command.reason?.trim() || undefined : undefined;
  const until = 'until' in command ? new Date(command.until).toISOString() : undefined;
  const audit: AuditEntry = {
    id: auditIdOf(finding.id, version),
    findingId: finding.id,
    tenantId: finding.tenantId,
    at,
    actor,
    action: command.kind,
    from: finding.state,
    to: next.state,
    previousVersion: finding.version,
    findingVersion: version,
    ...(reason === undefined ? {} : { reason }),
    ...(until === undefined ? {} : { until }),
    ...(command.conversationId === undefined ? {} : { conversationId: command.conversationId }),
  };
  const updated: Finding = {
    ...withoutOptional(finding),
    ...next,
    version,
    updatedAt: at,
    history: [
      ...finding.history,
      {
        at,
        actor,
        action: command.kind,
        from: finding.state,
        to: next.state,
        ...(reason === undefined ? {} : { reason }),
        ...(until === undefined ? {} : { until }),
        ...(command.conversationId === undefined ? {} : { conversationId: command.conversationId }),
      },
    ],
  };
  return { ok: true, finding: updated, audit };
}

type Mutable = Pick<Finding, 'state' | 'assignee' | 'until' | 'reason'>;

/** Optional fields are dropped and re-added by `nextFields`, so cleared values leave no `undefined` keys. */
function withoutOptional(finding: Finding): Omit<Finding, 'assignee' | 'until' | 'reason'> {
  const { assignee: _a, until: _u, reason: _r, ...rest } = finding;
  return rest;
}

function keep(finding: Finding, fields: Array<keyof Omit<Mutable, 'state'>>): Partial<Mutable> {
  const kept: Partial<Mutable> = {};
  for (const field of fields) {
    if (finding[field] !== undefined) Object.assign(kept, { [field]: finding[field] });
  }
  return kept;
}

function nextFields(finding: Finding, command: TransitionCommand, actor: Actor): Mutable {
  switch (command.kind) {
    case 'acknowledge':
      return { ...keep(finding, ['assignee']), state: 'acknowledged' };
    case 'assign':
      // Someone investigating has seen it: an open finding stops alerting.
      return {
        ...keep(finding, ['until', 'reason']),
        state: finding.state === 'open' ? 'acknowledged' : finding.state,
        assignee: command.assignee ?? actor,
      };
    case 'unassign':
      return { ...keep(finding, ['until', 'reason']), state: finding.state };
    case 'snooze':
    case 'exception':
      return {
        ...keep(finding, ['assignee']),
        state: command.kind === 'snooze' ? 'snoozed' : 'exception',
        until: new Date(command.until).toISOString(),
        reason: command.reason.trim(),
      };
    case 'accept':
      return { ...keep(finding, ['assignee']), state: 'accepted', reason: command.reason.trim() };
    case 'falsePositive':
      return { ...keep(finding, ['assignee']), state: 'false_positive', reason: command.reason.trim() };
    case 'reopen':
      return { ...keep(finding, ['assignee']), state: 'open' };
  }
}

function validate(
  finding: Finding,
  command: TransitionCommand,
  actor: Actor,
  now: Date,
): TransitionResult | undefined {
  switch (command.kind) {
    case 'assign': {
      const assignee = command.assignee ?? actor;
      if (finding.assignee?.id === assignee.id) {
        return fail('invalid-transition', `This finding is already assigned to ${assignee.name}.`);
      }
      return undefined;
    }
    case 'unassign':
      return finding.assignee
        ? undefined
        : fail('invalid-transition', 'This finding has no assignee. Use "assign to me" to take it.');
    case 'snooze':
      return (
        checkReason(command.reason, 'snoozing') ?? checkUntil(command.until, now, MAX_SNOOZE_DAYS, 'snooze')
      );
    case 'exception':
      return (
        checkReason(command.reason, 'recording an exception') ??
        checkUntil(command.until, now, MAX_EXCEPTION_DAYS, 'exception')
      );
    case 'accept':
      return checkReason(command.reason, 'accepting the change into the baseline');
    case 'falsePositive':
      return checkReason(command.reason, 'marking it a false positive');
    case 'reopen':
      return command.reason === undefined ? undefined : checkLength(command.reason);
    case 'acknowledge':
      return undefined;
  }
}

function checkReason(reason: string, doing: string): TransitionResult | undefined {
  if (reason.trim() === '') {
    return fail(
      'reason-required',
      `Give a reason for ${doing}; it is kept in the finding's history and the audit log.`,
    );
  }
  return checkLength(reason);
}

function checkLength(reason: string): TransitionResult | undefined {
  if (reason.trim().length <= MAX_REASON_LENGTH) return undefined;
  return fail('reason-too-long', `Shorten the reason to at most ${MAX_REASON_LENGTH} characters.`);
}

function checkUntil(until: string, now: Date, maxDays: number, what: string): TransitionResult | undefined {
  const end = Date.parse(until);
  if (Number.isNaN(end)) {
    return fail('until-invalid', `Give the end of the ${what} as a date, for example 2025-07-01.`);
  }
  if (end <= now.getTime()) {
    return fail('until-invalid', `The end of the ${what} must be in the future.`);
  }
  if (end > now.getTime() + maxDays * DAY_MS) {
    return fail(
      'until-invalid',
      `${what === 'exception' ? 'An' : 'A'} ${what} lasts at most ${maxDays} days; pick an earlier end date.`,
    );
  }
  return undefined;
}

function refuseFromState(finding: Finding, kind: TransitionKind): TransitionResult {
  const state = finding.state.replace('_', ' ');
  if (finding.state === 'resolved') {
    return fail(
      'invalid-transition',
      `Cannot ${LABEL[kind]} this finding: it is resolved (the tenant matches the baseline again). Nothing to do.`,
    );
  }
  const options = possibleTransitions(finding.state).map((k) => LABEL[k]);
  const already = TARGET[kind] === finding.state ? ` It is already ${state}.` : ` It is ${state}.`;
  return fail(
    'invalid-transition',
    `Cannot ${LABEL[kind]} this finding.${already} Possible now: ${options.join(', ')}.`,
  );
}

function fail(reason: TransitionFailure, message: string): TransitionResult {
  return { ok: false, reason, message };
}
