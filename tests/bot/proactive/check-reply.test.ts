import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startConnectorCapture, type ConnectorCapture } from '../../../sim/teams/connector-capture';
import { createBot, type Bot } from '../../../bot/teams/create-bot';
import type { CheckResult, CheckRun } from '../../../core/checks/check-run';
import { fixedClock } from '../../../core/clock';
import { silentLogger } from '../../../core/logger';
import type { ConversationRef } from '../../../core/bindings/channel-binding';
import { InMemoryTenantDirectory } from '../../../core/tenants/in-memory-tenant-directory';
import { createInMemoryStores } from '../../support/fakes/in-memory-stores';
import { InMemoryBindingStore } from '../../support/fakes/in-memory-binding-store';
import { ADMIN, NOW, contoso, mfaDrift, recordingChecks, seedFindings } from '../support/bot-harness';
import { toldAbout } from './support/told-about';

const CHANNEL = '19:contoso@thread.tacv2';
const PERSONAL = 'a:1-personal-chat';

let capture: ConnectorCapture;
beforeAll(async () => {
  capture = await startConnectorCapture();
});
afterAll(() => capture.close());

let bot: Bot;
let bindings: InMemoryBindingStore;
let ids: string[];
let stores: ReturnType<typeof createInMemoryStores>;

const ref = (conversationId: string, conversationType: string): ConversationRef => ({
  serviceUrl: capture.serviceUrl,
  channelId: 'msteams',
  conversationId,
  conversationType,
  bot: { id: '28:bot' },
});

beforeEach(async () => {
  capture.clear();
  stores = createInMemoryStores();
  bindings = new InMemoryBindingStore();
  await bindings.bind(ref(CHANNEL, 'channel'), {
    tenantId: contoso.id,
    severityFloor: 'low',
    boundBy: ADMIN,
    boundAt: NOW,
  });
  ids = await seedFindings(stores.findings, contoso.id, [mfaDrift]);
  bot = createBot({
    auth: { mode: 'off' },
    tenants: new InMemoryTenantDirectory([contoso]),
    stores,
    bindings,
    checks: recordingChecks(),
    admins: [],
    clock: fixedClock(NOW),
    logger: silentLogger,
    sleep: async () => undefined,
  });
});

function asked(
  from: { conversationId: string; conversationType: string; thread?: string },
  fields: Partial<CheckResult> & { status?: CheckRun['status']; note?: string } = {},
): CheckResult {
  const { status, note, ...ids } = fields;
  return {
    tenant: contoso,
    run: {
      id: 'run-asked',
      tenantId: contoso.id,
      trigger: 'manual',
      status: status ?? 'complete',
      startedAt: NOW,
      finishedAt: NOW,
      holder: 'test',
      coverage: {},
      graphRequests: 2,
      counts: { new: 0, reopened: 0, resolved: 0, unchanged: 1, open: 1 },
      requestedBy: ADMIN,
      replyTo: {
        reference: ref(from.conversationId, from.conversationType),
        conversationId: from.thread ?? from.conversationId,
      },
      ...(status === 'failed' ? { error: { code: 'consent-missing' as const, message: 'no consent' } } : {}),
      ...(note ? { note } : {}),
    },
    newFindingIds: [],
    reopenedFindingIds: [],
    resolvedFindingIds: [],
    ...ids,
  };
}

const cardText = (conversationId: string) =>
  capture
    .posts()
    .filter((c) => c.conversationId === conversationId)
    .map((c) => JSON.stringify(c.body));

describe('check from chat: the conversation that asked gets the result', () => {
  it('an unbound personal chat gets the summary when the check finishes, with what the run did', async () => {
    await toldAbout(bindings, CHANNEL, contoso.id, await stores.findings.list(contoso.id));

    await bot.notifier.checkCompleted(
      asked(
        { conversationId: PERSONAL, conversationType: 'personal' },
        { note: 'No baseline yet: captured version 1.' },
      ),
    );

    const replies = cardText(PERSONAL);
    expect(replies).toHaveLength(1);
    expect(replies[0]).toContain('DRIFTWATCH · Contoso');
    expect(replies[0]).toContain('No baseline yet: captured version 1.');
    // The bound channel was told about the finding already and has no summary to update: it stays quiet.
    expect(cardText(CHANNEL)).toHaveLength(0);
  });

  it('a check that could not run answers with the check-failed card', async () => {
    await bot.notifier.checkCompleted(
      asked({ conversationId: PERSONAL, conversationType: 'personal' }, { status: 'failed' }),
    );

    expect(cardText(PERSONAL)[0]).toContain('admin consent missing');
  });

  it('asked in the bound channel with news: the new summary post is the answer, not a second message', async () => {
    await bot.notifier.checkCompleted(
      asked(
        { conversationId: CHANNEL, conversationType: 'channel', thread: `${CHANNEL};messageid=77` },
        { newFindingIds: ids },
      ),
    );

    expect(capture.posts()).toHaveLength(1);
    expect(capture.posts()[0]?.conversationId).toBe(CHANNEL);
  });

  it('asked in a thread of the bound channel without news: the thread gets the answer as a reply', async () => {
    await toldAbout(bindings, CHANNEL, contoso.id, await stores.findings.list(contoso.id), {
      activityId: 'act-old',
      at: NOW,
      runId: 'run-0',
    });

    await bot.notifier.checkCompleted(
      asked({ conversationId: CHANNEL, conversationType: 'channel', thread: `${CHANNEL};messageid=77` }),
    );

    expect(capture.puts().map((c) => c.activityId)).toEqual(['act-old']);
    expect(capture.posts().map((c) => c.conversationId)).toEqual([`${CHANNEL};messageid=77`]);
  });
});
