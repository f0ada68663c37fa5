import { describe, expect, it } from 'vitest';
import { decidePost } from '../../../bot/proactive/decide-post';
import type { ChannelBinding } from '../../../core/bindings/channel-binding';
import type { CheckResult, CheckRun } from '../../../core/checks/check-run';
import type { Finding, Severity } from '../../../core/model';
import { alice, TENANT } from '../../support/builders/drift';
import { aFinding } from '../../support/builders/finding';

const AT = '2025-06-02T09:00:00.000Z';
const tenant = { id: TENANT, name: 'Contoso', aliases: [], approvers: [] };

function channel(options: { floor?: Severity; lastPost?: string } = {}): ChannelBinding {
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
  };
}

function checked(
  ids: Partial<Omit<CheckResult, 'tenant' | 'run'>>,
  status: CheckRun['status'] = 'complete',
): CheckResult {
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

const high: Finding = aFinding({ key: 'ca-mfa', severity: 'high' });
const low: Finding = aFinding({ key: 'wallpaper', severity: 'low' });
const resolved: Finding = aFinding({ key: 'bitlocker', severity: 'high', state: 'resolved' });
const findings = [high, low, resolved];

describe('new post or in-place update after a check', () => {
  it('an open finding that drifted further (a different signature) is news: a new post', () => {
    const decision = decidePost(
      channel({ lastPost: 'act-1' }),
      checked({ changedFindingIds: [high.id] }),
      findings,
    );

    expect(decision).toMatchObject({ action: 'post', reason: 'changed-findings', changedIds: [high.id] });
  });

  it('a changed finding below the channel floor is not news there: the last summary is updated in place', () => {
    const decision = decidePost(
      channel({ floor: 'high', lastPost: 'act-1' }),
      checked({ changedFindingIds: [low.id] }),
      findings,
    );

    expect(decision).toEqual({ action: 'update', reason: 'unchanged', activityId: 'act-1' });
  });

  it('a check that changes nothing updates the last summary in place and makes no new post', () => {
    expect(decidePost(channel({ lastPost: 'act-1' }), checked({}), findings)).toEqual({
      action: 'update',
      reason: 'unchanged',
      activityId: 'act-1',
    });
  });

  it('findings resolved since the last post make a new post', () => {
    const decision = decidePost(
      channel({ lastPost: 'act-1' }),
      checked({ resolvedFindingIds: [resolved.id] }),
      findings,
    );

    expect(decision).toMatchObject({ action: 'post', reason: 'some-resolved', resolved: 1 });
  });

  it('new findings outrank changed ones in the reason, and both are carried to the card', () => {
    const decision = decidePost(
      channel({ lastPost: 'act-1' }),
      checked({ newFindingIds: [low.id], changedFindingIds: [high.id] }),
      findings,
    );

    expect(decision).toMatchObject({
      action: 'post',
      reason: 'new-findings',
      newIds: [low.id],
      changedIds: [high.id],
    });
  });

  it('a channel never posted to stays quiet when nothing needs attention (a baseline was just captured)', () => {
    expect(decidePost(channel(), checked({}), findings)).toEqual({
      action: 'none',
      reason: 'nothing-to-say',
    });
  });

  it('a channel never posted to gets a first post for a changed finding', () => {
    expect(decidePost(channel(), checked({ changedFindingIds: [high.id] }), findings)).toMatchObject({
      action: 'post',
      reason: 'first',
    });
  });
});
