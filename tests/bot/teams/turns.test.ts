import { beforeEach, describe, expect, it } from 'vitest';
import { TestAdapter, type Activity, type TurnContext } from 'botbuilder';
import { Verb } from '../../../cards';
import { createBot, type Bot } from '../../../bot/teams/create-bot';
import { fixedClock } from '../../../core/clock';
import { silentLogger } from '../../../core/logger';
import { InMemoryTenantDirectory } from '../../../core/tenants/in-memory-tenant-directory';
import { createInMemoryStores } from '../../support/fakes/in-memory-stores';
import { InMemoryBindingStore } from '../../support/fakes/in-memory-binding-store';
import {
  ADMIN,
  CONTOSO_CHANNEL,
  ENGINEER,
  NOW,
  bitlockerDrift,
  contoso,
  fabrikam,
  mfaDrift,
  recordingChecks,
  seedFindings,
} from '../support/bot-harness';

let bot: Bot;
let stores: ReturnType<typeof createInMemoryStores>;
let bindings: InMemoryBindingStore;
let checks: ReturnType<typeof recordingChecks>;
let ids: string[];

beforeEach(async () => {
  stores = createInMemoryStores();
  bindings = new InMemoryBindingStore();
  checks = recordingChecks();
  ids = await seedFindings(stores.findings, contoso.id, [mfaDrift, bitlockerDrift]);
  bot = createBot({
    auth: { mode: 'off' },
    tenants: new InMemoryTenantDirectory([contoso, fabrikam]),
    stores,
    bindings,
    checks,
    admins: [ADMIN.id],
    clock: fixedClock(NOW),
    logger: silentLogger,
    sleep: async () => undefined,
  });
});

const conversation = { id: CONTOSO_CHANNEL, conversationType: 'channel', isGroup: true, name: '' };

function adapterFor(actor: { id: string; name: string }) {
  const adapter = new TestAdapter((ctx: TurnContext) => bot.app.run(ctx).then(() => undefined));
  adapter.conversation.conversation = conversation;
  adapter.conversation.user = { id: `29:${actor.id}`, name: actor.name, aadObjectId: actor.id };
  adapter.conversation.serviceUrl = 'http://127.0.0.1:9/';
  return adapter;
}

async function say(text: string, actor = ENGINEER): Promise<Partial<Activity>[]> {
  const adapter = adapterFor(actor);
  await adapter.send(text).startTest();
  return [...adapter.activeQueue];
}

async function replyTo(text: string, actor = ENGINEER): Promise<string> {
  const adapter = adapterFor(actor);
  const replies: string[] = [];
  await adapter.send(text).assertReply((a) => {
    replies.push(a.text ?? JSON.stringify(a.attachments?.[0]?.content ?? ''));
  });
  return replies.join('\n');
}

async function click(verb: string, data: unknown, actor = ENGINEER) {
  const adapter = adapterFor(actor);
  await adapter.processActivity({
    type: 'invoke',
    name: 'adaptiveCard/action',
    replyToId: 'card-1',
    from: { id: `29:${actor.id}`, name: actor.name, aadObjectId: actor.id },
    value: { action: { type: 'Action.Execute', verb, data } },
  } as Partial<Activity>);
  const response = adapter.activeQueue.find((a) => a.type === 'invokeResponse');
  return (response?.value as { body: { statusCode: number; type: string; value: unknown } }).body;
}

describe('chat commands (TestAdapter turns)', () => {
  it('help and unknown words answer with the help card', async () => {
    expect(await replyTo('help')).toContain('status');
    expect(await replyTo('stauts')).toContain('did you mean');
  });

  it('status of a named tenant, and of every tenant when the channel is not linked', async () => {
    expect(await replyTo('status Contoso')).toContain('Contoso');
    expect(await replyTo('status')).toContain('Fabrikam');
  });

  it('an unknown tenant gets close-match suggestions', async () => {
    expect(await replyTo('status fabrikan')).toContain('Did you mean "Fabrikam"?');
  });

  it("findings lists the tenant's findings with the filter", async () => {
    const reply = await replyTo('findings contoso severity>=critical');
    expect(reply).toContain('Require MFA for admins');
    expect(reply).not.toContain('Windows compliance');
  });

  it('tenants shows the portfolio', async () => {
    expect(await replyTo('tenants')).toContain('Contoso');
  });

  it('admin commands are refused to non-admins with a clear card', async () => {
    for (const text of ['link contoso', 'unlink', 'check contoso', 'baseline capture contoso']) {
      expect(await replyTo(text)).toContain('Only Driftwatch admins');
    }
    expect(checks.requested).toEqual([]);
    expect(await bindings.list()).toEqual([]);
  });

  it('an admin links, checks and unlinks; debug shows the binding; whoami says who you are', async () => {
    expect(await replyTo('link contoso severity>=high', ADMIN)).toContain(
      'Linked to Contoso (severity high and above)',
    );
    expect((await bindings.get(CONTOSO_CHANNEL))?.binding).toMatchObject({
      tenantId: contoso.id,
      severityFloor: 'high',
    });
    expect(await replyTo('check', ADMIN)).toContain('Checking Contoso now');
    expect(checks.requested).toEqual([contoso.id]);
    expect(await replyTo('debug')).toContain('Linked to: Contoso, severity high and above');
    expect(await replyTo('whoami', ADMIN)).toContain('You are a Driftwatch admin');
    expect(await replyTo('baseline capture', ADMIN)).toContain('not available here');
    expect(await replyTo('unlink', ADMIN)).toContain('Unlinked');
  });

  it('installing the bot stores the conversation reference', async () => {
    const adapter = adapterFor(ADMIN);
    await adapter.processActivity({ type: 'installationUpdate', action: 'add' } as Partial<Activity>);
    expect((await bindings.get(CONTOSO_CHANNEL))?.reference.serviceUrl).toBe('http://127.0.0.1:9/');
    expect(await say('help')).not.toHaveLength(0);
  });

  it('greets a new conversation with how to link it, and a linked one with what it is linked to', async () => {
    const added = (adapter: TestAdapter) =>
      adapter
        .processActivity({
          type: 'conversationUpdate',
          membersAdded: [{ id: 'bot', name: 'Driftwatch' }],
          recipient: { id: 'bot', name: 'Driftwatch' },
        } as Partial<Activity>)
        .then(() => adapter.activeQueue.splice(0).map((a) => a.text));

    const fresh = await added(adapterFor(ADMIN));
    await say('link contoso severity>=high', ADMIN);
    const again = await added(adapterFor(ADMIN));

    expect(fresh.join()).toContain('An admin can run "link <tenant>"');
    expect(again.join()).toContain('drift summaries for Contoso (high and above)');
    expect(again.join()).not.toContain('An admin can run');
  });
});

describe('card actions (TestAdapter turns)', () => {
  const data = () => ({ tenantId: contoso.id, findingId: ids[0], version: 1 });

  it('details and more answer with cards to anyone', async () => {
    expect((await click(Verb.Details, data())).type).toBe('application/vnd.microsoft.card.adaptive');
    expect((await click(Verb.More, { tenantId: contoso.id, offset: 0, findings: [] })).type).toBe(
      'application/vnd.microsoft.card.adaptive',
    );
  });

  it('refresh rebuilds every kind of card', async () => {
    for (const card of ['summary', 'status', 'portfolio', 'findings', 'detail'] as const) {
      const body = await click(Verb.Refresh, { card, tenantId: contoso.id, findingId: ids[0], findings: [] });
      expect(body.type).toBe('application/vnd.microsoft.card.adaptive');
    }
  });

  it('acknowledge, assign and triage are refused outside a linked conversation, with no write', async () => {
    for (const verb of [Verb.Acknowledge, Verb.AssignToMe, Verb.Triage]) {
      expect(JSON.stringify((await click(verb, data())).value)).toContain('not linked to Contoso');
    }
    expect((await stores.findings.get(ids[0] ?? ''))?.version).toBe(1);
  });

  it('in a linked channel: the triage form opens, a bad submission re-shows it, acknowledge writes', async () => {
    await replyTo('link contoso', ADMIN);
    expect(JSON.stringify((await click(Verb.Triage, { ...data(), decision: 'snoozed' })).value)).toContain(
      Verb.TriageSubmit,
    );
    const invalid = await click(Verb.TriageSubmit, { ...data(), decision: 'snoozed', reason: '' });
    expect(JSON.stringify(invalid.value)).toContain('Give a reason');
    expect((await stores.findings.get(ids[0] ?? ''))?.version).toBe(1);

    await click(Verb.Acknowledge, data());
    expect((await stores.findings.get(ids[0] ?? ''))?.state).toBe('acknowledged');
  });
});
