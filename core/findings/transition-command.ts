import type { Actor } from '../model';

interface CommandContext {
  /** The Teams conversation the click or command came from, for the audit log. */
  conversationId?: string;
}

/** What a person can do to a finding. `until` values are ISO 8601 instants. */
export type TransitionCommand = CommandContext &
  (
    | { kind: 'acknowledge' }
    /** "Investigating": assigns to `assignee`, or to the actor when absent. */
    | { kind: 'assign'; assignee?: Actor }
    | { kind: 'unassign' }
    | { kind: 'snooze'; reason: string; until: string }
    | { kind: 'exception'; reason: string; until: string }
    | { kind: 'accept'; reason: string }
    | { kind: 'falsePositive'; reason: string }
    | { kind: 'reopen'; reason?: string }
  );

export const MAX_SNOOZE_DAYS = 30;
/** Risk acceptance is re-decided at least yearly, so nothing is silenced for good. */
export const MAX_EXCEPTION_DAYS = 365;
export const MAX_REASON_LENGTH = 1000;
