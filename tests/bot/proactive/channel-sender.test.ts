import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startConnectorCapture, type ConnectorCapture } from '../../../sim/teams/connector-capture';
import { createTeamsAdapter } from '../../../bot/teams/bot-auth';
import { createChannelSender, type ChannelSender } from '../../../bot/proactive/channel-sender';
import { fixedClock } from '../../../core/clock';
import { silentLogger } from '../../../core/logger';
import type { ConversationRef } from '../../../core/bindings/channel-binding';

let capture: ConnectorCapture;
let sender: ChannelSender;
const slept: number[] = [];
const clock = fixedClock('2025-06-01T09:00:00.000Z');

beforeAll(async () => {
  capture = await startConnectorCapture();
  sender = createChannelSender({
    adapter: createTeamsAdapter({ mode: 'off' }),
    botAppId: '',
    authEnabled: false,
    clock,
    logger: silentLogger,
    sleep: async (ms) => {
      slept.push(ms);
      clock.advance(ms);
    },
    retry: { attempts: 4, baseDelayMs: 100, maxDelayMs: 1000, random: () => 1 },
  });
});
afterAll(() => capture.close());
beforeEach(() => {
  capture.clear();
  slept.length = 0;
  // A fresh rate window for every test: only retry back-offs are slept.
  clock.advance(60_000);
});

const channel = (serviceUrl: string): ConversationRef => ({
  serviceUrl,
  channelId: 'msteams',
  conversationId: '19:ops@thread.tacv2',
  conversationType: 'channel',
  bot: { id: '28:bot' },
});

describe('sending to a channel outside a turn', () => {
  it('posts a new top-level message and returns its activity id', async () => {
    const outcome = await sender.post(channel(capture.serviceUrl), { type: 'message', text: 'hello' });

    expect(outcome).toEqual({ ok: true, activityId: expect.stringMatching(/^act-/) });
    expect(capture.posts()).toHaveLength(1);
    expect(capture.posts()[0]?.conversationId).toBe('19:ops@thread.tacv2');
  });

  it('updates a channel card in its thread', async () => {
    const outcome = await sender.update(channel(capture.serviceUrl), 'act-7', {
      type: 'message',
      text: 'edited',
    });

    expect(outcome.ok).toBe(true);
    expect(capture.puts()[0]).toMatchObject({
      conversationId: '19:ops@thread.tacv2;messageid=act-7',
      activityId: 'act-7',
    });
  });

  it.each([502, 504, 412])('retries %i with backoff and then succeeds', async (status) => {
    capture.failNext(2, status);

    const outcome = await sender.update(channel(capture.serviceUrl), 'act-8', { type: 'message', text: 'x' });

    expect(outcome.ok).toBe(true);
    expect(capture.calls().map((c) => c.status)).toEqual([status, status, 200]);
    expect(slept).toEqual([100, 200]);
  });

  it('gives up after the last attempt and reports the status without throwing', async () => {
    capture.failNext(10, 502);

    const outcome = await sender.post(channel(capture.serviceUrl), { type: 'message', text: 'x' });

    expect(outcome).toMatchObject({ ok: false, status: 502, message: 'the connector answered 502' });
    expect(capture.calls()).toHaveLength(4);
  });

  it('does not retry a refusal that will not change (403)', async () => {
    capture.failNext(1, 403);

    const outcome = await sender.post(channel(capture.serviceUrl), { type: 'message', text: 'x' });

    expect(outcome).toMatchObject({ ok: false, status: 403 });
    expect(capture.calls()).toHaveLength(1);
  });

  it('refuses a serviceUrl that is not a Teams host, without any request', async () => {
    const outcome = await sender.post(channel('https://attacker.example/'), { type: 'message', text: 'x' });

    expect(outcome).toMatchObject({ ok: false, message: expect.stringContaining('not a Teams host') });
    expect(capture.calls()).toHaveLength(0);
  });
});
