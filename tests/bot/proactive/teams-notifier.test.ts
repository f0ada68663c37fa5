import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startConnectorCapture, type ConnectorCapture } from '../../../sim/teams/connector-capture';
import { createBot, type Bot } from '../../../bot/teams/create-bot';
import type { CheckResult, CheckRun } from '../../../core/checks/check-run';
import { fixedClock } from '../../../core/clock';
import { silentLogger } from '../../../core/logger';
import {
  ALL_TENANTS,
  baseConversationId,
  type ConversationRef,
} from '../../../core/bindings/channel-binding';
import { InMemoryTenantDirectory } from '../../../core/tenants/in-memory-tenant-directory';
import { createInMemoryStores } from '../../support/fakes/in-memory-stores';
import { InMemoryBindingStore } from '../../support/fakes/in-memory-binding-store';
import {
  ADMIN,
  NOW,
  bitlockerDrift,
  contoso,
  fabrikam,
  mfaDrift,
  recordingChecks,
  seedFindings,
} from '../support/bot-harness';
import { aDrift } from '../../support/builders/drift';

let capture: ConnectorCapture;
let bot: Bot;
let bindings: InMemoryBindingStore;
let stores: ReturnType<typeof createInMemoryStores>;
let ids: string[];

beforeAll(async () => {
  capture = await startConnectorCapture();
});
afterAll(() => capture.close());

const ref = (conversationId: string): ConversationRef => ({
  serviceUrl: capture.serviceUrl,
  channelId: 'msteams',
  conversationId,
  conversationType: 'channel',
  bot: { id: '28:bot' },
});
const boundBy = { boundBy: ADMIN, boundAt: NOW };

beforeEach(async () => {
  capture.clear();
  stores = createInMemoryStores();
  bindings = new InMemoryBindingStore();
  ids = await seedFindings(stores.findings, contoso.id, [
    mfaDrift,
    bitlockerDrift,
    aDrift({
      policyType: 'deviceConfiguration',
      key: 'wallpaper',
      displayName: 'Wallpaper',
      severity: 'low',
    }),
  ]);
  await bindings.bind(ref('19:contoso@thread.tacv2'), {
    tenantId: contoso.id,
    severityFloor: 'low',
    ...boundBy,
  });
  await bindings.bind(ref('19:noc@thread.tacv2'), {
    tenantId: ALL_TENANTS,
    severityFloor: 'high',
    ...boundBy,
  });
  await bindings.bind(ref('19:fabrikam@thread.tacv2'), {
    tenantId: fabrikam.id,
    severityFloor: 'low',
    ...boundBy,
  });
  bot = createBot({
    auth: { mode: 'off' },
    tenants: new InMemoryTenantDirectory([contoso, fabrikam]),
    stores,
    bindings,
    checks: recordingChecks(),
    admins: [],
    clock: fixedClock(NOW),
    logger: silentLogger,
    sleep: async () => undefined,
  });
});

function result(
  fields: Partial<CheckResult> & { status?: CheckRun['status']; runId?: string } = {},
): CheckResult {
  const { status, runId, ...ids } = fields;
  const run: CheckRun = {
    id: runId ?? 'run-1',
    tenantId: contoso.id,
    trigger: 'schedule',
    status: status ?? 'complete',
    startedAt: NOW,
    finishedAt: NOW,
    holder: 'test',
    coverage: {},
    graphRequests: 3,
    counts: { new: 0, reopened: 0, resolved: 0, unchanged: 0, open: 3 },
  };
  return {
    tenant: contoso,
    run,
    newFindingIds: [],
    reopenedFindingIds: [],
    resolvedFindingIds: [],
    ...ids,
  };
}

describe('posting check results to bound channels', () => {
  it("news makes a new thread in the tenant channel and the portfolio channel, never in another tenant's", async () => {
    await bot.notifier.checkCompleted(result({ newFindingIds: ids }));

    expect(
      capture
        .posts()
        .map((c) => c.conversationId)
        .sort(),
    ).toEqual(['19:contoso@thread.tacv2', '19:noc@thread.tacv2']);
    expect((await bindings.get('19:contoso@thread.tacv2'))?.lastPosts[contoso.id]?.runId).toBe('run-1');
  });

  it('a check that changes nothing updates the last summary in place, which keeps saying what it announced', async () => {
    await bot.notifier.checkCompleted(result({ newFindingIds: ids }));
    const posted = (await bindings.get('19:contoso@thread.tacv2'))?.lastPosts[contoso.id]?.activityId;
    const announced = JSON.stringify(capture.posts()[0]?.body);
    capture.clear();

    await bot.notifier.checkCompleted(result({ runId: 'run-2' }));

    const update = capture.puts().find((c) => c.activityId === posted);
    expect(capture.posts()).toHaveLength(0);
    expect(announced).toContain('Since the last post: 3 new');
    expect(JSON.stringify(update?.body)).toContain('Since the last post: 3 new');
    expect(JSON.stringify(update?.body)).toContain('run-2');
  });

  it('the severity floor keeps low-severity news out of the NOC channel', async () => {
    await bot.notifier.checkCompleted(result());
    capture.clear();
    const [lockScreen = ''] = await seedFindings(stores.findings, contoso.id, [
      aDrift({
        policyType: 'deviceConfiguration',
        key: 'lock-screen',
        displayName: 'Lock screen',
        severity: 'low',
      }),
    ]);

    await bot.notifier.checkCompleted(result({ runId: 'run-2', newFindingIds: [lockScreen] }));

    expect(capture.posts().map((c) => c.conversationId)).toEqual(['19:contoso@thread.tacv2']);
    expect(capture.puts().map((c) => baseConversationId(c.conversationId ?? ''))).toEqual([
      '19:noc@thread.tacv2',
    ]);
  });

  it("news is decided against what the channel was told, not the run's deltas: a run that calls nothing new still announces what no post carried yet", async () => {
    await bot.notifier.checkCompleted(result());

    const contosoPosts = capture.posts().filter((c) => c.conversationId === '19:contoso@thread.tacv2');
    expect(contosoPosts).toHaveLength(1);
    expect(JSON.stringify(contosoPosts[0]?.body)).toContain('3 new');
  });

  it('a failed delivery is recorded on the binding (shown by debug), not thrown', async () => {
    capture.failNext(20, 403);

    await bot.notifier.checkCompleted(result({ newFindingIds: ids }));

    expect((await bindings.get('19:contoso@thread.tacv2'))?.lastDeliveryError).toMatchObject({ status: 403 });
  });

  it('a post that failed for good (connector 500) is announced by the next check, once', async () => {
    capture.failNext(2, 500, { method: 'POST' });
    await bot.notifier.checkCompleted(result({ newFindingIds: ids }));
    expect(capture.posts()).toHaveLength(0);

    await bot.notifier.checkCompleted(result({ runId: 'run-2' }));
    await bot.notifier.checkCompleted(result({ runId: 'run-3' }));

    const posted = capture.posts().map((c) => c.conversationId);
    expect(posted.sort()).toEqual(['19:contoso@thread.tacv2', '19:noc@thread.tacv2']);
    const contosoPost = capture.posts().find((c) => c.conversationId === '19:contoso@thread.tacv2');
    expect(JSON.stringify(contosoPost?.body)).toContain('3 new');
    expect(JSON.stringify(contosoPost?.body)).toContain('run-2');
    expect((await bindings.get('19:contoso@thread.tacv2'))?.lastPosts[contoso.id]?.runId).toBe('run-2');
  });

  it('two checks of the tenant notifying at once (replicas) announce the news once per channel', async () => {
    capture.setDelay(50);
    try {
      await Promise.all([
        bot.notifier.checkCompleted(result({ newFindingIds: ids })),
        bot.notifier.checkCompleted(result({ runId: 'run-2' })),
      ]);
    } finally {
      capture.setDelay(0);
    }

    const posted = capture.posts().map((c) => c.conversationId);
    expect(posted.sort()).toEqual(['19:contoso@thread.tacv2', '19:noc@thread.tacv2']);
  });
});
