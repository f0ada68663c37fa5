import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { useTestDatabase } from '../../support/mongo';
import { aDrift } from '../../support/builders/drift';
import { startConnectorCapture, type ConnectorCapture } from '../../../sim/teams/connector-capture';
import { Verb } from '../../../cards';
import {
  ADMIN,
  APPROVER,
  CONTOSO_CHANNEL,
  ENGINEER,
  FABRIKAM_CHANNEL,
  bitlockerDrift,
  contoso,
  invoke,
  message,
  mfaDrift,
  post,
  seedFindings,
  startBot,
  type RunningBot,
} from '../support/bot-harness';

const database = useTestDatabase();
let capture: ConnectorCapture;
let running: RunningBot;
let mfaId: string;
let bitlockerId: string;
let lapsId: string;

beforeAll(async () => {
  capture = await startConnectorCapture();
  running = await startBot(database.db);
  [mfaId, bitlockerId, lapsId] = (await seedFindings(running.stores.findings, contoso.id, [
    mfaDrift,
    bitlockerDrift,
    aDrift({ policyType: 'deviceConfiguration', key: 'laps', displayName: 'LAPS', severity: 'medium' }),
  ])) as [string, string, string];
  // An admin links one channel to Contoso and one to Fabrikam.
  await post(running.url, message(capture.serviceUrl, CONTOSO_CHANNEL, ADMIN, 'link contoso'));
  await post(running.url, message(capture.serviceUrl, FABRIKAM_CHANNEL, ADMIN, 'link fabrikam'));
});
afterAll(async () => {
  await running.close();
  await capture.close();
});
beforeEach(() => capture.clear());

const cardOf = (call: { body: unknown } | undefined) =>
  JSON.stringify((call?.body as { attachments?: { content: unknown }[] })?.attachments?.[0]?.content ?? '');

describe('the bot over HTTP, with MongoDB and the connector capture', () => {
  it('answers "status contoso" with a status card posted to the connector', async () => {
    const res = await post(
      running.url,
      message(capture.serviceUrl, CONTOSO_CHANNEL, ENGINEER, 'STATUS   contoso'),
    );

    expect(res.status).toBe(200);
    const [reply] = await capture.waitFor((calls) => calls.length >= 1);
    expect(reply?.method).toBe('POST');
    expect(reply?.conversationId).toBe(CONTOSO_CHANNEL);
    expect(cardOf(reply)).toContain('Contoso');
  });

  it('suggests a close tenant name when one is misspelt', async () => {
    await post(running.url, message(capture.serviceUrl, CONTOSO_CHANNEL, ENGINEER, 'status contoos'));

    const [reply] = await capture.waitFor((calls) => calls.length >= 1);
    expect((reply?.body as { text?: string }).text).toContain('Did you mean "Contoso"?');
  });

  it('acknowledge: invoke answered with the card, card updated in place, finding and audit written', async () => {
    const res = await post(
      running.url,
      invoke(capture.serviceUrl, CONTOSO_CHANNEL, ENGINEER, Verb.Acknowledge, {
        tenantId: contoso.id,
        findingId: mfaId,
        version: 1,
      }),
    );

    expect(res.status).toBe(200);
    expect(res.json).toMatchObject({ statusCode: 200, type: 'application/vnd.microsoft.card.adaptive' });
    await running.bot.idle();
    const [put] = capture.puts();
    expect(put).toMatchObject({
      conversationId: `${CONTOSO_CHANNEL};messageid=card-1`,
      activityId: 'card-1',
    });
    const finding = await running.stores.findings.get(mfaId);
    expect(finding).toMatchObject({ state: 'acknowledged', version: 2 });
    const audit = await running.stores.audit.list({ findingId: mfaId });
    expect(audit.at(-1)).toMatchObject({
      action: 'acknowledge',
      actor: ENGINEER,
      from: 'open',
      to: 'acknowledged',
    });
    expect(audit.at(-1)?.conversationId).toContain(CONTOSO_CHANNEL);
  });

  it('two people acknowledging at once: one transition, the other gets the out-of-date card', async () => {
    const body = (who: typeof ENGINEER) =>
      invoke(capture.serviceUrl, CONTOSO_CHANNEL, who, Verb.AssignToMe, {
        tenantId: contoso.id,
        findingId: bitlockerId,
        version: 1,
      });

    const answers = await Promise.all([post(running.url, body(ENGINEER)), post(running.url, body(ADMIN))]);

    expect(answers.map((a) => a.status)).toEqual([200, 200]);
    const finding = await running.stores.findings.get(bitlockerId);
    expect(finding?.version).toBe(2);
    const cards = answers.map((a) => JSON.stringify(a.json));
    expect(cards.filter((c) => c.includes('This card is out of date'))).toHaveLength(1);
    expect(await running.stores.audit.list({ findingId: bitlockerId })).toHaveLength(2);
  });

  it('a stale card (old version) changes nothing and says so', async () => {
    const before = await running.stores.findings.get(mfaId);

    const res = await post(
      running.url,
      invoke(capture.serviceUrl, CONTOSO_CHANNEL, ADMIN, Verb.AssignToMe, {
        tenantId: contoso.id,
        findingId: mfaId,
        version: 1,
      }),
    );

    expect(res.status).toBe(200);
    expect(await running.stores.findings.get(mfaId)).toEqual(before);
    expect(capture.puts()).toHaveLength(0);
  });

  it('a click from a channel linked to another tenant is refused with no write', async () => {
    const before = await running.stores.findings.get(mfaId);

    const res = await post(
      running.url,
      invoke(capture.serviceUrl, FABRIKAM_CHANNEL, ADMIN, Verb.AssignToMe, {
        tenantId: contoso.id,
        findingId: mfaId,
        version: before?.version,
      }),
    );

    expect(JSON.stringify(res.json)).toContain('not linked to Contoso');
    expect(await running.stores.findings.get(mfaId)).toEqual(before);
  });

  it('forged card data (finding of another tenant, junk fields, no identity) is refused with no write', async () => {
    const before = await running.stores.findings.get(mfaId);
    const forged = [
      { tenantId: '22222222-2222-4222-8222-222222222222', findingId: mfaId, version: before?.version },
      { tenantId: contoso.id, findingId: { $ne: null }, version: 1 },
      { tenantId: contoso.id, findingId: mfaId, version: 'latest' },
    ];
    for (const data of forged) {
      const res = await post(
        running.url,
        invoke(capture.serviceUrl, CONTOSO_CHANNEL, ADMIN, Verb.Acknowledge, data),
      );
      expect(res.status).toBe(200);
      expect(JSON.stringify(res.json)).toContain('does not match a finding');
    }
    const anonymous = await post(
      running.url,
      invoke(capture.serviceUrl, CONTOSO_CHANNEL, undefined, Verb.Acknowledge, {
        tenantId: contoso.id,
        findingId: mfaId,
        version: before?.version,
      }),
    );
    expect(JSON.stringify(anonymous.json)).toContain('Entra identity');
    expect(await running.stores.findings.get(mfaId)).toEqual(before);
  });

  it('accepting needs an approver: an engineer is refused, the approver may', async () => {
    const current = await running.stores.findings.get(mfaId);
    const data = {
      tenantId: contoso.id,
      findingId: mfaId,
      version: current?.version,
      decision: 'false_positive',
      reason: 'Break-glass account',
    };

    const refused = await post(
      running.url,
      invoke(capture.serviceUrl, CONTOSO_CHANNEL, ENGINEER, Verb.TriageSubmit, data),
    );
    expect(JSON.stringify(refused.json)).toContain('Only the approvers of Contoso');
    expect((await running.stores.findings.get(mfaId))?.state).toBe(current?.state);

    const allowed = await post(
      running.url,
      invoke(capture.serviceUrl, CONTOSO_CHANNEL, APPROVER, Verb.TriageSubmit, data),
    );
    expect(allowed.status).toBe(200);
    expect((await running.stores.findings.get(mfaId))?.state).toBe('false_positive');
    expect((await running.stores.audit.list({ findingId: mfaId })).at(-1)).toMatchObject({
      action: 'falsePositive',
      actor: APPROVER,
    });
  });

  it('the clicker gets the card even when updating it for everyone keeps failing', async () => {
    const finding = await running.stores.findings.get(lapsId);
    capture.failNext(10, 502, { method: 'PUT' });

    const res = await post(
      running.url,
      invoke(capture.serviceUrl, CONTOSO_CHANNEL, ENGINEER, Verb.Details, {
        tenantId: contoso.id,
        findingId: finding?.id ?? 'x',
        version: finding?.version ?? 0,
      }),
    );
    expect(res.json).toMatchObject({ statusCode: 200 });

    const snooze = await post(
      running.url,
      invoke(capture.serviceUrl, CONTOSO_CHANNEL, ENGINEER, Verb.TriageSubmit, {
        tenantId: contoso.id,
        findingId: finding?.id,
        version: finding?.version,
        decision: 'snoozed',
        reason: 'Change window on Friday',
        until: '2025-06-10',
      }),
    );
    expect(snooze.json).toMatchObject({ statusCode: 200, type: 'application/vnd.microsoft.card.adaptive' });
    await running.bot.idle();
    expect((await running.stores.findings.get(finding?.id ?? ''))?.state).toBe('snoozed');
    expect(capture.calls().filter((c) => c.method === 'PUT').length).toBeGreaterThan(1);
  });
});

describe('bad input never crashes the bot or leaks a stack', () => {
  it('malformed JSON gets 400', async () => {
    const res = await post(running.url, '{"type": "message", ');
    expect(res.status).toBe(400);
    expect(res.text).not.toMatch(/at .*\.(ts|js):\d+/);
  });

  it('an activity without conversation, from or serviceUrl gets 400', async () => {
    const res = await post(running.url, { type: 'message', text: 'status' });
    expect(res.status).toBe(400);
    expect(res.json).toMatchObject({ code: 'BadRequest' });
  });

  it('a non-object body gets 400', async () => {
    expect((await post(running.url, '"hello"')).status).toBe(400);
    expect((await post(running.url, '[1,2]')).status).toBe(400);
  });

  it('huge text gets a polite reply', async () => {
    const res = await post(
      running.url,
      message(capture.serviceUrl, CONTOSO_CHANNEL, ENGINEER, `status ${'x'.repeat(50_000)}`),
    );
    expect(res.status).toBe(200);
    const [reply] = await capture.waitFor((calls) => calls.length >= 1);
    expect((reply?.body as { text?: string }).text).toContain("I don't know a tenant");
  });

  it('unknown activity types are accepted and ignored', async () => {
    const res = await post(running.url, {
      ...message(capture.serviceUrl, CONTOSO_CHANNEL, ENGINEER, 'x'),
      type: 'somethingNew',
    });
    expect(res.status).toBeLessThan(300);
  });

  it('an unknown invoke or verb gets an error body, never HTTP 501', async () => {
    const unknownVerb = await post(
      running.url,
      invoke(capture.serviceUrl, CONTOSO_CHANNEL, ENGINEER, 'finding.explode', {}),
    );
    expect(unknownVerb.status).toBe(200);
    expect(unknownVerb.json).toMatchObject({ statusCode: 400, type: 'application/vnd.microsoft.error' });

    const otherInvoke = await post(running.url, {
      ...invoke(capture.serviceUrl, CONTOSO_CHANNEL, ENGINEER, Verb.Details, {}),
      name: 'composeExtension/query',
    });
    expect(otherInvoke.status).toBe(200);
  });
});
