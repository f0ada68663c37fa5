import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { useTestDatabase } from '../../support/mongo';
import { startConnectorCapture, type ConnectorCapture } from '../../../sim/teams/connector-capture';
import { CONTOSO_CHANNEL, ENGINEER, message, post, startBot, type RunningBot } from '../support/bot-harness';
import { startChannelIssuer, type ChannelIssuer } from '../support/channel-issuer';

const APP_ID = 'test-app';

const database = useTestDatabase();
let issuer: ChannelIssuer;
let capture: ConnectorCapture;
let running: RunningBot;

beforeAll(async () => {
  issuer = await startChannelIssuer(APP_ID);
  capture = await startConnectorCapture();
  running = await startBot(database.db, { auth: issuer.auth });
});
afterAll(async () => {
  await running.close();
  await capture.close();
  await issuer.close();
});

function token(claims: { aud?: string; iss?: string }) {
  return issuer.sign({ serviceurl: capture.serviceUrl, ...claims });
}

describe('inbound authentication with BOT_ID set', () => {
  it('accepts a token signed by the channel key for this app', async () => {
    const res = await post(running.url, message(capture.serviceUrl, CONTOSO_CHANNEL, ENGINEER, 'help'), {
      authorization: `Bearer ${await token({})}`,
    });
    expect(res.status).toBe(200);
  });

  it.each([
    ['a wrong audience', { aud: 'other' }],
    ['a wrong issuer', { iss: 'https://evil.example' }],
  ])('refuses %s with 401', async (_what, claims) => {
    const res = await post(running.url, message(capture.serviceUrl, CONTOSO_CHANNEL, ENGINEER, 'help'), {
      authorization: `Bearer ${await token(claims)}`,
    });
    expect(res.status).toBe(401);
  });

  it('refuses a request without a token with 401', async () => {
    const res = await post(running.url, message(capture.serviceUrl, CONTOSO_CHANNEL, ENGINEER, 'help'));
    expect(res.status).toBe(401);
    expect(res.text).not.toMatch(/at .*\.(ts|js):\d+/);
  });
});
