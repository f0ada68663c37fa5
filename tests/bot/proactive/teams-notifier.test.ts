import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startConnectorCapture, type ConnectorCapture } from '../../../sim/teams/connector-capture';
import { createBot, type Bot } from '../../../bot/teams/create-bot';
import type { CheckResult, CheckRun } from '../../../core/checks/check-run';
import { fixedClock } from '../../../core/clock';
import { silentLogger } from '../../../core/logger';
import { ALL_TENANTS, type ConversationRef } from '../../../core/bindings/channel-binding';
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
  const stores = createInMemoryStores();
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

function result(fields: Partial<CheckResult> & { status?: CheckRun['status'] } = {}): CheckResult {
  const run: CheckRun = {
    id: 'run-1',
    tenantId: contoso.id,
    trigger: 'schedule',
    status: fields.status ?? 'complete',
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
    ...fields,
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

  it('a check that changes nothing updates the last summary in place', async () => {
    await bot.notifier.checkCompleted(result({ newFindingIds: ids }));
    const posted = (await bindings.get('19:contoso@thread.tacv2'))?.lastPosts[contoso.id]?.activityId;
    capture.clear();

    await bot.notifier.checkCompleted(result());

    expect(capture.posts()).toHaveLength(0);
    expect(capture.puts().map((c) => c.activityId)).toContain(posted);
  });

  it('the severity floor keeps low-severity news out of the NOC channel', async () => {
    await bot.notifier.checkCompleted(result({ newFindingIds: [ids[2] ?? ''] }));

    expect(capture.posts().map((c) => c.conversationId)).toEqual(['19:contoso@thread.tacv2']);
  });

  it('a failed delivery is recorded on the binding (shown by debug), not thrown', async () => {
    capture.failNext(20, 403);

    await bot.notifier.checkCompleted(result({ newFindingIds: ids }));

    expect((await bindings.get('19:contoso@thread.tacv2'))?.lastDeliveryError).toMatchObject({ status: 403 });
  });
});
