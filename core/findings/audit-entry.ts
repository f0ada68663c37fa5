import type { Actor, FindingState } from '../model';

/** Things a person does to a finding (card buttons, chat commands, the CLI). */
export const TRANSITION_KINDS = [
  'acknowledge',
  'assign',
  'unassign',
  'snooze',
  'exception',
  'accept',
  'falsePositive',
  'reopen',
] as const;
export type TransitionKind = (typeof TRANSITION_KINDS)[number];

/** Things a check does to a finding. */
export const SYSTEM_ACTIONS = ['detected', 'changed', 'redrift', 'recurred', 'expired', 'resolved'] as const;
export type SystemAction = (typeof SYSTEM_ACTIONS)[number];

export type FindingAction = TransitionKind | SystemAction;

/**
 * One line of the append-only audit log: who did what to which finding, when, from which conversation
 * and why. There is exactly one entry per finding version, so `id` (`<findingId>:v<version>`) makes a
 * retried append harmless.
 */
export interface AuditEntry {
  id: string;
  findingId: string;
  tenantId: string;
  at: string;
  /** `null` for the system (a check). */
  actor: Actor | null;
  action: FindingAction;
  from: FindingState;
  to: FindingState;
  previousVersion: number;
  findingVersion: number;
  reason?: string;
  until?: string;
  conversationId?: string;
  runId?: string;
}

export function auditIdOf(findingId: string, findingVersion: number): string {
  return `${findingId}:v${findingVersion}`;
}
