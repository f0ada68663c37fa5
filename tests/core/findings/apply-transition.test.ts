import { describe, expect, it } from 'vitest';
import type { FindingState } from '../../../core/model';
import { applyTransition, possibleTransitions } from '../../../core/findings/apply-transition';
import type { TransitionCommand } from '../../../core/findings/transition-command';
import { alice, bob } from '../../support/builders/drift';
import { aFinding } from '../../support/builders/finding';

const NOW = new Date('2025-06-10T09:00:00.000Z');
const IN_7_DAYS = '2025-06-17T09:00:00.000Z';
const IN_31_DAYS = '2025-07-11T09:00:00.000Z';

const commands: Record<string, TransitionCommand> = {
  acknowledge: { kind: 'acknowledge' },
  assign: { kind: 'assign' },
  unassign: { kind: 'unassign' },
  snooze: { kind: 'snooze', reason: 'change window', until: IN_7_DAYS },
  exception: { kind: 'exception', reason: 'legacy app', until: IN_31_DAYS },
  accept: { kind: 'accept', reason: 'approved in CAB-42' },
  falsePositive: { kind: 'falsePositive', reason: 'Graph reports a default' },
  reopen: { kind: 'reopen' },
};

function inState(state: FindingState) {
  const quiet = state === 'snoozed' || state === 'exception';
  return aFinding({
    state,
    version: 5,
    assignee: bob,
    ...(quiet ? { until: IN_7_DAYS, reason: 'earlier reason' } : {}),
  });
}

// [from, command, to | failure reason]
const lifecycle: Array<[FindingState, string, FindingState | 'invalid-transition']> = [
  ['open', 'acknowledge', 'acknowledged'],
  ['open', 'assign', 'acknowledged'],
  ['open', 'unassign', 'open'],
  ['open', 'snooze', 'snoozed'],
  ['open', 'exception', 'exception'],
  ['open', 'accept', 'accepted'],
  ['open', 'falsePositive', 'false_positive'],
  ['open', 'reopen', 'invalid-transition'],
  ['acknowledged', 'acknowledge', 'invalid-transition'],
  ['acknowledged', 'assign', 'acknowledged'],
  ['acknowledged', 'unassign', 'acknowledged'],
  ['acknowledged', 'snooze', 'snoozed'],
  ['acknowledged', 'exception', 'exception'],
  ['acknowledged', 'accept', 'accepted'],
  ['acknowledged', 'falsePositive', 'false_positive'],
  ['acknowledged', 'reopen', 'open'],
  ['snoozed', 'acknowledge', 'invalid-transition'],
  ['snoozed', 'assign', 'snoozed'],
  ['snoozed', 'unassign', 'snoozed'],
  ['snoozed', 'snooze', 'snoozed'],
  ['snoozed', 'exception', 'exception'],
  ['snoozed', 'accept', 'accepted'],
  ['snoozed', 'falsePositive', 'false_positive'],
  ['snoozed', 'reopen', 'open'],
  ['exception', 'acknowledge', 'invalid-transition'],
  ['exception', 'assign', 'exception'],
  ['exception', 'snooze', 'snoozed'],
  ['exception', 'exception', 'exception'],
  ['exception', 'accept', 'accepted'],
  ['exception', 'falsePositive', 'false_positive'],
  ['exception', 'reopen', 'open'],
  ['accepted', 'acknowledge', 'invalid-transition'],
  ['accepted', 'assign', 'invalid-transition'],
  ['accepted', 'snooze', 'invalid-transition'],
  ['accepted', 'accept', 'invalid-transition'],
  ['accepted', 'falsePositive', 'invalid-transition'],
  ['accepted', 'reopen', 'open'],
  ['false_positive', 'acknowledge', 'invalid-transition'],
  ['false_positive', 'exception', 'invalid-transition'],
  ['false_positive', 'accept', 'invalid-transition'],
  ['false_positive', 'reopen', 'open'],
  ['resolved', 'acknowledge', 'invalid-transition'],
  ['resolved', 'assign', 'invalid-transition'],
  ['resolved', 'snooze', 'invalid-transition'],
  ['resolved', 'accept', 'invalid-transition'],
  ['resolved', 'falsePositive', 'invalid-transition'],
  ['resolved', 'reopen', 'invalid-transition'],
];

describe('applyTransition: the lifecycle table', () => {
  it.each(lifecycle)('%s + %s → %s', (from, name, expected) => {
    const finding = inState(from);
    const command = { ...commands[name]!, conversationId: 'conv-1' };

    const result = applyTransition(finding, command, alice, NOW);

    if (expected === 'invalid-transition') {
      expect(result).toMatchObject({ ok: false, reason: 'invalid-transition' });
      return;
    }
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.finding.state).toBe(expected);
    expect(result.finding.version).toBe(6);
    expect(result.finding.updatedAt).toBe(NOW.toISOString());
    expect(result.finding.history).toHaveLength(finding.history.length + 1);
    expect(result.finding.history.at(-1)).toMatchObject({
      at: NOW.toISOString(),
      actor: alice,
      action: name,
      from,
      to: expected,
      conversationId: 'conv-1',
    });
    expect(result.audit).toMatchObject({
      id: `${finding.id}:v6`,
      findingId: finding.id,
      tenantId: finding.tenantId,
      at: NOW.toISOString(),
      actor: alice,
      action: name,
      from,
      to: expected,
      previousVersion: 5,
      findingVersion: 6,
      conversationId: 'conv-1',
    });
  });

  it('never mutates the finding it is given', () => {
    const finding = inState('open');
    const before = structuredClone(finding);

    applyTransition(finding, commands.snooze!, alice, NOW);

    expect(finding).toEqual(before);
  });
});

describe('applyTransition: what each command records', () => {
  it('assign to me makes the actor the assignee ("investigating")', () => {
    const result = applyTransition(aFinding(), { kind: 'assign' }, alice, NOW);

    expect(result).toMatchObject({ ok: true, finding: { assignee: alice, state: 'acknowledged' } });
  });

  it('assign can name someone else', () => {
    const result = applyTransition(aFinding(), { kind: 'assign', assignee: bob }, alice, NOW);

    expect(result).toMatchObject({ ok: true, finding: { assignee: bob }, audit: { actor: alice } });
  });

  it('refuses to assign to the person already assigned', () => {
    const result = applyTransition(aFinding({ assignee: alice }), { kind: 'assign' }, alice, NOW);

    expect(result).toMatchObject({
      ok: false,
      reason: 'invalid-transition',
      message: 'This finding is already assigned to Alice Admin.',
    });
  });

  it('unassign removes the assignee and refuses when there is none', () => {
    const unassigned = applyTransition(aFinding({ assignee: bob }), { kind: 'unassign' }, alice, NOW);
    const nobody = applyTransition(aFinding(), { kind: 'unassign' }, alice, NOW);

    expect(unassigned.ok && 'assignee' in unassigned.finding).toBe(false);
    expect(nobody).toMatchObject({ ok: false, reason: 'invalid-transition' });
  });

  it('snooze keeps its reason and end; reopening clears them', () => {
    const snoozed = applyTransition(aFinding(), commands.snooze!, alice, NOW);
    if (!snoozed.ok) throw new Error(snoozed.message);

    const reopened = applyTransition(snoozed.finding, { kind: 'reopen', reason: 'window over' }, bob, NOW);

    expect(snoozed.finding).toMatchObject({ state: 'snoozed', until: IN_7_DAYS, reason: 'change window' });
    expect(reopened).toMatchObject({
      ok: true,
      finding: { state: 'open', version: 3 },
      audit: { reason: 'window over' },
    });
    expect(reopened.ok && reopened.finding.until).toBeUndefined();
    expect(reopened.ok && reopened.finding.reason).toBeUndefined();
  });

  it('the invalid-transition message says what is possible instead', () => {
    const result = applyTransition(aFinding({ state: 'accepted' }), { kind: 'acknowledge' }, alice, NOW);

    expect(result).toEqual({
      ok: false,
      reason: 'invalid-transition',
      message: 'Cannot acknowledge this finding. It is accepted. Possible now: reopen.',
    });
  });

  it('explains that a resolved finding needs nothing', () => {
    const result = applyTransition(aFinding({ state: 'resolved' }), { kind: 'reopen' }, alice, NOW);

    expect(result.ok === false && result.message).toContain('the tenant matches the baseline again');
  });

  it('lists the possible transitions per state', () => {
    expect(possibleTransitions('accepted')).toEqual(['reopen']);
    expect(possibleTransitions('resolved')).toEqual([]);
  });
});

describe('applyTransition: reasons and dates', () => {
  it.each<TransitionCommand>([
    { kind: 'snooze', reason: '  ', until: IN_7_DAYS },
    { kind: 'exception', reason: '', until: IN_31_DAYS },
    { kind: 'accept', reason: '' },
    { kind: 'falsePositive', reason: '\n' },
  ])('$kind without a reason is refused with reason-required', (command) => {
    const result = applyTransition(aFinding(), command, alice, NOW);

    expect(result).toMatchObject({ ok: false, reason: 'reason-required' });
    expect(result.ok === false && result.message).toMatch(/^Give a reason for /);
  });

  it('refuses a reason longer than 1000 characters', () => {
    const result = applyTransition(aFinding(), { kind: 'accept', reason: 'x'.repeat(1001) }, alice, NOW);

    expect(result).toMatchObject({ ok: false, reason: 'reason-too-long' });
  });

  it.each([
    ['snooze', 'not a date', 'Give the end of the snooze as a date, for example 2025-07-01.'],
    ['snooze', '2025-06-10T09:00:00.000Z', 'The end of the snooze must be in the future.'],
    ['snooze', IN_31_DAYS, 'A snooze lasts at most 30 days; pick an earlier end date.'],
    ['exception', '2025-06-01', 'The end of the exception must be in the future.'],
    [
      'exception',
      '2026-06-11T09:00:00.000Z',
      'An exception lasts at most 365 days; pick an earlier end date.',
    ],
  ] as const)('%s until %s is refused: %s', (kind, until, message) => {
    const result = applyTransition(aFinding(), { kind, reason: 'r', until }, alice, NOW);

    expect(result).toEqual({ ok: false, reason: 'until-invalid', message });
  });

  it('accepts a snooze of exactly 30 days', () => {
    const result = applyTransition(
      aFinding(),
      { kind: 'snooze', reason: 'r', until: '2025-07-10T09:00:00.000Z' },
      alice,
      NOW,
    );

    expect(result.ok).toBe(true);
  });
});
