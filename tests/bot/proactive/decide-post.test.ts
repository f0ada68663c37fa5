import { describe, expect, it } from 'vitest';
import { decidePost, type PostDecision } from '../../../bot/proactive/decide-post';
import type { ChannelBinding } from '../../../core/bindings/channel-binding';
import type { ToldFinding } from '../../../core/bindings/notification-log';
import type { CheckResult, CheckRun } from '../../../core/checks/check-run';
import type { Finding, Severity } from '../../../core/model';
import { alice, TENANT } from '../../support/builders/drift';
import { aFinding } from '../../support/builders/finding';

const AT = '2025-06-02T09:00:00.000Z';
const tenant = { id: TENANT, name: 'Contoso', aliases: [], approvers: [] };

function channel(
  options: { floor?: Severity; lastPost?: string; told?: Record<string, ToldFinding> } = {},
): ChannelBinding {
  return {
    conversationId: '19:contoso@thread.tacv2',
    reference: {
      serviceUrl: 'https://smba.trafficmanager.net/emea/',
      channelId: 'msteams',
      conversationId: '19:contoso@thread.tacv2',
      bot: { id: '28:bot' },
    },
    installedAt: AT,
    binding: { tenantId: TENANT, severityFloor: options.floor ?? 'low', boundBy: alice, boundAt: AT },
    lastPosts: options.lastPost ? { [TENANT]: { activityId: options.lastPost, at: AT, runId: 'run-0' } } : {},
    ...(options.told ? { told: { [TENANT]: { rev: 3, findings: options.told } } } : {}),
  };
}

/** The run's own deltas are deliberately empty: the decision must not depend on them. */
function checked(status: CheckRun['status'] = 'complete', ids: Partial<CheckResult> = {}): CheckResult {
  return {
    tenant,
    run: {
      id: 'run-1',
      tenantId: TENANT,
      trigger: 'schedule',
      status,
      startedAt: AT,
      finishedAt: AT,
      holder: 'test',
      coverage: {},
      graphRequests: 1,
      counts: { new: 0, reopened: 0, resolved: 0, unchanged: 0, open: 0 },
    },
    newFindingIds: [],
    reopenedFindingIds: [],
    resolvedFindingIds: [],
    ...ids,
  };
}

const high = aFinding({ key: 'ca-mfa', severity: 'high' });
const low = aFinding({ key: 'wallpaper', severity: 'low' });
const highAcknowledged: Finding = { ...high, state: 'acknowledged' };
const highResolved: Finding = { ...high, state: 'resolved' };
const highDriftedFurther: Finding = { ...high, signature: 'sig-drifted-further' };

const asOpen = (f: Finding): Record<string, ToldFinding> => ({
  [f.id]: { signature: f.signature, attention: true },
});
const asQuiet = (f: Finding): Record<string, ToldFinding> => ({
  [f.id]: { signature: f.signature, attention: false },
});

interface Row {
  story: string;
  findings: Finding[];
  told?: Record<string, ToldFinding>;
  lastPost?: string;
  floor?: Severity;
  expected: Partial<PostDecision> & Record<string, unknown>;
  /** Nothing to record: the log would stay as it is. */
  logsNothing?: boolean;
}

const ROWS: Row[] = [
  {
    story: 'a channel never posted to gets a first post when a finding needs attention',
    findings: [high],
    expected: { action: 'post', reason: 'first', newIds: [high.id], log: { rev: 0, findings: asOpen(high) } },
  },
  {
    story:
      'a channel never posted to stays quiet when nothing needs attention (a baseline was just captured)',
    findings: [],
    expected: { action: 'none', reason: 'nothing-to-say' },
  },
  {
    story: 'an open finding the channel was never told about is new, whatever the run reported',
    findings: [high, low],
    told: asOpen(high),
    lastPost: 'act-1',
    expected: { action: 'post', reason: 'new-findings', newIds: [low.id], reopenedIds: [], changedIds: [] },
  },
  {
    story: 'a finding told as quiet that needs attention again is reopened news',
    findings: [high],
    told: asQuiet(high),
    lastPost: 'act-1',
    expected: { action: 'post', reason: 'new-findings', newIds: [], reopenedIds: [high.id] },
  },
  {
    story: 'an open finding whose drift signature differs from the one told is changed news',
    findings: [highDriftedFurther],
    told: asOpen(high),
    lastPost: 'act-1',
    expected: {
      action: 'post',
      reason: 'changed-findings',
      changedIds: [high.id],
      log: { rev: 3, findings: asOpen(highDriftedFurther) },
    },
  },
  {
    story: 'a told finding that is now resolved is news, and leaves the log once announced',
    findings: [highResolved],
    told: asOpen(high),
    lastPost: 'act-1',
    expected: { action: 'post', reason: 'some-resolved', resolved: 1, log: { rev: 3, findings: {} } },
  },
  {
    story: 'findings as told: the last summary is updated in place and the log stays as it is',
    findings: [high],
    told: asOpen(high),
    lastPost: 'act-1',
    expected: { action: 'update', reason: 'unchanged', activityId: 'act-1' },
    logsNothing: true,
  },
  {
    story: 'an acknowledgement is not news, but the log remembers the finding as quiet',
    findings: [highAcknowledged],
    told: asOpen(high),
    lastPost: 'act-1',
    expected: { action: 'update', reason: 'unchanged', log: { rev: 3, findings: asQuiet(high) } },
  },
  {
    story: 'a quiet finding never told about is neither news nor logged',
    findings: [highAcknowledged],
    expected: { action: 'none', reason: 'nothing-to-say' },
  },
  {
    story: 'a finding resolved before the channel was told about it is not news',
    findings: [highResolved],
    lastPost: 'act-1',
    expected: { action: 'update', reason: 'unchanged' },
    logsNothing: true,
  },
  {
    story: 'a new finding below the channel floor is not news there and is not logged',
    findings: [high, low],
    told: asOpen(high),
    lastPost: 'act-1',
    floor: 'high',
    expected: { action: 'update', reason: 'unchanged', activityId: 'act-1' },
    logsNothing: true,
  },
  {
    story: 'new findings outrank changed ones in the reason, and both are carried to the card',
    findings: [highDriftedFurther, low],
    told: asOpen(high),
    lastPost: 'act-1',
    expected: { action: 'post', reason: 'new-findings', newIds: [low.id], changedIds: [high.id] },
  },
  {
    story: 'a channel told but never given a post id gets a first post for a changed finding',
    findings: [highDriftedFurther],
    told: asOpen(high),
    expected: { action: 'post', reason: 'first', changedIds: [high.id] },
  },
];

describe('new post or in-place update, decided against what the channel was told', () => {
  it.each(ROWS)('$story', ({ findings, told, lastPost, floor, expected, logsNothing }) => {
    const decision = decidePost(
      channel({ ...(told ? { told } : {}), ...(lastPost ? { lastPost } : {}), ...(floor ? { floor } : {}) }),
      checked(),
      findings,
    );

    expect(decision).toMatchObject(expected);
    if (logsNothing) expect(decision).not.toHaveProperty('log');
  });

  it("a run's deltas are not trusted: findings it calls new that the channel was told about are not news", () => {
    const decision = decidePost(
      channel({ told: asOpen(high), lastPost: 'act-1' }),
      checked('complete', { newFindingIds: [high.id] }),
      [high],
    );

    expect(decision).toEqual({ action: 'update', reason: 'unchanged', activityId: 'act-1' });
  });

  it('a check that could not run posts the check-failed card to a channel never posted to, and logs nothing', () => {
    expect(decidePost(channel(), checked('failed'), [high])).toEqual({
      action: 'post',
      reason: 'check-failed',
      newIds: [],
      reopenedIds: [],
      changedIds: [],
      resolved: 0,
    });
  });

  it('a check that could not run updates the last summary in place and keeps the news for a check that completes', () => {
    expect(decidePost(channel({ lastPost: 'act-1' }), checked('failed'), [high])).toEqual({
      action: 'update',
      reason: 'unchanged',
      activityId: 'act-1',
    });
  });
});
