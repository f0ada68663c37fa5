import { describe, expect, it } from 'vitest';
import type { Finding, FindingState } from '../../../core/model';
import { reconcileFindings, type ReconcileContext } from '../../../core/findings/reconcile-findings';
import { findingIdOf } from '../../../core/findings/finding-identity';
import { aChange, aDrift, OTHER_TENANT, TENANT } from '../../support/builders/drift';
import { aFinding } from '../../support/builders/finding';

const NOW = new Date('2025-06-10T09:00:00.000Z');
const LATER = '2025-06-20T00:00:00.000Z';
const EARLIER = '2025-06-09T00:00:00.000Z';
const CA = 'conditionalAccessPolicy';

function ctx(overrides: Partial<ReconcileContext> = {}): ReconcileContext {
  return { tenantId: TENANT, now: NOW, completeTypes: new Set([CA]), runId: 'run-2', ...overrides };
}

/** A finding in `state`, with the fields that state carries. */
function inState(state: FindingState, until = LATER): Finding {
  const quiet = state === 'snoozed' || state === 'exception';
  return aFinding({ state, version: 3, ...(quiet ? { until, reason: 'change window' } : {}) });
}

const sameDrift = aDrift();
const furtherDrift = aDrift({ changes: [aChange({ current: 'enabledForReportingButNotEnforced' })] });

describe('reconcileFindings: a check that sees the same drift signature', () => {
  it.each<[FindingState, string | undefined, FindingState]>([
    ['open', undefined, 'open'],
    ['acknowledged', undefined, 'acknowledged'],
    ['snoozed', undefined, 'snoozed'],
    ['exception', undefined, 'exception'],
    ['accepted', undefined, 'accepted'],
    ['false_positive', undefined, 'false_positive'],
    ['resolved', 'recurred', 'open'],
  ])('leaves a %s finding alone unless it had resolved (reason %s, state %s)', (state, reason, expected) => {
    const result = reconcileFindings([inState(state)], [sameDrift], ctx());

    if (reason === undefined) {
      expect(result.changes).toEqual([]);
      expect(result.touches).toEqual([
        {
          id: inState(state).id,
          lastSeenAt: NOW.toISOString(),
          severity: 'critical',
          displayName: sameDrift.displayName,
        },
      ]);
      expect(result.summary.news).toBe(false);
    } else {
      expect(result.changes.map((c) => [c.reason, c.finding.state, c.finding.version])).toEqual([
        [reason, expected, 4],
      ]);
      expect(result.summary.reopened).toEqual([inState(state).id]);
    }
  });
});

describe('reconcileFindings: a check that sees a different drift signature', () => {
  it.each<[FindingState, string]>([
    ['open', 'changed'],
    ['acknowledged', 'redrift'],
    ['snoozed', 'redrift'],
    ['exception', 'redrift'],
    ['accepted', 'redrift'],
    ['false_positive', 'redrift'],
    ['resolved', 'recurred'],
  ])('brings a %s finding (back) to open as %s and alerts', (state, reason) => {
    const result = reconcileFindings([inState(state)], [furtherDrift], ctx());

    const [change] = result.changes;
    expect(change?.reason).toBe(reason);
    expect(change?.finding).toMatchObject({ state: 'open', version: 4, changes: furtherDrift.changes });
    expect(change?.finding.until).toBeUndefined();
    expect(change?.finding.signature).not.toBe(inState(state).signature);
    expect(change?.finding.history.at(-1)).toEqual({
      at: NOW.toISOString(),
      actor: null,
      action: reason,
      from: state,
      to: 'open',
    });
    expect(change?.audit).toMatchObject({
      actor: null,
      action: reason,
      from: state,
      to: 'open',
      previousVersion: 3,
      findingVersion: 4,
      runId: 'run-2',
    });
    expect(result.summary.news).toBe(true);
  });

  it('keeps the assignee of a finding that comes back', () => {
    const finding = { ...inState('acknowledged'), assignee: { id: 'u1', name: 'Uma' } };

    const result = reconcileFindings([finding], [furtherDrift], ctx());

    expect(result.changes[0]?.finding.assignee).toEqual({ id: 'u1', name: 'Uma' });
  });
});

describe('reconcileFindings: drift gone from a type read completely', () => {
  it.each<[FindingState, boolean]>([
    ['open', true],
    ['acknowledged', true],
    ['snoozed', true],
    ['exception', true],
    ['accepted', false],
    ['false_positive', false],
    ['resolved', false],
  ])('a %s finding resolves: %s', (state, resolves) => {
    const result = reconcileFindings([inState(state)], [], ctx());

    expect(result.summary.resolved).toEqual(resolves ? [inState(state).id] : []);
    expect(result.changes.map((c) => c.finding.state)).toEqual(resolves ? ['resolved'] : []);
  });

  it('resolves a finding whose snooze has also ended, rather than reopening it', () => {
    const result = reconcileFindings([inState('snoozed', EARLIER)], [], ctx());

    expect(result.changes.map((c) => c.reason)).toEqual(['resolved']);
  });
});

describe('reconcileFindings: a type not read completely', () => {
  const incomplete = ctx({ completeTypes: new Set(['deviceCompliancePolicy']) });

  it.each<FindingState>([
    'open',
    'acknowledged',
    'snoozed',
    'exception',
    'accepted',
    'false_positive',
    'resolved',
  ])('never resolves a %s finding', (state) => {
    const result = reconcileFindings([inState(state)], [], incomplete);

    expect(result.changes).toEqual([]);
    expect(result.summary.notChecked).toEqual([CA]);
  });

  it('never creates a finding from its drift', () => {
    const result = reconcileFindings([], [aDrift({ kind: 'missing', changes: [] })], incomplete);

    expect(result.changes).toEqual([]);
    expect(result.summary).toMatchObject({ new: [], notChecked: [CA], news: false });
  });

  it('never changes a finding whose drift there looks different', () => {
    const result = reconcileFindings([inState('acknowledged')], [furtherDrift], incomplete);

    expect(result.changes).toEqual([]);
    expect(result.touches).toEqual([]);
  });

  it('still reopens an ended snooze, because that is a matter of time, not of what was read', () => {
    const result = reconcileFindings([inState('snoozed', EARLIER)], [], incomplete);

    expect(result.changes.map((c) => [c.reason, c.finding.state])).toEqual([['expired', 'open']]);
  });
});

describe('reconcileFindings: snoozes and exceptions that end', () => {
  it.each<FindingState>(['snoozed', 'exception'])('reopens a %s finding once its end has passed', (state) => {
    const result = reconcileFindings([inState(state, EARLIER)], [sameDrift], ctx());

    const [change] = result.changes;
    expect(change?.reason).toBe('expired');
    expect(change?.finding).toMatchObject({ state: 'open', version: 4 });
    expect(change?.finding.until).toBeUndefined();
    expect(change?.finding.reason).toBeUndefined();
    expect(result.summary.reopened).toEqual([change?.finding.id]);
  });

  it('keeps a snooze that ends exactly now from lingering', () => {
    const result = reconcileFindings([inState('snoozed', NOW.toISOString())], [sameDrift], ctx());

    expect(result.changes.map((c) => c.reason)).toEqual(['expired']);
  });
});

describe('reconcileFindings: new drift', () => {
  it('creates an open finding at version 1 with its detection in history and audit', () => {
    const result = reconcileFindings([], [sameDrift], ctx());

    const id = findingIdOf(TENANT, CA, 'ca-require-mfa');
    expect(result.summary).toEqual({
      new: [id],
      reopened: [],
      changed: [],
      resolved: [],
      unchanged: [],
      notChecked: [],
      news: true,
    });
    expect(result.changes[0]).toMatchObject({
      reason: 'new',
      previousVersion: 0,
      finding: {
        id,
        tenantId: TENANT,
        state: 'open',
        version: 1,
        firstSeenAt: NOW.toISOString(),
        severity: 'critical',
      },
      audit: { id: `${id}:v1`, action: 'detected', findingVersion: 1, previousVersion: 0, actor: null },
    });
  });

  it('gives the same signature whatever order the changes come in', () => {
    const changes = [aChange({ path: 'a', current: 1 }), aChange({ path: 'b', current: { y: 1, x: 2 } })];
    const finding = aFinding({ changes });

    const result = reconcileFindings([finding], [aDrift({ changes: [changes[1]!, changes[0]!] })], ctx());

    expect(result.changes).toEqual([]);
    expect(result.summary.unchanged).toEqual([finding.id]);
  });

  it('ignores findings of other tenants', () => {
    const theirs = aFinding({ tenantId: OTHER_TENANT });

    const result = reconcileFindings([theirs], [], ctx());

    expect(result.changes).toEqual([]);
  });

  it('treats a baseline-only difference as the same signature, since the tenant did not move', () => {
    const finding = aFinding();

    const result = reconcileFindings(
      [finding],
      [aDrift({ changes: [aChange({ baseline: 'something else' })] })],
      ctx(),
    );

    expect(result.summary.unchanged).toEqual([finding.id]);
  });
});
