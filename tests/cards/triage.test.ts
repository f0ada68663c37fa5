import { describe, expect, it } from 'vitest';
import {
  TRIAGE_DECISIONS,
  Verb,
  renderTriageFormCard,
  validateTriageInput,
  type TriageDecision,
} from '../../cards';
import { elementsOfType, executeActions } from './support/card-walk';
import { CONTOSO, NOW, REQUIRE_MFA } from './support/sample-data';
import { schemaErrors, sdkEvents } from './support/validate-card';

const now = new Date(NOW);
const ref = { tenantId: CONTOSO.id, findingId: REQUIRE_MFA.id, version: 4 };

function form(decision?: TriageDecision) {
  return renderTriageFormCard({
    tenant: CONTOSO,
    finding: REQUIRE_MFA,
    now: NOW,
    ...(decision ? { decision } : {}),
  });
}

describe('triage form card', () => {
  it('first offers every decision, each a triage action carrying the decision and the version shown', () => {
    const choices = executeActions(form()).filter((action) => action.verb === Verb.Triage);

    expect(choices.map((action) => action.data?.decision)).toEqual([...TRIAGE_DECISIONS]);
    expect(choices[1]?.data).toEqual({ ...ref, decision: 'accepted' });
  });

  it.each(TRIAGE_DECISIONS.map((decision) => [decision]))(
    'the %s form validates on both validators',
    (decision) => {
      const card = form(decision);

      expect(schemaErrors(card)).toEqual([]);
      expect(sdkEvents(card)).toEqual([]);
    },
  );

  it('requires a labelled reason where the lifecycle does, with an error message', () => {
    for (const decision of TRIAGE_DECISIONS) {
      const [reason] = elementsOfType(form(decision), 'Input.Text');

      expect(reason).toMatchObject({
        id: 'reason',
        isRequired: decision !== 'investigating',
        maxLength: 500,
      });
      expect(reason?.label).toEqual(expect.any(String));
      expect(reason?.errorMessage).toEqual(expect.any(String));
    }
  });

  it('asks a snooze for a date from tomorrow to 30 days ahead, and an exception for a date after today', () => {
    const [snooze] = elementsOfType(form('snoozed'), 'Input.Date');
    const [exception] = elementsOfType(form('exception'), 'Input.Date');

    expect(snooze).toMatchObject({ id: 'until', isRequired: true, min: '2025-12-04', max: '2026-01-02' });
    expect(exception).toMatchObject({ id: 'until', isRequired: true, min: '2025-12-04' });
    expect(exception).not.toHaveProperty('max');
    expect(elementsOfType(form('accepted'), 'Input.Date')).toEqual([]);
  });

  it('submits the decision with the finding version, gathering the inputs', () => {
    const submit = executeActions(form('false_positive')).find((action) => action.verb === Verb.TriageSubmit);

    expect(submit?.data).toEqual({ ...ref, decision: 'false_positive' });
    expect(submit?.fallback).toMatchObject({
      type: 'Action.Submit',
      data: { verb: Verb.TriageSubmit, ...ref },
    });
  });
});

describe('validateTriageInput (the server runs the card rules again)', () => {
  it.each([
    ['investigating without a note', { decision: 'investigating' }, { decision: 'investigating' }],
    [
      'an acceptance with a reason',
      { decision: 'accepted', reason: '  Approved in CAB-1234 ' },
      { reason: 'Approved in CAB-1234' },
    ],
    [
      'a snooze of exactly 30 days',
      { decision: 'snoozed', reason: 'Vendor fix', until: '2026-01-02' },
      { until: '2026-01-02T23:59:59.999Z' },
    ],
    [
      'an exception a year ahead',
      { decision: 'exception', reason: 'Risk accepted by CISO', until: '2026-12-03' },
      { until: '2026-12-03T23:59:59.999Z' },
    ],
  ])('accepts %s', (_name, submitted, expected) => {
    const result = validateTriageInput({ ...ref, ...submitted }, now);

    expect(result).toEqual({ ok: true, value: expect.objectContaining({ ...ref, ...expected }) });
  });

  it.each([
    ['a false positive without a reason', { decision: 'false_positive', reason: '   ' }, 'reason'],
    [
      'an acceptance with a reason over 500 characters',
      { decision: 'accepted', reason: 'x'.repeat(501) },
      'reason',
    ],
    ['a snooze of 31 days', { decision: 'snoozed', reason: 'Vendor fix', until: '2026-01-03' }, 'until'],
    ['a snooze until today', { decision: 'snoozed', reason: 'Vendor fix', until: '2025-12-03' }, 'until'],
    ['an exception without a date', { decision: 'exception', reason: 'Risk accepted' }, 'until'],
    [
      'an exception on a date that does not exist',
      { decision: 'exception', reason: 'Risk accepted', until: '2026-02-30' },
      'until',
    ],
    ['an unknown decision', { decision: 'delete' }, 'decision'],
  ])('refuses %s, naming the field', (_name, submitted, field) => {
    const result = validateTriageInput({ ...ref, ...submitted }, now);

    expect(result.ok).toBe(false);
    expect(result.ok ? [] : result.errors.map((error) => error.field)).toContain(field);
  });

  it('refuses a payload without the finding it is about', () => {
    const result = validateTriageInput({ decision: 'accepted', reason: 'fine' }, now);

    expect(result.ok ? [] : result.errors.map((error) => error.field)).toEqual([
      'tenantId',
      'findingId',
      'version',
    ]);
  });
});
