import type { Actor } from '../model';
import type { FindingStore, StoredTransitionResult } from './finding-store';
import { ignoreRuleFor, type IgnoreRuleStore, type StoredIgnoreRule } from './ignore-rule-store';

export interface MarkFalsePositiveInput {
  findingId: string;
  expectedVersion: number;
  actor: Actor;
  reason: string;
  now: Date;
  conversationId?: string;
}

export type MarkFalsePositiveResult =
  | (Extract<StoredTransitionResult, { ok: true }> & { rule: StoredIgnoreRule })
  | Extract<StoredTransitionResult, { ok: false }>;

/**
 * "False positive": the finding closes and an ignore rule for its paths on that object is recorded,
 * so the diff leaves them out from the next check on. The rule id follows the finding version, so a
 * retry after a failed rule write records it once.
 */
export async function markFalsePositive(
  deps: { findings: FindingStore; ignoreRules: IgnoreRuleStore },
  input: MarkFalsePositiveInput,
): Promise<MarkFalsePositiveResult> {
  const transition = await deps.findings.transition(
    input.findingId,
    input.expectedVersion,
    {
      kind: 'falsePositive',
      reason: input.reason,
      ...(input.conversationId ? { conversationId: input.conversationId } : {}),
    },
    input.actor,
    input.now,
  );
  if (!transition.ok) return transition;
  const rule = ignoreRuleFor(transition.finding, input.reason.trim(), input.actor, input.now);
  await deps.ignoreRules.add(rule);
  return { ...transition, rule };
}
