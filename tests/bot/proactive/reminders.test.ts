import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startConnectorCapture, type ConnectorCapture } from '../../../sim/teams/connector-capture';
import { createBot, type Bot } from '../../../bot/teams/create-bot';
import type { CheckResult } from '../../../core/checks/check-run';
import { fixedClock } from '../../../core/clock';
import { silentLogger } from '../../../core/logger';
import { reconcileFindings } from '../../../core/findings/reconcile-findings';
import type { ConversationRef } from '../../../core/bindings/channel-binding';
import { InMemoryTenantDirectory } from '../../../core/tenants/in-memory-tenant-directory';
import { createInMemoryStores } from '../../support/fakes/in-memory-stores';
import { InMemoryBindingStore } from '../../support/fakes/in-memory-binding-store';
import { InMemoryReminderStore } from '../../support/fakes/in-memory-reminder-store';
import { aChange, aDrift } from '../../support/builders/drift';
import {
  ADMIN,
  bitlockerDrift,
  contoso,
  mfaDrift,
  recordingChecks,
  seedFindings,
} from '../support/bot-harness';
import { toldAbout } from './support/told-about';

const HOUR = 3600_000;
// seedFindings raises the findings at 2025-06-01T09:00Z.
const RAISED = '2025-06-01T09:00:00.000Z';
const CHANNEL = '19:contoso@thread.tacv2';

let capture: ConnectorCapture;
beforeAll(async () => {
  capture = await startConnectorCapture();
});
afterAll(() => capture.close());

let bot: Bot;
let stores: ReturnType<typeof createInMemoryStores>;
let reminders: InMemoryReminderStore;
let clock: ReturnType<typeof fixedClock>;
let ids: string[];

beforeEach(async () => {
  capture.clear();
  stores = createInMemoryStores();
  reminders = new InMemoryReminderStore();
  clock = fixedClock(RAISED);
  const bindings = new InMemoryBindingStore();
  const ref: ConversationRef = {
    serviceUrl: capture.serviceUrl,
    channelId: 'msteams',
    conversationId: CHANNEL,
    conversationType: 'channel',
    bot: { id: '28:bot' },
  };
  await bindings.bind(ref, { tenantId: contoso.id, severityFloor: 'low', boundBy: ADMIN, boundAt: RAISED });
  ids = await seedFindings(stores.findings, contoso.id, [mfaDrift, bitlockerDrift]);
  // The summary announcing them reached the channel when they were raised: checks since are quiet.
  await toldAbout(bindings, CHANNEL, contoso.id, await stores.findings.list(contoso.id), {
    activityId: 'act-summary',
    at: RAISED,
    runId: 'run-raised',
  });
  bot = createBot({
    auth: { mode: 'off' },
    tenants: new InMemoryTenantDirectory([contoso]),
    stores,
    bindings,
    checks: recordingChecks(),
    admins: [],
    clock,
    logger: silentLogger,
    sleep: async () => undefined,
    reminders: { store: reminders, afterMs: 24 * HOUR },
  });
});

/** A scheduled check that found nothing new, finishing at the clock's now. */
function quietCheck(): CheckResult {
  const at = clock.now().toISOString();
  return {
    tenant: contoso,
    run: {
      id: `run-${at}`,
      tenantId: contoso.id,
      trigger: 'schedule',
      status: 'complete',
      startedAt: at,
      finishedAt: at,
      holder: 'test',
      coverage: {},
      graphRequests: 1,
      counts: { new: 0, reopened: 0, resolved: 0, unchanged: 2, open: 2 },
    },
    newFindingIds: [],
    reopenedFindingIds: [],
    resolvedFindingIds: [],
  };
}

const reminderPosts = () =>
  capture.posts().filter((c) => JSON.stringify(c.body).includes('still unacknowledged after 24 hours'));

describe('one reminder about findings nobody acknowledged in time', () => {
  it('is not sent before the configured age', async () => {
    clock.advance(23 * HOUR);

    await bot.notifier.checkCompleted(quietCheck());

    expect(reminderPosts()).toHaveLength(0);
  });

  it('is sent once the age is reached, as one card listing every overdue finding, and never again', async () => {
    clock.advance(24 * HOUR);
    await bot.notifier.checkCompleted(quietCheck());

    expect(reminderPosts()).toHaveLength(1);
    expect(reminderPosts()[0]?.conversationId).toBe(CHANNEL);
    const text = JSON.stringify(reminderPosts()[0]?.body);
    expect(text).toContain('2 findings still unacknowledged after 24 hours');
    expect(text).toContain(mfaDrift.displayName);
    expect(text).toContain(bitlockerDrift.displayName);

    clock.advance(48 * HOUR);
    await bot.notifier.checkCompleted(quietCheck());
    expect(reminderPosts()).toHaveLength(1);
  });

  it('leaves out acknowledged findings', async () => {
    const mfa = await stores.findings.get(ids[0] ?? '');
    await stores.findings.transition(
      mfa?.id ?? '',
      mfa?.version ?? 0,
      { kind: 'acknowledge' },
      ADMIN,
      clock.now(),
    );
    clock.advance(25 * HOUR);

    await bot.notifier.checkCompleted(quietCheck());

    const text = JSON.stringify(reminderPosts()[0]?.body);
    expect(text).toContain('1 finding still unacknowledged');
    expect(text).not.toContain(mfaDrift.displayName);
  });

  it('a finding that drifted further waits anew and earns its own reminder for the new signature', async () => {
    clock.advance(24 * HOUR);
    await bot.notifier.checkCompleted(quietCheck());
    expect(reminderPosts()).toHaveLength(1);

    const further = aDrift({ changes: [aChange({ current: 'enabledForReportingButNotEnforced' })] });
    const current = await stores.findings.list(contoso.id);
    await stores.findings.applyReconcile(
      reconcileFindings(current, [further, bitlockerDrift], {
        tenantId: contoso.id,
        now: clock.now(),
        completeTypes: new Set([further.policyType, bitlockerDrift.policyType]),
        runId: 'run-further',
      }),
    );
    clock.advance(23 * HOUR);
    await bot.notifier.checkCompleted(quietCheck());
    expect(reminderPosts()).toHaveLength(1);

    clock.advance(HOUR);
    await bot.notifier.checkCompleted(quietCheck());
    expect(reminderPosts()).toHaveLength(2);
    const text = JSON.stringify(reminderPosts()[1]?.body);
    expect(text).toContain('1 finding still unacknowledged');
    expect(text).toContain(mfaDrift.displayName);
  });

  it('a reminder the connector refused is tried again by the next check', async () => {
    clock.advance(24 * HOUR);
    capture.failNext(1, 403, { method: 'POST' });
    await bot.notifier.checkCompleted(quietCheck());
    expect(reminderPosts()).toHaveLength(0);
    expect(reminders.sent.size).toBe(0);

    await bot.notifier.checkCompleted(quietCheck());

    expect(reminderPosts()).toHaveLength(1);
    expect(reminders.sent.size).toBe(2);
  });
});
